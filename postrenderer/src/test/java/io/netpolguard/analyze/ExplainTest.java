package io.netpolguard.analyze;

import io.netpolguard.InputException;
import org.junit.jupiter.api.Test;

import static io.netpolguard.analyze.AnalyzerTest.deployment;
import static io.netpolguard.analyze.AnalyzerTest.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExplainTest {

    private static final String SHOP = deployment("shop", "web", "{app: web}", "[{name: http, containerPort: 8080}]")
            + deployment("shop", "db", "{app: db}", "[{name: pg, containerPort: 5432}]") + """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: db}}
              ingress:
              - from: [{podSelector: {matchLabels: {app: web}}}]
                ports: [{port: pg}]
              - from: [{podSelector: {matchLabels: {app: web}}}]
                ports: [{port: 9187}]
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web-egress, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: web}}
              policyTypes: [Egress]
              egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}], ports: [{port: 443}]}]
            """;

    private static Analysis shop() {
        return Analyzer.analyze(manifest(SHOP), Options.DEFAULT);
    }

    @Test
    void eachIsolatedSideNamesItsPoliciesAndTheRuleThatAdmitsOrWhyNoneDoes() {
        String text = Explain.text(shop(), "web", "shop/db", "TCP/5432");

        assertThat(text).startsWith("shop/web[Deployment] => shop/db[Deployment] on TCP 5432: not allowed\n")
                .contains("Egress from shop/web[Deployment]: denied",
                        "isolated by NetworkPolicy shop/web-egress",
                        "no rule of these policies admits it",
                        "NetworkPolicy shop/web-egress spec.egress[0] admits other destinations: to 0.0.0.0/0, on TCP 443",
                        "(an ipBlock admits addresses outside the cluster, never pods)",
                        "Ingress to shop/db[Deployment]: allowed",
                        "admitted by NetworkPolicy shop/db spec.ingress[0]: from pods {app=web} of namespace shop, on TCP pg (named port)",
                        "NetworkPolicy shop/db spec.ingress[1] admits the source but not this port");
    }

    @Test
    void anUnisolatedSideAllowsEverything() {
        String text = Explain.text(shop(), "shop/db[Deployment]", "140.82.121.4", "tcp/443");

        assertThat(text).startsWith("shop/db[Deployment] => 140.82.121.4-140.82.121.4[External] on TCP 443: allowed")
                .contains("not isolated: no NetworkPolicy selects these pods for egress",
                        "addresses outside the cluster have no policies of their own",
                        "All that is allowed from shop/db[Deployment] to 140.82.121.4-140.82.121.4[External]: All Connections");
    }

    @Test
    void aPortNameIsResolvedByTheDestinationsContainerPorts() {
        assertThat(Explain.text(shop(), "web", "db", "TCP/pg")).contains("on TCP 5432");
    }

    @Test
    void unknownPeersAndConnectionsAreInputErrorsThatSayWhatToWrite() {
        assertThatThrownBy(() -> Explain.text(shop(), "nope", "db", "TCP/1")).isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(((InputException) e).paragraph()).contains("\"nope\" is no workload",
                        "(shop/db[Deployment], shop/web[Deployment]),").doesNotContain("..."));
        assertThatThrownBy(() -> Explain.text(shop(), "web", "db", "HTTP/80")).isInstanceOf(InputException.class)
                .hasMessageContaining("no protocol");
        assertThatThrownBy(() -> Explain.text(shop(), "web", "db", "TCP/99999")).isInstanceOf(InputException.class)
                .hasMessageContaining("no port 1-65535");
    }
}
