package io.netpolguard.analyze;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.netpolguard.analyze.AnalyzerTest.deployment;
import static io.netpolguard.analyze.AnalyzerTest.manifest;
import static org.assertj.core.api.Assertions.assertThat;

/** The graph of an analysis, the one model every renderer draws. */
class DiagramTest {

    /** The release shop in team-a (one workload by the netpol-guard label, one by the instance label) and a neighbour. */
    private static final String SHOP = deployment("team-a", "web", "{app: web, netpol-guard.io/release: shop}", "")
            + deployment("team-a", "db", "{app: db, app.kubernetes.io/instance: shop}", "")
            + deployment("team-a", "cache", "{app: cache, app.kubernetes.io/instance: other}", "")
            + deployment("team-b", "client", "{app: client}", "");

    private static Diagram diagram(String yaml, Options options) {
        return Diagram.of(Analyzer.analyze(manifest(yaml), options));
    }

    private static List<String> highlightedNodes(Diagram d) {
        return d.nodes().stream().filter(Diagram.Node::highlighted).map(Diagram.Node::id).toList();
    }

    private static List<String> highlightedGroups(Diagram d) {
        return d.groups().stream().filter(Diagram.Group::highlighted).map(Diagram.Group::id).toList();
    }

    @Test
    void theWorkloadsWhosePodsCarryTheReleaseLabelOrTheInstanceLabelAreTheRelease() {
        Diagram d = diagram(SHOP, new Options("team-a", false).withRelease("shop"));

        assertThat(highlightedNodes(d)).containsExactly("team-a/db[Deployment]", "team-a/web[Deployment]");
        assertThat(highlightedGroups(d)).containsExactly("team-a");
        assertThat(d.title()).isEqualTo("Release shop in namespace team-a");
    }

    @Test
    void withoutAReleaseEveryWorkloadOfTheInputIsTheRelease() {
        Diagram d = diagram(SHOP, new Options("team-a", false));

        assertThat(highlightedNodes(d)).containsExactly("team-a/cache[Deployment]", "team-a/db[Deployment]",
                "team-a/web[Deployment]", "team-b/client[Deployment]");
        assertThat(highlightedGroups(d)).containsExactly("team-a", "team-b");
        assertThat(d.nodes()).filteredOn(n -> n.kind() == Diagram.Node.Kind.EXTERNAL).isNotEmpty()
                .noneMatch(Diagram.Node::highlighted);
        assertThat(d.title()).isEqualTo("Connectivity in namespaces team-a, team-b");
        assertThat(diagram(deployment(null, "a", "{app: a}", ""), Options.DEFAULT).title())
                .isEqualTo("Connectivity in namespace default");
    }

    @Test
    void peersOutsideTheInputAndTheirNamespacesAreNeverTheRelease() {
        String isolated = SHOP + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web, namespace: team-a}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  policyTypes: [Ingress, Egress]
                  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}},
                                     podSelector: {matchLabels: {app: prometheus}}}]}]
                  egress: [{to: [{namespaceSelector: {}, podSelector: {matchLabels: {k8s-app: kube-dns}}}],
                            ports: [{port: 53, protocol: UDP}]}]
                """;

        Diagram d = diagram(isolated, new Options("team-a", true).withRelease("shop"));

        assertThat(d.nodes()).filteredOn(n -> n.kind() == Diagram.Node.Kind.CLUSTER_PEER).extracting(Diagram.Node::id)
                .contains("monitoring/[pod with {app=prometheus}]", "[all namespaces]/[pod with {k8s-app=kube-dns}]")
                .allSatisfy(id -> assertThat(highlightedNodes(d)).doesNotContain(id));
        assertThat(highlightedGroups(d)).containsExactly("team-a");
        assertThat(d.edges()).filteredOn(Diagram.Edge::exposure).extracting(e -> e.from() + " -> " + e.to())
                .contains("monitoring/[pod with {app=prometheus}] -> team-a/web[Deployment]",
                        "team-a/web[Deployment] -> [all namespaces]/[pod with {k8s-app=kube-dns}]");
    }

    @Test
    void peersOutsideTheInputKeepNpGuardsNamesAsIdsButAreLabelledForPeople() {
        String open = deployment("x", "a", "{app: a}", "") + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: a, namespace: x}
                spec:
                  podSelector: {}
                  policyTypes: [Ingress, Egress]
                  ingress: [{from: [{namespaceSelector: {}}]}]
                  egress: [{to: [{namespaceSelector: {}, podSelector: {matchLabels: {k8s-app: kube-dns}}},
                                 {namespaceSelector: {matchLabels: {team: t}}}]}]
                """;

        Diagram d = diagram(open, new Options("x", true));

        assertThat(d.nodes()).filteredOn(n -> n.kind() == Diagram.Node.Kind.CLUSTER_PEER)
                .extracting(n -> n.id() + " = " + n.groupId() + " / " + n.label())
                .containsExactlyInAnyOrder("entire-cluster = null / any pod of any namespace",
                        "[all namespaces]/[pod with {k8s-app=kube-dns}] = [all namespaces] / [pod with {k8s-app=kube-dns}]",
                        "[namespace with {team=t}]/[all pods] = [namespace with {team=t}] / any pod");
        assertThat(d.groups()).extracting(g -> g.id() + " = " + g.label())
                .contains("[all namespaces] = any namespace", "[namespace with {team=t}] = [namespace with {team=t}]");
    }

    @Test
    void aReleaseThatHoldsNoWorkloadOfTheInputHasATitleWithoutNamespace() {
        Diagram d = diagram(SHOP, new Options("team-a", false).withRelease("nothing-here"));

        assertThat(highlightedNodes(d)).isEmpty();
        assertThat(highlightedGroups(d)).isEmpty();
        assertThat(d.title()).isEqualTo("Release nothing-here");
    }

    @Test
    void dotLabelsTheGraphWithTheTitle() {
        assertThat(diagram(SHOP, new Options("team-a", false).withRelease("shop")).dot())
                .startsWith("digraph {\n\tlabel=\"Release shop in namespace team-a\"\n");
    }

    @Test
    void theOptionsKeepTheirReleaseAndTheOldFactoriesHaveNone() {
        assertThat(Options.DEFAULT.release()).isNull();
        assertThat(new Options("a", true).release()).isNull();
        Options shop = new Options("a", false).withRelease("shop");
        assertThat(shop.withExposure(true)).isEqualTo(new Options("a", true).withRelease("shop"));
    }

    @Test
    void theAnalysisDoesNotDependOnThePictureThatDrawsIt() throws IOException {
        Path analyze = Path.of("src", "main", "java", "io", "netpolguard", "analyze");
        List<Path> sources;
        try (Stream<Path> files = Files.list(analyze)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertThat(sources).isNotEmpty();
        for (Path f : sources) {
            assertThat(Files.readString(f)).as(f.toString()).doesNotContain("analyze.picture.")
                    .doesNotContain("import io.netpolguard.analyze.picture");
        }
    }
}
