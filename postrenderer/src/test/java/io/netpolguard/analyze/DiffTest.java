package io.netpolguard.analyze;

import org.junit.jupiter.api.Test;

import java.util.List;

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
    void identicalInputsPrintNothingAsNpGuardDoesExceptAValidEmptyJsonDocument() {
        Diff diff = Diff.between(manifest(TWO), manifest(TWO), Options.DEFAULT);

        assertThat(diff.changes()).isEmpty();
        assertThat(diff.render(Format.TXT)).isEmpty();
        assertThat(diff.render(Format.MD)).isEmpty();
        assertThat(diff.render(Format.CSV)).isEmpty();
        assertThat(diff.render(Format.JSON)).isEqualTo("{\n  \"changes\": []\n}\n");
    }

    /** A web workload b behind a Service and an Ingress on its ports 80 and 443, and a client a. */
    private static final String ROUTED = deployment("x", "a", "{app: a}", "")
            + deployment("x", "b", "{app: b}", "[{containerPort: 80}, {containerPort: 443}]") + """
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: b, namespace: x}
            spec: {selector: {app: b}, ports: [{name: http, port: 80}, {name: https, port: 443}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: b, namespace: x}
            spec:
              rules:
              - http:
                  paths:
                  - {path: /, pathType: Prefix, backend: {service: {name: b, port: {number: 80}}}}
                  - {path: /s, pathType: Prefix, backend: {service: {name: b, port: {number: 443}}}}
            """;

    @Test
    void theIngressControllersLinesComeLastChangedAddedThenRemovedAsNpGuardOrdersThem() {
        String after = ROUTED + deployment("x", "c", "{app: c}", "") + policy("""
                podSelector: {matchLabels: {app: b}}
                ingress: [{ports: [{port: 80}]}]""");

        Diff diff = Diff.between(manifest(ROUTED), manifest(after), Options.DEFAULT);

        String added = ", before: No Connections, after: All Connections, workloads-diff-info: workload x/c[Deployment] added";
        assertThat(diff.render(Format.TXT)).isEqualTo("""
                Connectivity diff:
                diff-type: changed, source: 0.0.0.0-255.255.255.255[External], destination: x/b[Deployment], before: All Connections, after: TCP 80
                diff-type: changed, source: x/a[Deployment], destination: x/b[Deployment], before: All Connections, after: TCP 80
                diff-type: added, source: 0.0.0.0-255.255.255.255[External], destination: x/c[Deployment]%1$s
                diff-type: added, source: x/a[Deployment], destination: x/c[Deployment]%1$s
                diff-type: added, source: x/b[Deployment], destination: x/c[Deployment]%1$s
                diff-type: added, source: x/c[Deployment], destination: 0.0.0.0-255.255.255.255[External]%1$s
                diff-type: added, source: x/c[Deployment], destination: x/a[Deployment]%1$s
                diff-type: added, source: x/c[Deployment], destination: x/b[Deployment], before: No Connections, after: TCP 80, workloads-diff-info: workload x/c[Deployment] added
                diff-type: changed, source: {ingress-controller}, destination: x/b[Deployment], before: TCP 80,443, after: TCP 80
                """.formatted(added));
    }

    @Test
    void touchingAddressRangesWithTheSameChangeAreOneLineAsNpGuardMergesThem() {
        String after = TWO + policy("""
                podSelector: {matchLabels: {app: b}}
                ingress:
                - {from: [{ipBlock: {cidr: 10.0.0.0/16}}], ports: [{port: 80}]}
                - {from: [{ipBlock: {cidr: 10.1.0.0/16}}], ports: [{port: 80}]}
                egress:
                - {to: [{ipBlock: {cidr: 192.168.0.0/24}}]}
                - {to: [{ipBlock: {cidr: 192.168.1.0/24}}]}""");

        Diff diff = Diff.between(manifest(TWO), manifest(after), Options.DEFAULT);

        String gone = ", before: All Connections, after: No Connections";
        assertThat(diff.render(Format.TXT)).isEqualTo("""
                Connectivity diff:
                diff-type: changed, source: 10.0.0.0-10.1.255.255[External], destination: x/b[Deployment], before: All Connections, after: TCP 80
                diff-type: removed, source: 0.0.0.0-9.255.255.255[External], destination: x/b[Deployment]%1$s
                diff-type: removed, source: 10.2.0.0-255.255.255.255[External], destination: x/b[Deployment]%1$s
                diff-type: removed, source: x/a[Deployment], destination: x/b[Deployment]%1$s
                diff-type: removed, source: x/b[Deployment], destination: 0.0.0.0-192.167.255.255[External]%1$s
                diff-type: removed, source: x/b[Deployment], destination: 192.168.2.0-255.255.255.255[External]%1$s
                diff-type: removed, source: x/b[Deployment], destination: x/a[Deployment]%1$s
                """.formatted(gone));
    }

    /**
     * np-guard's semanticDiff case "policy-a-with-ipblock" to "policy-b-with-ipblock" (../shared/conformance): the
     * ranges of both inputs split each other, and touching ranges with the same change are merged again, so a
     * workload that only one input has gets one line from all addresses, not one per range.
     */
    @Test
    void npGuardsSemanticDiffCaseWithIpBlocksMergesTheRangesBackAsNpGuardDoes() throws java.io.IOException {
        String dir = System.getProperty("netpolguard.conformance", "");
        java.nio.file.Path cases = java.nio.file.Path.of(dir.isEmpty() ? "." : dir);
        org.junit.jupiter.api.Assumptions.assumeTrue(!dir.isEmpty()
                && java.nio.file.Files.isDirectory(cases.resolve("semanticDiff-different-topologies-policy-a-with-ipblock")),
                "np-guard's conformance cases are not beside this checkout");
        Diff diff = Diff.between(folder(cases.resolve("semanticDiff-different-topologies-policy-a-with-ipblock/input")),
                folder(cases.resolve("semanticDiff-different-topologies-policy-b-with-ipblock/input")), Options.DEFAULT);

        List<String> lines = diff.render(Format.TXT).lines().toList();
        assertThat(lines).hasSize(43).startsWith("Connectivity diff:",
                "diff-type: changed, source: 10.0.0.0-10.10.255.255[External], destination: default/cog-agents-2[DaemonSet],"
                        + " before: All Connections, after: UDP 53",
                "diff-type: changed, source: 10.12.0.0-10.255.255.255[External], destination: default/cog-agents-2[DaemonSet],"
                        + " before: All Connections, after: UDP 53",
                "diff-type: added, source: 0.0.0.0-255.255.255.255[External], destination: default/cog-agents-5[DaemonSet],"
                        + " before: No Connections, after: All Connections, workloads-diff-info: workload"
                        + " default/cog-agents-5[DaemonSet] added")
                .contains("diff-type: added, source: 0.0.0.0-9.255.255.255[External], destination: default/cog-agents-1[DaemonSet],"
                        + " before: No Connections, after: All Connections",
                        "diff-type: removed, source: 0.0.0.0-255.255.255.255[External], destination:"
                                + " default/cog-local-analyzer-7d77fb55cc[ReplicaSet], before: All Connections, after: No"
                                + " Connections, workloads-diff-info: workload default/cog-local-analyzer-7d77fb55cc[ReplicaSet] removed");
    }

    private static io.netpolguard.model.Manifest folder(java.nio.file.Path dir) throws java.io.IOException {
        StringBuilder yaml = new StringBuilder();
        try (var files = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path f : files.sorted().toList()) {
                yaml.append("---\n").append(java.nio.file.Files.readString(f)).append('\n');
            }
        }
        return manifest(yaml.toString());
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
