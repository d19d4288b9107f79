package io.netpolguard.observe;

import io.netpolguard.cli.PostRenderer;
import io.netpolguard.model.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code netpol-guard analyze --observed}, as a user runs it on the post-renderer's output. */
class AnalyzeObservedTest {

    /** The one-Deployment release "shop", with a policy of the chart's own that admits only the frontend. */
    private static final String WITH_CHART_POLICY = PostRenderer.WEB + """
            ---
            # Source: shop/templates/networkpolicy.yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: shop-web
            spec:
              podSelector:
                matchLabels: {app: web}
              policyTypes: [Ingress]
              ingress:
                - from: [{podSelector: {matchLabels: {app: frontend}}}]
                  ports: [{port: 8080}]
            """;

    @TempDir
    Path dir;

    private String isolated(String stream) {
        PostRenderer.Run run = PostRenderer.run(stream, "--release=shop", "--namespace=team-a");
        assertThat(run.exit()).as(run.stderr()).isZero();
        return run.out();
    }

    private Path log(String text) throws Exception {
        return Files.writeString(dir.resolve("flows.csv"), text);
    }

    @Test
    void whatTheChartsOwnPolicyDeniesIsReportedAndNeverTurnedIntoAFlow() throws Exception {
        Path log = log("source,destination,port\nteam-a{app=batch},team-a/shop-web-7d4b9c6f5-x2x9z,8080\n");

        PostRenderer.Run run = PostRenderer.run(isolated(WITH_CHART_POLICY), "analyze", "--namespace=team-a",
                "--observed=" + log);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("""
                team-a/shop-web[Deployment]
                  team-a/[pods {app=batch}] => team-a/shop-web[Deployment] on TCP 8080: denied (1 record)
                    Ingress to team-a/shop-web[Deployment]: denied
                """).contains("      isolated by NetworkPolicy team-a/shop-web (it selects these pods for ingress)\n")
                .contains("    no declared flow: only the chart's own NetworkPolicy team-a/shop-web could admit the"
                        + " ingress of team-a/shop-web[Deployment]: netpol-guard never widens a chart's policies\n")
                .doesNotContain("flows:")
                .endsWith("Observed flows (plain CSV, told from the first record): 1 flow of the input's workloads:"
                        + " 0 allowed, 1 denied. Records read: 1.\n");
    }

    @Test
    void nothingDeniedExitsZeroWithTheSummaryAlone() throws Exception {
        Path log = log("source,destination,port,protocol\nteam-a/shop-web-7d4b9c6f5-x2x9z,kube-system{k8s-app=kube-dns},53,UDP\n");

        PostRenderer.Run run = PostRenderer.run(isolated(PostRenderer.WEB), "analyze", "--namespace=team-a",
                "--observed=" + log, "--observed-format=plain");

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.out()).isEqualTo("Observed flows (plain CSV): 1 flow of the input's workloads: 1 allowed,"
                + " 0 denied. Records read: 1.\n");
    }

    @Test
    void theFlowsAreAddedToTheConfigurationKeepingItsOtherBytes() throws Exception {
        Path log = log("source,destination,port\nteam-a/shop-web-7d4b9c6f5-x2x9z,198.51.100.7,443\n");
        String config = """
                # team-a's shop
                flows:
                  # the payments API
                  - workload: {kind: Deployment, name: shop-web}
                    to: [{cidrs: [203.0.113.0/24]}]
                    ports: [443]

                allowances:
                  monitoring: false
                """;
        Path file = Files.writeString(dir.resolve("netpol-guard.yaml"), config);

        PostRenderer.Run run = PostRenderer.run(isolated(PostRenderer.WEB), "analyze", "--namespace=team-a",
                "--observed=" + log, "--observed-write=" + file);
        PostRenderer.Run again = PostRenderer.run(isolated(PostRenderer.WEB), "analyze", "--namespace=team-a",
                "--observed=" + log, "--observed-write=" + file);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo("netpol-guard: added 1 declared flow to " + file
                + ": review its diff, then run the release with it.\n");
        assertThat(Files.readString(file)).isEqualTo("""
                # team-a's shop
                flows:
                  # the payments API
                  - workload: {kind: Deployment, name: shop-web}
                    to: [{cidrs: [203.0.113.0/24]}]
                    ports: [443]
                  - description: "observed: team-a/shop-web[Deployment] => 198.51.100.7"
                    workload: {kind: Deployment, name: shop-web}
                    to: [{cidrs: [198.51.100.7/32]}]
                    ports: [443]

                allowances:
                  monitoring: false
                """);
        assertThat(again.stderr()).contains("already declares every flow to add");
    }

    @Test
    void aConfigurationWithoutFlowsGetsTheListAtItsEndAndAnEmptyListIsFilled() {
        var flows = java.util.List.of(new io.netpolguard.config.Flow(null,
                new io.netpolguard.config.WorkloadMatch("Deployment", "web", java.util.Map.of()),
                io.netpolguard.model.Direction.EGRESS,
                java.util.List.of(new io.netpolguard.config.Flow.Peer(java.util.List.of("10.0.0.1/32"),
                        java.util.List.of(), null, null, null, null)),
                java.util.List.of(io.netpolguard.model.PortRange.tcp(443))));
        String entry = "  - workload: {kind: Deployment, name: web}\n    to: [{cidrs: [10.0.0.1/32]}]\n    ports: [443]\n";

        assertThat(ConfigMerge.merged("segregate: true", flows, dir)).isEqualTo("segregate: true\nflows:\n" + entry);
        assertThat(ConfigMerge.merged("flows: [] # none yet\nsegregate: true\n", flows, dir))
                .isEqualTo("flows: # none yet\n" + entry + "segregate: true\n");
        assertThat(ConfigMerge.merged("flows:\n- to: [{cidrs: [10.0.0.2/32]}]\n  ports: [80]\n", flows, dir))
                .isEqualTo("flows:\n- to: [{cidrs: [10.0.0.2/32]}]\n  ports: [80]\n" + entry.replace("\n  ", "\n")
                        .substring(2));
    }

    @Test
    void usageMistakesSayWhichOptionIsMissing() {
        PostRenderer.Run write = PostRenderer.run(PostRenderer.WEB, "analyze", "--observed-write=x.yaml");
        PostRenderer.Run json = PostRenderer.run(PostRenderer.WEB, "analyze", "--observed=x.csv", "--format=json");
        PostRenderer.Run missing = PostRenderer.run(PostRenderer.WEB, "analyze", "--observed=" + dir.resolve("no.csv"));

        assertThat(write.exit()).isEqualTo(2);
        assertThat(write.stderr()).contains("--observed-write needs --observed=FILE, the flow log");
        assertThat(json.exit()).isEqualTo(2);
        assertThat(json.stderr()).contains("--observed is a check of its own");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.stderr()).startsWith("netpol-guard: error: The flow log " + dir.resolve("no.csv")
                + " does not exist.").doesNotContain("Exception");
    }
}
