package io.netpolguard.config;

import io.netpolguard.error.InputException;
import io.netpolguard.model.PortRange;
import io.netpolguard.model.Protocol;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configuration of what a release's role opens: ingressProxy, its switch, and coverUnknownKinds. */
class RoleConfigTest {

    private static Config parse(String yaml) {
        return ConfigReader.parse(yaml, "config.yaml");
    }

    @Test
    void byDefaultTheControllersBackendsAreEveryPodOnEveryPortAndUnknownKindsAreCovered() {
        Config d = parse("");
        assertThat(d.ingressProxy()).isEqualTo(IngressProxy.DEFAULT);
        assertThat(d.ingressProxy().anyNamespace()).isTrue();
        assertThat(d.ingressProxy().ports()).isEmpty();
        assertThat(d.allows(Allowance.INGRESS_PROXY)).isTrue();
        assertThat(d.coverUnknownKinds()).isTrue();
        assertThat(parse("segregate: true").coverUnknownKinds()).isTrue();
    }

    @Test
    void ingressProxyNamesNamespacesNamespaceLabelsPortsAndWorkloads() {
        IngressProxy p = parse("""
                ingressProxy:
                  namespaces: [shop, blog]
                  namespaceLabels: {tenant: web}
                  ports: [8080, {port: 9000, endPort: 9100}, {port: 5353, protocol: UDP}]
                  workloads: [{kind: Deployment, name: edge}, {podLabels: {app: proxy}}]
                """).ingressProxy();

        assertThat(p.namespaces()).containsExactly("shop", "blog");
        assertThat(p.namespaceLabels()).isEqualTo(Map.of("tenant", "web"));
        assertThat(p.ports()).containsExactly(PortRange.tcp(8080), new PortRange(Protocol.TCP, 9000, 9100),
                PortRange.of(Protocol.UDP, 5353));
        assertThat(p.workloads()).containsExactly(new WorkloadMatch("Deployment", "edge", Map.of()),
                new WorkloadMatch(null, null, Map.of("app", "proxy")));
        assertThat(p.anyNamespace()).isFalse();
        assertThat(parse("ingressProxy: {ports: []}").ingressProxy().ports()).as("every port, as by default").isEmpty();
    }

    @Test
    void ingressProxyAndCoverUnknownKindsAreSwitchedOffLikeTheOthers() {
        assertThat(parse("allowances: {ingressProxy: false}").allows(Allowance.INGRESS_PROXY)).isFalse();
        assertThat(Config.defaults().without(java.util.Set.of(Allowance.INGRESS_PROXY)).allows(Allowance.INGRESS_PROXY))
                .isFalse();
        Config strict = parse("coverUnknownKinds: false");
        assertThat(strict.coverUnknownKinds()).isFalse();
        assertThat(strict.without(java.util.Set.of()).coverUnknownKinds()).isFalse();
        assertThat(strict.withSegregate(true).coverUnknownKinds()).isFalse();
    }

    @Test
    void aMisspeltOrMisshapenKeyIsRefusedWithWhatItShouldBe() {
        assertThatThrownBy(() -> parse("ingressProxy: {namespace: shop}")).isInstanceOf(InputException.class)
                .hasMessageContaining("\"ingressProxy.namespace\"; did you mean \"namespaces\"?");
        assertThatThrownBy(() -> parse("ingresProxy: {}")).hasMessageContaining("did you mean \"ingressProxy\"?");
        assertThatThrownBy(() -> parse("coverUnknownKinds: no-thanks"))
                .hasMessageContaining("needs true or false at coverUnknownKinds");
        assertThatThrownBy(() -> parse("ingressProxy: {namespaceLabels: {}}"))
                .hasMessageContaining("has empty namespaceLabels at ingressProxy");
        assertThatThrownBy(() -> parse("ingressProxy: {workloads: [{}]}"))
                .hasMessageContaining("needs a name (and kind) or podLabels at ingressProxy.workloads[]");
        assertThatThrownBy(() -> parse("allowances: {ingressproxy: false}"))
                .hasMessageContaining("ingressProxy");
        assertThat(List.of(AllowanceConfig.switchNames().split(", "))).contains("ingressProxy");
    }
}
