package io.netpolguard.verify;

import io.netpolguard.NetpolGuard;
import io.netpolguard.Result;
import io.netpolguard.Settings;
import io.netpolguard.config.Config;
import io.netpolguard.config.ConfigReader;
import io.netpolguard.model.Direction;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-release findings: every rule of a chart's own NetworkPolicy that selects a workload of the release and admits
 * peers outside it, per workload, with the connections it admits; never for netpol-guard's own policies or for rules
 * pinned to the release's own pods.
 */
class CrossReleaseTest {

    private static final String WEB = """
            ---
            # Source: shop/templates/web.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: shop-web
              namespace: team-a
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels: {app: web, app.kubernetes.io/instance: shop}
                spec:
                  containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 8080}]}]
            """;
    private static final String API = WEB.replace("shop-web", "shop-api").replace("app: web", "app: api")
            .replace("shop/templates/web.yaml", "shop/templates/api.yaml").replace("8080", "9090")
            .replace("name: http", "name: grpc");

    private static String policy(String podSelector, String spec) {
        return """
                ---
                # Source: shop/templates/networkpolicy.yaml
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: shop
                  namespace: team-a
                spec:
                  podSelector: %s
                %s""".formatted(podSelector, spec.indent(2));
    }

    private static Result run(String stream) {
        return run(stream, new Settings("shop", "team-a", false, true, Config.defaults()));
    }

    private static Result run(String stream, Settings settings) {
        return NetpolGuard.run(stream.getBytes(StandardCharsets.UTF_8), settings);
    }

    @Test
    void aRuleWithoutPeersAdmitsEverySourceOnItsPortsIntoEachWorkloadItSelects() {
        Result result = run(WEB + API + policy("{}", """
                policyTypes: [Ingress]
                ingress:
                  - ports: [{port: http}]
                """));

        assertThat(result.crossRelease()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.CROSS_RELEASE);
            assertThat(f.workload().name()).isEqualTo("shop-web");
            assertThat(f.workload().object().source()).isEqualTo("shop/templates/web.yaml");
            assertThat(f.direction()).isEqualTo(Direction.INGRESS);
            assertThat(f.policy().name()).isEqualTo("shop");
            assertThat(f.policy().source()).isEqualTo("shop/templates/networkpolicy.yaml");
            assertThat(f.rule()).isEqualTo("spec.ingress[0]");
            assertThat(f.admits()).isEqualTo("anywhere (every pod and every address)");
            assertThat(f.connections()).as("the named port resolved on the web pods; the api pods have no http")
                    .isEqualTo("TCP 8080");
        });
    }

    @Test
    void oneWarningPerRuleNamesEveryWorkloadItConcernsWithItsConnections() {
        Result result = run(WEB + API + policy("{}", """
                policyTypes: [Ingress]
                ingress:
                  - from: [{ipBlock: {cidr: 10.0.0.0/8}}]
                """));

        assertThat(result.crossRelease()).hasSize(2);
        assertThat(result.warnings()).filteredOn(w -> w.contains("spec.ingress[0]")).singleElement().asString()
                .startsWith("NetworkPolicy team-a/shop (from the chart, shop/templates/networkpolicy.yaml)"
                        + " spec.ingress[0] admits ingress from 10.0.0.0/8, outside the release, into"
                        + " Deployment team-a/shop-web and Deployment team-a/shop-api on All Connections.")
                .contains("narrow the rule in the chart");
    }

    @Test
    void aRuleWithNeitherPeersNorPortsVoidsTheIsolationOfThatDirection() {
        Result result = run(WEB + policy("{matchLabels: {app: web}}", """
                policyTypes: [Ingress, Egress]
                ingress:
                  - from: [{podSelector: {matchLabels: {app: web}}}]
                egress:
                  - {}
                """));

        assertThat(result.crossRelease()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.ISOLATION_VOIDED);
            assertThat(f.direction()).isEqualTo(Direction.EGRESS);
            assertThat(f.connections()).isEqualTo("All Connections");
        });
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("spec.egress[0] has neither peers nor"
                + " ports, so egress of Deployment team-a/shop-web is not isolated at all"));
    }

    @Test
    void namespaceSelectorsNotPinnedToTheReleaseNamespaceAndEveryPodOfTheNamespaceAreOutside() {
        Result result = run(WEB + policy("{matchLabels: {app: web}}", """
                policyTypes: [Ingress]
                ingress:
                  - from: [{namespaceSelector: {}}]
                    ports: [{port: 8080}]
                  - from: [{namespaceSelector: {matchLabels: {team: b}}, podSelector: {matchLabels: {app: web}}}]
                    ports: [{port: 8081}]
                  - from: [{podSelector: {}}]
                    ports: [{port: 8082}]
                  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: team-a}}}]
                    ports: [{port: 8083}]
                """));

        assertThat(result.crossRelease()).extracting(Finding::rule, Finding::admits, Finding::connections).containsExactly(
                org.assertj.core.groups.Tuple.tuple("spec.ingress[0]", "every pod of every namespace", "TCP 8080"),
                org.assertj.core.groups.Tuple.tuple("spec.ingress[1]", "pods {app=web} of namespaces {team=b}",
                        "TCP 8081"),
                org.assertj.core.groups.Tuple.tuple("spec.ingress[2]", "every pod of namespace team-a", "TCP 8082"),
                org.assertj.core.groups.Tuple.tuple("spec.ingress[3]", "every pod of namespaces"
                        + " {kubernetes.io/metadata.name=team-a}", "TCP 8083"));
    }

    @Test
    void aRulePinnedToTheReleasesOwnPodsYieldsNoFinding() {
        Result result = run(WEB + API + policy("{matchLabels: {app: api}}", """
                policyTypes: [Ingress]
                ingress:
                  - from:
                      - podSelector: {matchLabels: {app: web}}
                      - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: team-a}}
                        podSelector: {matchLabels: {app.kubernetes.io/instance: shop}}
                """));

        assertThat(result.findings()).isEmpty();
        assertThat(result.warnings()).noneMatch(w -> w.contains("outside the release"));
    }

    @Test
    void netpolGuardsOwnPoliciesNeverYieldAFindingNotEvenOnASecondRun() throws IOException {
        Result first = run(WEB + API);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        first.writeTo(out);
        Result second = run(out.toString(StandardCharsets.UTF_8));

        assertThat(first.generated()).isNotEmpty();
        assertThat(first.findings()).isEmpty();
        assertThat(second.findings()).isEmpty();
    }

    @Test
    void whatAnAllowanceExplainsIsNoFinding() {
        String lb = """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: shop-web, namespace: team-a}
                spec:
                  type: LoadBalancer
                  selector: {app: web}
                  ports: [{port: 80, targetPort: http}]
                """;
        Result explained = run(WEB + lb + policy("{matchLabels: {app: web}}", """
                policyTypes: [Ingress]
                ingress:
                  - ports: [{port: 8080}]
                """));
        Result wider = run(WEB + lb + policy("{matchLabels: {app: web}}", """
                policyTypes: [Ingress]
                ingress:
                  - ports: [{port: 8080}, {port: 9000}]
                """));

        assertThat(explained.findings()).isEmpty();
        assertThat(wider.crossRelease()).singleElement().extracting(Finding::connections).isEqualTo("TCP 9000");
    }

    @Test
    void checkOnlyFindsThemToo() {
        Result result = run(WEB + policy("{}", """
                policyTypes: [Ingress]
                ingress:
                  - from: [{ipBlock: {cidr: 0.0.0.0/0}}]
                """), new Settings("shop", "team-a", true, true, Config.defaults()));

        assertThat(result.refused()).isFalse();
        assertThat(result.crossRelease()).singleElement().extracting(Finding::admits).isEqualTo("0.0.0.0/0");
    }

    @Test
    void strictModeRefusesExactlyWhenThereAreFindings() {
        String open = WEB + policy("{}", """
                policyTypes: [Egress]
                egress:
                  - to: [{ipBlock: {cidr: 203.0.113.0/24}}]
                    ports: [{port: 443}]
                """);
        Settings strict = new Settings("shop", "team-a", false, true, Config.defaults()).withStrict(true);

        assertThat(run(open).refused()).isFalse();
        Result refused = run(open, strict);
        assertThat(refused.refused()).isTrue();
        assertThat(io.netpolguard.report.Report.refusal(refused, strict))
                .startsWith("1 connection crosses the release's boundary")
                .contains("Deployment team-a/shop-web: NetworkPolicy team-a/shop (from the chart,"
                        + " shop/templates/networkpolicy.yaml) spec.egress[0] admits egress to 203.0.113.0/24, outside"
                        + " the release, on TCP 443.", "--strict");
        assertThat(run(WEB + API, strict).refused()).isFalse();
    }

    @Test
    void aChartPolicyThatBlocksAnAllowanceIsAFindingOfItsOwnKindThatStrictModeDoesNotRefuse() {
        Config config = ConfigReader.parse("apiServer: {workloads: [{kind: Deployment, name: shop-web}]}\n", "test");
        Result result = run(WEB + policy("{matchLabels: {app: web}}", """
                policyTypes: [Egress]
                egress:
                  - to: [{podSelector: {matchLabels: {app: api}}}]
                """), new Settings("shop", "team-a", false, true, config, true));

        assertThat(result.findings()).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.CHART_GAP);
            assertThat(f.workload().name()).isEqualTo("shop-web");
            assertThat(f.policy().name()).isEqualTo("shop");
        });
        assertThat(result.refused()).isFalse();
    }
}
