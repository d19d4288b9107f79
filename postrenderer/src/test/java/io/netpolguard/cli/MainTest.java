package io.netpolguard.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line contract Helm and scripts rely on: exit codes, stdout only on success, one clear message. */
class MainTest {

    private static final String WEB = PostRenderer.WEB;

    @Test
    void aStreamIsIsolatedAndWrittenToStdoutWithExitZero() {
        PostRenderer.Run run = PostRenderer.run(WEB, "--release=shop");

        assertThat(run.exit()).isZero();
        String labelled = WEB.replace("        app: web\n", "        netpol-guard.io/release: \"shop\"\n        app: web\n");
        assertThat(run.out()).startsWith(labelled + "---\n# Source: netpol-guard/shop-netpol-guard.yaml\n");
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void valuesMayFollowTheirFlagAsTheNextArgument() {
        PostRenderer.Run separate = PostRenderer.run(WEB, "--release", "blog");

        assertThat(separate.exit()).as(separate.stderr()).isZero();
        assertThat(separate.out()).contains("netpol-guard.io/release: \"blog\"", "name: blog-netpol-guard")
                .isEqualTo(PostRenderer.run(WEB, "--release=blog").out());
    }

    @Test
    void theReleaseIsInferredFromTheInstanceLabelWhenNotGiven() {
        PostRenderer.Run run = PostRenderer.run(WEB);

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("netpol-guard.io/release: \"shop\"");
    }

    @Test
    void aReleaseThatCannotBeInferredExitsTwoAndShowsThePostRendererArgsToAdd() {
        PostRenderer.Run run = PostRenderer.run(WEB.replace("app.kubernetes.io/instance: shop", "tier: web"));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).startsWith("netpol-guard: error: ")
                .contains("--post-renderer-args=--release=RELEASE").doesNotContain("Exception", "\tat ");
    }

    @Test
    void aRefusalExitsOneWritesNothingAndNamesEveryUnselectedWorkloadWithItsFix() {
        PostRenderer.Run run = PostRenderer.run(WEB, "--release=shop", "--check-only", "--namespace=team-a");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).startsWith("netpol-guard: refused: 1 workload is selected by no NetworkPolicy")
                .contains("Deployment team-a/shop-web", "app=web", "Run without --check-only",
                        "podSelector matches {app=web,app.kubernetes.io/instance=shop}");
    }

    @Test
    void checkOnlyAdviceProposesOnlyLabelsThatStayTheSameAcrossUpgrades() {
        String stream = """
                ---
                # Source: shop/templates/web.yaml
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: shop-web}
                spec:
                  selector:
                    matchLabels: {app.kubernetes.io/name: web, app.kubernetes.io/instance: shop, tier: front}
                  template:
                    metadata:
                      labels:
                        app.kubernetes.io/name: web
                        app.kubernetes.io/instance: shop
                        app.kubernetes.io/component: frontend
                        app.kubernetes.io/version: "1.4.2"
                        app.kubernetes.io/managed-by: Helm
                        helm.sh/chart: shop-0.3.1
                        tier: front
                        rollout: "2026-12-01"
                    spec:
                      containers: [{name: web, image: nginx}]
                ---
                # Source: shop/templates/migrate.yaml
                apiVersion: batch/v1
                kind: Job
                metadata: {name: shop-migrate}
                spec:
                  template:
                    metadata:
                      labels: {app: migrate, helm.sh/chart: shop-0.3.1, app.kubernetes.io/version: "1.4.2", version: "3"}
                    spec:
                      restartPolicy: Never
                      containers: [{name: m, image: m}]
                """;

        PostRenderer.Run run = PostRenderer.run(stream, "--release=shop", "--check-only", "--namespace=team-a");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stderr()).contains("podSelector matches {app.kubernetes.io/component=frontend,"
                        + "app.kubernetes.io/instance=shop,app.kubernetes.io/name=web,tier=front}.",
                "podSelector matches {app=migrate}.");
        assertThat(run.stderr().lines().map(l -> l.substring(Math.max(0, l.indexOf("podSelector matches")))))
                .allMatch(l -> !l.contains("version") && !l.contains("helm.sh/chart") && !l.contains("rollout")
                        && !l.contains("managed-by"));
    }

    @Test
    void malformedYamlExitsTwoWithTheDocumentAndLineAndNoStackTrace() {
        PostRenderer.Run run = PostRenderer.run(WEB + "---\nkind: [unclosed\n", "--release=shop");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).startsWith("netpol-guard: error: Document 2").contains("line 2", "not valid YAML")
                .doesNotContain("\tat ");
    }

    @Test
    void anUnknownOptionExitsTwoAndPointsToHelp() {
        PostRenderer.Run run = PostRenderer.run(WEB, "--relase=shop");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("unknown argument \"--relase=shop\"", "netpol-guard --help");
    }

    @Test
    void helpAndVersionExitZeroWithoutReadingTheStream() {
        PostRenderer.Run help = PostRenderer.run(new byte[0], "--help");
        PostRenderer.Run version = PostRenderer.run(new byte[0], "--version");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--check-only", "Exit codes", "netpol-guard analyze", "netpol-guard export");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("netpol-guard ");
    }

    @Test
    void theReportIsWrittenEvenWhenTheStreamIsRefused(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report.json");
        PostRenderer.Run run = PostRenderer.run(WEB, "--release=shop", "--check-only", "--report=" + report);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(Files.readString(report)).contains("\"refused\": true", "\"name\": \"shop-web\"",
                "\"selectedBy\": []");
    }

    @Test
    void theReportOfARefusalHoldsTheRefusalAsPrintedForLogsThatCannotTakeIt(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report.json");
        PostRenderer.Run refused = PostRenderer.run(WEB, "--release=shop", "--check-only", "--report=" + report);
        String json = Files.readString(report);
        PostRenderer.Run done = PostRenderer.run(WEB, "--release=shop", "--report=" + report);

        String printed = refused.stderr().substring("netpol-guard: refused: ".length()).stripTrailing();
        assertThat(json).contains("\"refusal\": \"" + printed.replace("\"", "\\\"").replace("\n", "\\n") + "\"");
        assertThat(done.exit()).isZero();
        assertThat(Files.readString(report)).doesNotContain("\"refusal\"");
    }

    @Test
    void aConfigurationFileWithAnUnknownKeyExitsTwo(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("netpol-guard.yaml");
        Files.writeString(config, "dns:\n  namespace: dns\nexemptNamespace: [x]\n");
        PostRenderer.Run run = PostRenderer.run(WEB, "--release=shop", "--config=" + config);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("unknown key \"exemptNamespace\"", "exemptNamespaces");
    }

    @Test
    void workloadsInTheNamespacesWelkinExemptsTodayAreNeitherIsolatedNorCheckedByDefault() {
        for (String exempt : List.of("kube-system", "kube-public", "kube-node-lease", "calico-system")) {
            String stream = WEB.replace("  name: shop-web\n", "  name: shop-web\n  namespace: " + exempt + "\n");
            PostRenderer.Run run = PostRenderer.run(stream, "--release=shop", "--check-only");
            assertThat(run.exit()).as(exempt + ": " + run.stderr()).isZero();
            assertThat(run.out()).isEqualTo(stream);
        }
        String tenant = WEB.replace("  name: shop-web\n", "  name: shop-web\n  namespace: calico-apiserver\n");
        assertThat(PostRenderer.run(tenant, "--release=shop", "--check-only").exit()).isEqualTo(1);
    }

    @Test
    void aConfigurationKeyWithATypoGetsTheKeyItResembles(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("netpol-guard.yaml");
        Files.writeString(config, "exemptNamespace: [x]\n");
        assertThat(PostRenderer.run(WEB, "--release=shop", "--config=" + config).stderr())
                .contains("unknown key \"exemptNamespace\"; did you mean \"exemptNamespaces\"?");

        Files.writeString(config, "dns: {namespace: dns, podLabel: {app: dns}}\n");
        PostRenderer.Run nested = PostRenderer.run(WEB, "--release=shop", "--config=" + config);
        assertThat(nested.exit()).isEqualTo(2);
        assertThat(nested.stderr()).contains("unknown key \"dns.podLabel\"; did you mean \"podLabels\"?");

        Files.writeString(config, "flows: []\nsegregation: true\n");
        assertThat(PostRenderer.run(WEB, "--release=shop", "--config=" + config).stderr())
                .contains("unknown key \"segregation\"; did you mean \"segregate\"?");
    }

    @Test
    void aMissingConfigurationFileIsOneParagraphThatNamesThePathAndNoJavaException(@TempDir Path dir) {
        Path missing = dir.resolve("netpol-guard.yaml");
        PostRenderer.Run run = PostRenderer.run(WEB, "--release=shop", "--config=" + missing);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo("netpol-guard: error: The configuration file " + missing + " (--config)"
                + " does not exist. Check the path: a relative path is taken from the folder netpol-guard (or Helm)"
                + " runs in; without --config netpol-guard uses its defaults.\n");

        PostRenderer.Run folder = PostRenderer.run(WEB, "--release=shop", "--config=" + dir);
        assertThat(folder.exit()).isEqualTo(2);
        assertThat(folder.stderr()).contains("is a folder, not a file").doesNotContain("Exception", "java.");
    }

    @Test
    void aReportThatCannotBeWrittenSaysWhyWithoutJavasExceptionNames(@TempDir Path dir) {
        Path report = dir.resolve("no-such-folder/report.json");
        PostRenderer.Run run = PostRenderer.run(WEB, "--release=shop", "--report=" + report);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo("netpol-guard: error: The report file " + report
                + " cannot be written: its folder does not exist. Check the path given with --report.\n");
    }

    @Test
    void whenStdinIsATerminalAHintSaysWhatItWaitsForBeforeReading() {
        Map<String, String> terminal = Map.of("NETPOL_GUARD_STDIN_TERMINAL", "1");
        PostRenderer.Run run = PostRenderer.run(WEB.getBytes(StandardCharsets.UTF_8), terminal, "--release=shop");
        PostRenderer.Run piped = PostRenderer.run(WEB, "--release=shop");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo(piped.out());
        assertThat(piped.stderr()).isEmpty();
        assertThat(run.stderr()).isEqualTo(Main.TERMINAL_HINT);
        assertThat(Main.TERMINAL_HINT).startsWith("netpol-guard: reading the manifests from the terminal")
                .contains("Ctrl-D", "helm template").endsWith("\n");
        assertThat(PostRenderer.run(WEB.getBytes(StandardCharsets.UTF_8), terminal, "analyze").stderr())
                .isEqualTo(Main.TERMINAL_HINT);
        assertThat(PostRenderer.run(new byte[0], terminal, "--version").stderr()).isEmpty();
    }

    @Test
    void anUnknownOptionGetsTheOptionItResembles() {
        assertThat(PostRenderer.run(WEB, "--relase=shop").stderr())
                .contains("unknown argument \"--relase=shop\"; did you mean --release=shop?");
        assertThat(PostRenderer.run(WEB, "--check_only").stderr())
                .contains("unknown argument \"--check_only\"; did you mean --check-only?");
        assertThat(PostRenderer.run(WEB, "release=shop").stderr())
                .contains("unknown argument \"release=shop\"; did you mean --release=shop?");
        assertThat(PostRenderer.run(WEB, "--dry-run").stderr())
                .contains("unknown argument \"--dry-run\".").doesNotContain("did you mean");
        assertThat(PostRenderer.run(new byte[0], "analyze", "--exposur", "-").stderr())
                .contains("unknown option \"--exposur\"; did you mean --exposure?");
    }

    @Test
    void theConfiguredDnsTargetAndADeclaredFlowGoIntoTheGeneratedPolicies(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("netpol-guard.yaml");
        Files.writeString(config, """
                dns: {namespace: dns-system, podLabels: {app: coredns}, port: 5353}
                flows:
                  - description: the gateway of team b calls the shop
                    workload: {kind: Deployment, name: shop-web}
                    from: [{namespace: gateway, podLabels: {app: gw}}]
                    ports: [8080]
                """);
        PostRenderer.Run run = PostRenderer.run(WEB, "--release=shop", "--config=" + config);

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.out()).contains("kubernetes.io/metadata.name: dns-system", "app: coredns", "port: 5353",
                "kubernetes.io/metadata.name: gateway", "app: gw", "port: 8080",
                "flows: declared in the configuration as flows[0]: the gateway of team b calls the shop");
    }

    @Test
    void theOldAllowEgressKeyIsRefusedWithTheFlowThatReplacesIt(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("netpol-guard.yaml");
        Files.writeString(config, "allowEgress: [{to: [{ipBlock: {cidr: 10.0.0.0/8}}]}]\n");
        PostRenderer.Run run = PostRenderer.run(WEB, "--release=shop", "--config=" + config);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("has the key \"allowEgress\", which netpol-guard no longer reads",
                "flows: [{workload: {kind: Deployment, name: NAME}, to: [");
    }

    @Test
    void anEmptyStreamExitsTwoAndSaysSo() {
        PostRenderer.Run run = PostRenderer.run("# only a comment\n---\n", "--release=shop");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("holds no Kubernetes object");
    }
}
