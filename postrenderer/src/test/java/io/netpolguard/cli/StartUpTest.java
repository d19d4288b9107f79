package io.netpolguard.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the post-renderer's usual path may not cost at start-up. A record's generated {@code equals} and
 * {@code hashCode} are bootstrapped through {@code java.lang.runtime.ObjectMethods} at run time, which the start-up
 * archive does not keep: about 40 ms of every install, measured (docs/architecture.md, "Start-up"). So the value
 * types that the usual path compares are final classes with their {@code equals} written out, and records are for
 * the rest; this test fails when a record is compared on that path.
 */
class StartUpTest {

    @TempDir
    Path dir;

    @Test
    void isolatingTheWebShopLoadsNoAnalysisClassAndBootstrapsNoRecordMethods() throws Exception {
        String loaded = LoadedClasses.of(dir, PostRenderer.WEB, "--release=shop");

        assertThat(loaded).contains("io.netpolguard.cli.Main", "netpol-guard.io/release")
                .doesNotContain("io.netpolguard.analyze.", "io.netpolguard.connectivity.", "io.netpolguard.cli.Analyze")
                .doesNotContain("java.lang.runtime.ObjectMethods");
    }

    @Test
    void segregatingTheWebShopBootstrapsNoRecordMethods() throws Exception {
        String loaded = LoadedClasses.of(dir, PostRenderer.WEB, "--release=shop", "--namespace=team-a", "--segregate");

        assertThat(loaded).contains("netpol-guard.io/release").doesNotContain("java.lang.runtime.ObjectMethods");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql.helm4.yaml", "argo-cd.helm4.yaml"})
    void isolatingAChartWithPoliciesOfItsOwnBootstrapsNoRecordMethods(String stream) throws Exception {
        String folder = System.getProperty("netpolguard.corpus", "");
        Assumptions.assumeTrue(!folder.isEmpty() && Files.isRegularFile(Path.of(folder, stream)),
                "the shared corpus (../shared/corpus) is not beside this checkout");
        Path corpus = Path.of(folder, stream);

        String loaded = LoadedClasses.of(dir, Files.readString(corpus), "--release=x", "--namespace=team-a");

        assertThat(loaded).contains("kind: NetworkPolicy").doesNotContain("java.lang.runtime.ObjectMethods");
    }
}
