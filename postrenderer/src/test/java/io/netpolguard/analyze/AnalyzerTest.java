package io.netpolguard.analyze;

import io.netpolguard.error.InputException;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.WorkloadKind;
import io.netpolguard.read.ManifestReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnalyzerTest {

    static Manifest manifest(String yaml) {
        return new ManifestReader(WorkloadKind.BUILT_IN).read(yaml.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> lines(String yaml) {
        return lines(yaml, Options.DEFAULT);
    }

    static List<String> lines(String yaml, Options options) {
        return Analyzer.analyze(manifest(yaml), options).connections().stream().map(Connection::line).toList();
    }

    static String deployment(String namespace, String name, String labels, String ports) {
        return "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: " + name
                + (namespace == null ? "" : ", namespace: " + namespace) + "}\nspec:\n  selector: {matchLabels: "
                + labels + "}\n  template:\n    metadata: {labels: " + labels + "}\n    spec:\n      containers: [{name: c, image: i"
                + (ports.isEmpty() ? "" : ", ports: " + ports) + "}]\n";
    }

    static String pod(String name, String labels, String ownerReferences) {
        return "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\n  namespace: default\n  labels: " + labels
                + (ownerReferences == null ? "" : "\n  ownerReferences: " + ownerReferences)
                + "\nspec: {containers: [{name: c, image: i}]}\n";
    }

    @Test
    void withoutPoliciesEveryPairOfDifferentPeersHasAllConnectionsButNoSelfPairsAndNoExternalToExternal() {
        List<String> lines = lines(deployment(null, "a", "{app: a}", "") + deployment(null, "b", "{app: b}", ""));

        assertThat(lines).containsExactly(
                "0.0.0.0-255.255.255.255[External] => default/a[Deployment] : All Connections",
                "0.0.0.0-255.255.255.255[External] => default/b[Deployment] : All Connections",
                "default/a[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections",
                "default/a[Deployment] => default/b[Deployment] : All Connections",
                "default/b[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections",
                "default/b[Deployment] => default/a[Deployment] : All Connections");
    }

    @Test
    void objectsWithoutNamespaceAreInTheDefaultNamespaceWhichIsAnOption() {
        List<String> lines = lines(deployment(null, "a", "{app: a}", ""), new Options("team-a", false));

        assertThat(lines).contains("team-a/a[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections");
    }

    @Test
    void barePodsAreFoldedIntoTheirControllingOwnerAsWritten() {
        String yaml = pod("web-1", "{app: web}", "[{kind: ReplicaSet, name: web-7d9, controller: true}]")
                + pod("web-2", "{app: web}", "[{kind: ReplicaSet, name: web-7d9, controller: true}]")
                + pod("gap-1", "{app: gap, n: '1'}", "[{name: internal, controller: true}]")
                + pod("static", "{app: s}", "[{kind: Node, name: node-1, controller: true}]")
                + pod("alone", "{app: alone}", "[{kind: ReplicaSet, name: other, controller: false}]");

        Analysis a = Analyzer.analyze(manifest(yaml), Options.DEFAULT);

        assertThat(a.peers()).extracting(Peer::name).contains("default/web-7d9[ReplicaSet]", "default/internal[Pod]",
                "default/static[Pod]", "default/alone[Pod]").doesNotContain("default/web-1[Pod]", "default/node-1[Node]");
        assertThat(a.peer("default/web-7d9[ReplicaSet]").orElseThrow().objects()).hasSize(2);
        assertThat(a.peer("default/web-7d9[ReplicaSet]").orElseThrow().pods()).hasSize(1);
    }

    @Test
    void foldedPodsWithDifferentLabelsAndHostNetworkPodsAreReportedAsWarnings() {
        String yaml = pod("gap-1", "{app: gap, n: '1'}", "[{name: internal, controller: true}]")
                + pod("gap-2", "{app: gap, n: '2'}", "[{name: internal, controller: true}]")
                + deployment("x", "node", "{app: node}", "").replace("      containers:", "      hostNetwork: true\n      containers:");

        Analysis a = Analyzer.analyze(manifest(yaml), Options.DEFAULT);

        assertThat(a.warnings()).containsExactly(
                "default/internal[Pod] stands for pods with 2 different label sets; its lines are what the policies"
                        + " allow for any of them.",
                "x/node[Deployment] runs pods with hostNetwork: true; NetworkPolicies do not apply to them on most"
                        + " clusters, but its lines are those the policies would allow.");
    }

    @Test
    void externalPeersAreTheIngressAndEgressIpBlockPartitionsOfAllPolicies() {
        String yaml = deployment("x", "a", "{app: a}", "") + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: p, namespace: x}
                spec:
                  podSelector: {matchLabels: {app: nobody}}
                  ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}}]}]
                """;

        assertThat(lines(yaml)).containsExactly(
                "0.0.0.0-9.255.255.255[External] => x/a[Deployment] : All Connections",
                "10.0.0.0-10.255.255.255[External] => x/a[Deployment] : All Connections",
                "11.0.0.0-255.255.255.255[External] => x/a[Deployment] : All Connections",
                "x/a[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections");
    }

    private static final String INGRESS = """
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web, namespace: x}
            spec:
              rules:
              - http:
                  paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
                  - {path: /api, pathType: Prefix, backend: {service: {name: web, port: {name: admin}}}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: x}
            spec:
              selector: {app: web}
              ports:
              - {name: http, port: 80, targetPort: http}
              - {name: admin, port: 9000, targetPort: 9000}
              - {name: unused, port: 9100}
            """;

    @Test
    void theIngressControllerReachesDeclaredTcpTargetPortsBehindIngressBackends() {
        String yaml = INGRESS + deployment("x", "web", "{app: web}", "[{name: http, containerPort: 8080}, {containerPort: 9000}, {containerPort: 9100}]");

        assertThat(lines(yaml)).contains("{ingress-controller} => x/web[Deployment] : TCP 8080,9000");
    }

    @Test
    void anIngressBackendNumberThatIsAServicesTargetPortReachesItAsNpGuardReadsIt() {
        String yaml = INGRESS.replace("{number: 80}", "{number: 8080}").replace("targetPort: http}", "targetPort: 8080}")
                + deployment("x", "web", "{app: web}", "[{containerPort: 8080}, {containerPort: 9000}]");

        assertThat(lines(yaml)).contains("{ingress-controller} => x/web[Deployment] : TCP 8080,9000");
    }

    @Test
    void theIngressControllerLineIsCutByPoliciesAndDroppedWithAWarningWhenNothingIsLeft() {
        String web = deployment("x", "web", "{app: web}", "[{name: http, containerPort: 8080}, {containerPort: 9000}]");
        String onlyAdmin = """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: p, namespace: x}
                spec:
                  podSelector: {}
                  ingress: [{from: [{namespaceSelector: {}}], ports: [{port: 9000}]}]
                """;
        String denyAll = onlyAdmin.replace("ingress: [{from: [{namespaceSelector: {}}], ports: [{port: 9000}]}]",
                "policyTypes: [Ingress]");

        assertThat(lines(INGRESS + web + onlyAdmin)).contains("{ingress-controller} => x/web[Deployment] : TCP 9000");
        Analysis denied = Analyzer.analyze(manifest(INGRESS + web + denyAll), Options.DEFAULT);
        assertThat(denied.connections()).noneMatch(c -> c.source().name().equals("{ingress-controller}"));
        assertThat(denied.warnings()).singleElement().asString()
                .contains("Ingress x/web sends traffic to x/web[Deployment]", "NetworkPolicies let no ingress controller");
    }

    @Test
    void anIngressToAMissingServiceIsAWarningNotAnError() {
        Analysis a = Analyzer.analyze(manifest(INGRESS.substring(0, INGRESS.indexOf("---\napiVersion: v1"))
                + deployment("x", "web", "{app: web}", "")), Options.DEFAULT);

        assertThat(a.warnings()).isNotEmpty().allMatch(w -> w.contains("Service x/web, which is not in the input"));
    }

    @Test
    void anInvalidCidrIsAnInputErrorNamingThePolicy() {
        String yaml = deployment("x", "a", "{app: a}", "") + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: p, namespace: x}
                spec:
                  podSelector: {}
                  egress: [{to: [{ipBlock: {cidr: 10.0.0.0}}]}]
                """;

        assertThatThrownBy(() -> Analyzer.analyze(manifest(yaml), Options.DEFAULT)).isInstanceOf(InputException.class)
                .hasMessageContaining("NetworkPolicy x/p spec.egress[0]").hasMessageContaining("is not a CIDR");
    }

    @Test
    void exposureReportsUnprotectedWorkloadsEntireClusterAndRepresentativePeersWithUnresolvedNamedPorts() {
        String yaml = deployment("x", "a", "{app: a}", "[{name: http, containerPort: 8080}]") + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: p, namespace: x}
                spec:
                  podSelector: {matchLabels: {app: a}}
                  policyTypes: [Ingress, Egress]
                  ingress: [{from: [{namespaceSelector: {}}], ports: [{port: http}]}]
                  egress: [{to: [{namespaceSelector: {matchLabels: {team: t}}}], ports: [{port: metrics}]}]
                """ + deployment("x", "b", "{app: b}", "");

        Exposure e = Analyzer.analyze(manifest(yaml), Options.DEFAULT.withExposure(true)).exposure();

        assertThat(e.egress()).extracting(l -> l.workload().name() + " => " + l.other().name() + " : " + l.connections())
                .containsExactly("x/a[Deployment] => [namespace with {team=t}]/[all pods] : TCP metrics",
                        "x/b[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections",
                        "x/b[Deployment] => entire-cluster : All Connections");
        assertThat(e.ingress()).extracting(l -> l.workload().name() + " <= " + l.other().name() + " : " + l.connections())
                .containsExactly("x/a[Deployment] <= entire-cluster : TCP 8080",
                        "x/b[Deployment] <= 0.0.0.0-255.255.255.255[External] : All Connections",
                        "x/b[Deployment] <= entire-cluster : All Connections");
        assertThat(e.unprotected()).extracting(Exposure.Unprotected::line).containsExactly(
                "x/b[Deployment] is not protected on Egress", "x/b[Deployment] is not protected on Ingress");
    }

    @Test
    void representativePeersThatAnInputPodMatchesAreLeftOut() {
        String yaml = deployment("x", "a", "{app: a}", "") + deployment("x", "db", "{app: db}", "") + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: p, namespace: x}
                spec:
                  podSelector: {matchLabels: {app: a}}
                  policyTypes: [Egress]
                  egress: [{to: [{podSelector: {matchLabels: {app: db}}}, {podSelector: {matchLabels: {app: cache}}}]}]
                """;

        Exposure e = Analyzer.analyze(manifest(yaml), Options.DEFAULT.withExposure(true)).exposure();

        assertThat(e.egress()).filteredOn(l -> l.workload().name().equals("x/a[Deployment]"))
                .extracting(l -> l.other().name()).containsExactly("x/[pod with {app=cache}]");
    }

    @Test
    void theSameInputGivesTheSameBytesInEveryFormat() {
        String yaml = INGRESS + deployment("x", "web", "{app: web}", "[{name: http, containerPort: 8080}]")
                + deployment("y", "client", "{app: c}", "") + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: p, namespace: x}
                spec:
                  podSelector: {}
                  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: y}}}, {ipBlock: {cidr: 10.0.0.0/8}}]}]
                """;
        for (Format f : Format.values()) {
            String first = f.render(Analyzer.analyze(manifest(yaml), Options.DEFAULT.withExposure(true)));
            String second = f.render(Analyzer.analyze(manifest(yaml), Options.DEFAULT.withExposure(true)));
            assertThat(second).as(f.label()).isEqualTo(first).isNotEmpty();
        }
    }
}
