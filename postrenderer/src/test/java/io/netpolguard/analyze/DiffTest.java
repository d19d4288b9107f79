package io.netpolguard.analyze;

import org.junit.jupiter.api.Test;

import static io.netpolguard.analyze.AnalyzerTest.deployment;
import static io.netpolguard.analyze.AnalyzerTest.manifest;
import static org.assertj.core.api.Assertions.assertThat;

class DiffTest {

    private static final String TWO = deployment("x", "a", "{app: a}", "") + deployment("x", "b", "{app: b}", "");

    private static String policy(String spec) {
        return "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: x}\nspec:\n"
                + spec.stripIndent().indent(2);
    }

    @Test
    void aPolicyThatNarrowsIngressShowsChangedAndRemovedConnections() {
        String after = TWO + policy("""
                podSelector: {matchLabels: {app: b}}
                ingress: [{from: [{podSelector: {matchLabels: {app: a}}}], ports: [{port: 80}]}]""");

        Diff diff = Diff.between(manifest(TWO), manifest(after), Options.DEFAULT);

        assertThat(diff.render(Format.TXT)).isEqualTo("""
                Connectivity diff:
                diff-type: changed, source: x/a[Deployment], destination: x/b[Deployment], before: All Connections, after: TCP 80
                diff-type: removed, source: 0.0.0.0-255.255.255.255[External], destination: x/b[Deployment], before: All Connections, after: No Connections
                """);
    }

    @Test
    void bothInputsAreComparedOnTheSameAddressRanges() {
        String after = TWO + policy("""
                podSelector: {matchLabels: {app: b}}
                ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/8}}]}]""");

        Diff diff = Diff.between(manifest(TWO), manifest(after), Options.DEFAULT);

        assertThat(diff.changes()).extracting(c -> c.kind() + " " + c.source() + " " + c.destination() + " " + c.after())
                .containsExactly(
                        "REMOVED 0.0.0.0-9.255.255.255[External] x/b[Deployment] No Connections",
                        "REMOVED 11.0.0.0-255.255.255.255[External] x/b[Deployment] No Connections",
                        "REMOVED x/a[Deployment] x/b[Deployment] No Connections");
    }

    @Test
    void connectionsOfAWorkloadOnlyOneInputHasSaySo() {
        String after = TWO + deployment("x", "c", "{app: c}", "");

        Diff diff = Diff.between(manifest(TWO), manifest(after), Options.DEFAULT);

        assertThat(diff.changes()).allMatch(c -> c.kind() == Diff.Kind.ADDED).hasSize(6)
                .anyMatch(c -> c.workloads().equals("workload x/c[Deployment] added"));
        assertThat(Diff.between(manifest(after), manifest(TWO), Options.DEFAULT).changes()).isNotEmpty()
                .allMatch(c -> c.kind() == Diff.Kind.REMOVED && c.workloads().equals("workload x/c[Deployment] removed"));
    }

    @Test
    void identicalInputsHaveNoDifferenceInAnyFormat() {
        Diff diff = Diff.between(manifest(TWO), manifest(TWO), Options.DEFAULT);

        assertThat(diff.changes()).isEmpty();
        assertThat(diff.render(Format.TXT)).isEqualTo("Connectivity diff:\n");
        assertThat(diff.render(Format.JSON)).isEqualTo("{\n  \"changes\": []\n}\n");
        assertThat(diff.render(Format.MD)).startsWith("| diff-type | source |");
    }

    @Test
    void theDiffIsDeterministic() {
        String after = TWO + policy("podSelector: {}\npolicyTypes: [Ingress, Egress]");
        for (Format f : new Format[] {Format.TXT, Format.MD, Format.JSON, Format.CSV}) {
            assertThat(Diff.between(manifest(TWO), manifest(after), Options.DEFAULT).render(f))
                    .isEqualTo(Diff.between(manifest(TWO), manifest(after), Options.DEFAULT).render(f));
        }
    }
}
