package io.netpolguard.analyze;

import io.netpolguard.error.InputException;
import io.netpolguard.connectivity.Connections;
import io.netpolguard.model.Protocol;
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

    /** web behind a Service (port 80 to its container port http, 8080) and an Ingress; db behind nothing. */
    private static final String ROUTED = deployment("shop", "web", "{app: web}", "[{name: http, containerPort: 8080}]")
            + deployment("shop", "db", "{app: db}", "[{containerPort: 5432}]") + """
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec: {selector: {app: web}, ports: [{port: 80, targetPort: http}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web, namespace: shop}
            spec:
              rules:
              - http:
                  paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
            """;

    /** What netpol-guard writes for an Ingress backend: ingress-nginx's pods, on the backend's port only. */
    private static final String ADMITS_INGRESS_NGINX = """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: web, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: web}}
              ingress:
              - from:
                - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}
                  podSelector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}
                ports: [{port: 8080}]
            """;

    @Test
    void theIngressControllerReachesAnUnisolatedWorkloadOnlyOnTheBackendsPortAsTheConnectionListSays() {
        Analysis analysis = Analyzer.analyze(manifest(ROUTED), Options.DEFAULT);
        assertThat(analysis.connections()).extracting(Connection::line)
                .contains("{ingress-controller} => shop/web[Deployment] : TCP 8080");

        assertThat(Explain.text(analysis, "{ingress-controller}", "web", "TCP/8080"))
                .startsWith("{ingress-controller} => shop/web[Deployment] on TCP 8080: allowed\n")
                .endsWith("All that is allowed from {ingress-controller} to shop/web[Deployment]: TCP 8080\n");
        assertThat(Explain.text(analysis, "{ingress-controller}", "web", "TCP/9999"))
                .startsWith("{ingress-controller} => shop/web[Deployment] on TCP 9999: not allowed\n")
                .contains("no Ingress or route backend sends TCP 9999 to shop/web[Deployment]")
                .endsWith("All that is allowed from {ingress-controller} to shop/web[Deployment]: TCP 8080\n")
                .doesNotContain("All Connections");
        assertThat(Explain.text(analysis, "{ingress-controller}", "db", "TCP/5432"))
                .startsWith("{ingress-controller} => shop/db[Deployment] on TCP 5432: not allowed\n")
                .contains("no Ingress or route backend sends TCP 5432 to shop/db[Deployment]")
                .endsWith("All that is allowed from {ingress-controller} to shop/db[Deployment]: No Connections\n");
    }

    @Test
    void theIngressControllerIsLetThroughAsTheConnectionListSaysByTheConfiguredControllersPods() {
        Analysis analysis = Analyzer.analyze(manifest(ROUTED + ADMITS_INGRESS_NGINX), Options.DEFAULT);
        assertThat(analysis.connections()).extracting(Connection::line)
                .contains("{ingress-controller} => shop/web[Deployment] : TCP 8080");

        String text = Explain.text(analysis, "{ingress-controller}", "web", "TCP/8080");

        assertThat(text).startsWith("{ingress-controller} => shop/web[Deployment] on TCP 8080: allowed\n")
                .contains("Through pods {app.kubernetes.io/name=ingress-nginx} in namespace ingress-nginx"
                                + " (the configuration's ingressControllers):",
                        "admitted by NetworkPolicy shop/web spec.ingress[0]")
                .endsWith("All that is allowed from {ingress-controller} to shop/web[Deployment]: TCP 8080\n");
    }

    @Test
    void theVerdictOnTheIngressControllerAgreesWithTheConnectionListOnEveryWorkloadAndPort() {
        for (String yaml : new String[] {ROUTED, ROUTED + ADMITS_INGRESS_NGINX}) {
            Analysis analysis = Analyzer.analyze(manifest(yaml), Options.DEFAULT);
            for (String workload : new String[] {"shop/web[Deployment]", "shop/db[Deployment]"}) {
                Connections listed = analysis.connections().stream()
                        .filter(c -> c.source().name().equals("{ingress-controller}")
                                && c.destination().name().equals(workload))
                        .map(Connection::connections).findFirst().orElse(Connections.NONE);
                for (int port : new int[] {80, 5432, 8080, 9999}) {
                    String first = Explain.text(analysis, "{ingress-controller}", workload, "TCP/" + port).lines()
                            .findFirst().orElseThrow();
                    assertThat(first).as(workload + " " + port)
                            .endsWith(listed.contains(Protocol.TCP, port) ? ": allowed" : ": not allowed");
                }
            }
        }
    }

    @Test
    void theIngressControllerIsOnlyASource() {
        assertThatThrownBy(() -> Explain.text(Analyzer.analyze(manifest(ROUTED), Options.DEFAULT), "web",
                "{ingress-controller}", "TCP/80")).isInstanceOf(InputException.class)
                .hasMessageContaining("only a source");
    }
}
