package io.netpolguard.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The post-renderer, {@code export} and {@code analyze} take the same steps after the core (the lock, the refusal,
 * the report, the warnings), and each gives its advice in the options it has: only the post-renderer, which Helm
 * runs, says how to pass an option through Helm.
 */
class FrontEndWordsTest {

    @TempDir
    Path tmp;

    /** A chart policy that admits every pod of every namespace into the release's: a refusal with --strict. */
    private static final String OPEN_POLICY = """
            ---
            # Source: shop/templates/open.yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: open}
            spec:
              podSelector: {}
              policyTypes: [Ingress]
              ingress: [{from: [{namespaceSelector: {}}]}]
            """;

    private PostRenderer.Run export(String stream, String... more) {
        String[] args = new String[more.length + 2];
        args[0] = "export";
        args[1] = "--output=" + tmp.resolve("export");
        System.arraycopy(more, 0, args, 2, more.length);
        return PostRenderer.run(stream, args);
    }

    @Test
    void aMissingLockFileIsCreatedWithHelmsArgumentsUnderThePostRendererAndWithTheOptionAloneElsewhere() {
        String lock = "--expect=" + tmp.resolve("absent.txt");

        String postRenderer = PostRenderer.run(PostRenderer.WEB, lock).stderr();
        String export = export(PostRenderer.WEB, lock).stderr();
        String analyze = PostRenderer.run(PostRenderer.WEB, "analyze", lock).stderr();

        assertThat(postRenderer).contains("run once with --update-expect (with Helm,"
                + " --post-renderer-args=--update-expect), review it and commit it.");
        assertThat(export).contains("run once with --update-expect, review it and commit it.");
        assertThat(analyze).contains("run once with --update-expect, review it and commit it.");
    }

    @Test
    void aDriftSaysHowToRewriteTheLockInTheOptionsOfTheCommandThatFoundIt() throws IOException {
        Path lock = Files.writeString(tmp.resolve("lock.txt"), "a => b : TCP 1\n");

        PostRenderer.Run postRenderer = PostRenderer.run(PostRenderer.WEB, "--expect=" + lock);
        PostRenderer.Run export = export(PostRenderer.WEB, "--expect=" + lock);

        assertThat(postRenderer.exit()).isEqualTo(1);
        assertThat(postRenderer.stderr()).contains("run again with --update-expect (with Helm,"
                + " --post-renderer-args=--update-expect)");
        assertThat(export.exit()).isEqualTo(1);
        assertThat(export.stderr()).contains("rewrite the file: run again with --update-expect, review")
                .doesNotContain("post-renderer-args");
    }

    @Test
    void exportAsksForTheReleaseNameWithItsOwnOptionNotWithAHelmCommandLine() {
        String unlabelled = PostRenderer.WEB.replace("app.kubernetes.io/instance: shop", "tier: web");

        PostRenderer.Run postRenderer = PostRenderer.run(unlabelled);
        PostRenderer.Run export = export(unlabelled);

        assertThat(postRenderer.stderr()).contains("--post-renderer-args=--release=RELEASE");
        assertThat(export.exit()).isEqualTo(2);
        assertThat(export.stderr()).contains("cannot tell the release name", "Pass it explicitly: --release=RELEASE")
                .doesNotContain("helm install", "post-renderer");
    }

    @Test
    void theReportOfARefusedExportHoldsTheRefusalAsThePostRenderersDoes() throws IOException {
        Path fromPostRenderer = tmp.resolve("post-renderer.json");
        Path fromExport = tmp.resolve("export.json");

        PostRenderer.Run postRenderer = PostRenderer.run(PostRenderer.WEB + OPEN_POLICY, "--namespace=team-a",
                "--strict", "--report=" + fromPostRenderer);
        PostRenderer.Run export = export(PostRenderer.WEB + OPEN_POLICY, "--namespace=team-a", "--strict",
                "--report=" + fromExport);

        assertThat(postRenderer.exit()).isEqualTo(1);
        assertThat(export.exit()).isEqualTo(1);
        assertThat(Files.readString(fromExport)).contains("\"refusal\": \"1 connection crosses the release's boundary")
                .isEqualTo(Files.readString(fromPostRenderer));
    }

    @Test
    void aStrictRefusalOfAnExportNamesEachCrossingOnceInTheRefusalAndNotAgainAsAWarning() {
        PostRenderer.Run export = export(PostRenderer.WEB + OPEN_POLICY, "--namespace=team-a", "--strict");
        PostRenderer.Run postRenderer = PostRenderer.run(PostRenderer.WEB + OPEN_POLICY, "--namespace=team-a",
                "--strict");

        assertThat(export.exit()).isEqualTo(1);
        assertThat(export.stderr()).startsWith("netpol-guard: refused: 1 connection crosses")
                .doesNotContain("warning:").isEqualTo(postRenderer.stderr());
    }

    @Test
    void aReportExportCannotWriteIsNamedAsThePostRendererNamesIt() {
        String report = "--report=" + tmp.resolve("missing/report.json");

        PostRenderer.Run export = export(PostRenderer.WEB, report);
        PostRenderer.Run postRenderer = PostRenderer.run(PostRenderer.WEB, report);

        assertThat(export.exit()).isEqualTo(2);
        assertThat(export.stderr()).isEqualTo(postRenderer.stderr()).isEqualTo("netpol-guard: error: The report file "
                + tmp.resolve("missing/report.json") + " cannot be written: its folder does not exist. Check the path"
                + " given with --report.\n");
    }
}
