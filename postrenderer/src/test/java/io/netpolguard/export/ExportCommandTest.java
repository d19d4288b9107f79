package io.netpolguard.export;

import io.netpolguard.cli.PostRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line of {@code netpol-guard export}: its refusals, the lock in CI, and its usage errors. */
class ExportCommandTest {

    @TempDir
    Path tmp;

    /** A chart policy that admits anything into the release's pods: a finding, and a refusal with --strict. */
    private static final String OPEN_POLICY = """
            ---
            # Source: shop/templates/open.yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: open}
            spec:
              podSelector: {}
              policyTypes: [Ingress]
              ingress: [{}]
            """;

    /** Another workload, as a chart upgrade adds one. */
    private static final String WORKER = """
            ---
            # Source: shop/templates/worker.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: shop-worker}
            spec:
              selector: {matchLabels: {app: worker}}
              template:
                metadata: {labels: {app: worker}}
                spec: {containers: [{name: w, image: busybox}]}
            """;

    private PostRenderer.Run export(String stream, String... more) {
        String[] args = new String[more.length + 4];
        args[0] = "export";
        args[1] = "--output=" + tmp.resolve("netpol-guard");
        args[2] = "--release=shop";
        args[3] = "--namespace=team-a";
        System.arraycopy(more, 0, args, 4, more.length);
        return PostRenderer.run(stream, args);
    }

    @Test
    void aRefusedExportWritesNothingAndExitsOneWithTheReason() {
        PostRenderer.Run run = export(PostRenderer.WEB + OPEN_POLICY, "--strict");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stderr()).contains("netpol-guard: refused:").contains("open");
        assertThat(tmp.resolve("netpol-guard")).doesNotExist();
    }

    @Test
    void withoutStrictTheFindingIsAWarningAndTheExportIsWritten() {
        PostRenderer.Run run = export(PostRenderer.WEB + OPEN_POLICY);

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains("netpol-guard: warning:");
        assertThat(tmp.resolve("netpol-guard/kustomization.yaml")).isRegularFile();
        assertThat(tmp.resolve("netpol-guard/networkpolicies.yaml")).isRegularFile();
    }

    @Test
    void aChangedChartFailsTheCheckWithTheDiffUntilTheExportIsMadeAgain() throws IOException {
        Path lock = tmp.resolve("shop.connectivity.txt");
        assertThat(export(PostRenderer.WEB, "--expect=" + lock, "--update-expect").exit()).isZero();
        String committed = Files.readString(tmp.resolve("netpol-guard/kustomization.yaml"));
        assertThat(export(PostRenderer.WEB, "--expect=" + lock).exit()).as("CI on the same chart").isZero();

        PostRenderer.Run upgraded = export(PostRenderer.WEB + WORKER, "--expect=" + lock);
        assertThat(upgraded.exit()).isEqualTo(1);
        assertThat(upgraded.stderr()).contains("netpol-guard: refused: the connectivity of the output differs")
                .contains("+ team-a/shop-worker[Deployment] => team-a/shop-web[Deployment] : All Connections")
                .contains("--update-expect");
        assertThat(Files.readString(tmp.resolve("netpol-guard/kustomization.yaml"))).isEqualTo(committed);

        PostRenderer.Run again = export(PostRenderer.WEB + WORKER, "--expect=" + lock, "--update-expect");
        assertThat(again.exit()).as(again.stderr()).isZero();
        assertThat(Files.readString(tmp.resolve("netpol-guard/kustomization.yaml"))).contains("name: shop-worker");
        assertThat(export(PostRenderer.WEB + WORKER, "--expect=" + lock).exit()).as("CI after the commit").isZero();
    }

    @Test
    void anExportThatNoLongerMatchesTheChartFailsTheCheckEvenWhenTheConnectivityIsTheSame() throws IOException {
        Path lock = tmp.resolve("shop.connectivity.txt");
        assertThat(export(PostRenderer.WEB, "--expect=" + lock, "--update-expect").exit()).isZero();
        Path component = tmp.resolve("netpol-guard/kustomization.yaml");
        Files.writeString(component, Files.readString(component).replace("name: shop-web\n", "name: shop-web-old\n"));

        PostRenderer.Run ci = export(PostRenderer.WEB, "--expect=" + lock);

        assertThat(ci.exit()).isEqualTo(1);
        assertThat(ci.stderr()).contains("netpol-guard: refused: the export in")
                .contains(component + ": differs").contains("-       name: shop-web-old").contains("+       name: shop-web\n")
                .contains("export again with --update-expect");
    }

    @Test
    void aCheckWithoutAnExportYetSaysToMakeOne() throws IOException {
        Path lock = tmp.resolve("shop.connectivity.txt");
        assertThat(export(PostRenderer.WEB, "--expect=" + lock, "--update-expect").exit()).isZero();
        Files.delete(tmp.resolve("netpol-guard/networkpolicies.yaml"));

        PostRenderer.Run ci = export(PostRenderer.WEB, "--expect=" + lock);

        assertThat(ci.exit()).isEqualTo(1);
        assertThat(ci.stderr()).contains("networkpolicies.yaml: missing");
    }

    @Test
    void theOutputFolderIsRequiredAndCheckOnlyIsRefusedAsAUsageError() {
        PostRenderer.Run noOutput = PostRenderer.run(PostRenderer.WEB, "export", "--release=shop");
        assertThat(noOutput.exit()).isEqualTo(2);
        assertThat(noOutput.stderr()).startsWith("netpol-guard: error: Invalid command line:").contains("--output=DIR")
                .contains("netpol-guard export --help");

        PostRenderer.Run checkOnly = export(PostRenderer.WEB, "--check-only");
        assertThat(checkOnly.exit()).isEqualTo(2);
        assertThat(checkOnly.stderr()).contains("--check-only adds nothing");

        PostRenderer.Run format = export(PostRenderer.WEB, "--format=argocd");
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.stderr()).contains("the formats are component and flux");
    }

    @Test
    void optionsExportDoesNotTakeAreRefusedAndATypoIsAnsweredWithTheOptionMeant() {
        PostRenderer.Run observed = export(PostRenderer.WEB, "--observed=flows.jsonl");
        assertThat(observed.exit()).isEqualTo(2);
        assertThat(observed.stderr()).contains("netpol-guard analyze --observed=FILE", "netpol-guard export --help");

        PostRenderer.Run typo = export(PostRenderer.WEB, "--segragate");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.stderr()).contains("unknown argument \"--segragate\"; did you mean --segregate?");

        PostRenderer.Run allowance = export(PostRenderer.WEB, "--no-allowance=dns");
        assertThat(allowance.exit()).isEqualTo(2);
        assertThat(allowance.stderr()).contains("--no-allowance names \"dns\"", "netpol-guard export --help");
        assertThat(tmp.resolve("netpol-guard")).doesNotExist();
    }

    @Test
    void helpDescribesTheFormatsAndTheLockInCi() {
        PostRenderer.Run help = PostRenderer.run("", "export", "--help");

        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: helm template").contains("--format=component")
                .contains("--format=flux").contains("--expect=FILE").contains("Exit codes");
    }

    @Test
    void anInputErrorSaysWhichOptionToAddInExportsOwnTerms() {
        String twoNamespaces = PostRenderer.WEB + PostRenderer.WEB.replace("name: shop-web\n",
                "name: shop-web\n  namespace: other\n");
        PostRenderer.Run run = PostRenderer.run(twoNamespaces, "export", "--output=" + tmp.resolve("x"),
                "--release=shop");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("--namespace=NAMESPACE").doesNotContain("--post-renderer-args");
    }
}
