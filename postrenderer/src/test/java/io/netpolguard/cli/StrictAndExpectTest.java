package io.netpolguard.cli;

import io.netpolguard.analyze.Analyzer;
import io.netpolguard.analyze.Format;
import io.netpolguard.analyze.Options;
import io.netpolguard.read.ManifestReader;
import io.netpolguard.read.StreamSplitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** --strict refuses cross-release connections; --expect locks the output's connectivity in a file. */
class StrictAndExpectTest {

    private static final String WEB = PostRenderer.WEB;
    private static final String OPEN_POLICY = webPolicy("""
            policyTypes: [Ingress]
            ingress:
              - from: [{namespaceSelector: {}}]
                ports: [{port: 8080}]
            """);
    private static final String LOAD_BALANCER = """
            ---
            # Source: shop/templates/service.yaml
            apiVersion: v1
            kind: Service
            metadata: {name: shop-web}
            spec:
              type: LoadBalancer
              selector: {app: web}
              ports: [{port: 80, targetPort: 8080}]
            """;

    @TempDir
    Path dir;

    /** The chart's own NetworkPolicy shop-web for {@link PostRenderer#WEB}'s pods, with the rest of its spec. */
    static String webPolicy(String spec) {
        return """
                ---
                # Source: shop/templates/networkpolicy.yaml
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: shop-web
                spec:
                  podSelector: {matchLabels: {app: web}}
                """ + spec.indent(2);
    }

    @Test
    void withoutStrictAChartRuleThatAdmitsOtherNamespacesIsAWarningAndTheStreamIsWritten() {
        PostRenderer.Run run = PostRenderer.run(WEB + OPEN_POLICY, "--release=shop");

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.out()).contains("kind: NetworkPolicy");
        assertThat(run.stderr()).startsWith("netpol-guard: warning: NetworkPolicy shop-web (from the chart,"
                + " shop/templates/networkpolicy.yaml) spec.ingress[0] admits ingress from every pod of every"
                + " namespace, outside the release, into Deployment (release namespace)/shop-web on TCP 8080.");
    }

    @Test
    void strictPrintsEachFindingOnceInItsRefusalNotAlsoAsAWarning() {
        PostRenderer.Run refused = PostRenderer.run(WEB + OPEN_POLICY, "--release=shop", "--strict");

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.stderr()).startsWith("netpol-guard: refused: 1 connection crosses")
                .doesNotContain("netpol-guard: warning");
        assertThat(refused.stderr().split("spec.ingress\\[0\\] admits ingress from every pod", -1)).hasSize(2);
    }

    @Test
    void strictKeepsTheWarningsItsRefusalDoesNotRepeat() throws IOException {
        String corpus = System.getProperty("netpolguard.corpus", "");
        org.junit.jupiter.api.Assumptions.assumeTrue(!corpus.isEmpty(), "the corpus is not beside this checkout");
        byte[] postgresql = Files.readAllBytes(Path.of(corpus, "postgresql.helm4.yaml"));

        String warned = PostRenderer.run(postgresql).stderr();
        String refused = PostRenderer.run(postgresql, "--strict").stderr();

        assertThat(warned).contains("netpol-guard: warning: NetworkPolicy team-a/postgresql (from the chart,"
                + " postgresql/templates/primary/networkpolicy.yaml) spec.ingress[0]");
        assertThat(refused).contains("  - StatefulSet team-a/postgresql: NetworkPolicy team-a/postgresql (from the"
                + " chart, postgresql/templates/primary/networkpolicy.yaml) spec.ingress[0]")
                .doesNotContain("warning: NetworkPolicy team-a/postgresql (from the chart,"
                        + " postgresql/templates/primary/networkpolicy.yaml) spec.ingress[0]");
        List<String> otherWarnings = warned.lines().filter(l -> l.startsWith("netpol-guard: warning:")
                && !l.contains("NetworkPolicy team-a/postgresql (from the chart")).toList();
        assertThat(refused.lines().toList()).containsAll(otherWarnings);
    }

    @Test
    void strictRefusesExactlyWhenThereAreFindingsWithExitOneAndNothingOnStdout() {
        PostRenderer.Run refused = PostRenderer.run(WEB + OPEN_POLICY, "--release=shop", "--strict");
        PostRenderer.Run clean = PostRenderer.run(WEB, "--release=shop", "--strict");

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.stdout()).isEmpty();
        assertThat(refused.stderr()).contains("netpol-guard: refused: 1 connection crosses the release's boundary",
                "  - Deployment (release namespace)/shop-web: NetworkPolicy shop-web (from the chart,"
                        + " shop/templates/networkpolicy.yaml) spec.ingress[0] admits ingress from every pod of every"
                        + " namespace, outside the release, on TCP 8080.", "run without --strict");
        assertThat(clean.exit()).as(clean.stderr()).isZero();
        assertThat(clean.out()).isEqualTo(PostRenderer.run(WEB, "--release=shop").out());
    }

    @Test
    void updateExpectWritesTheOutputsConnectivityAsNpGuardTextAndSucceedsWithTheSameStdout() throws IOException {
        Path lock = dir.resolve("shop.connectivity.txt");
        PostRenderer.Run run = PostRenderer.run(WEB + LOAD_BALANCER, "--release=shop", "--expect=" + lock,
                "--update-expect");

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.out()).isEqualTo(PostRenderer.run(WEB + LOAD_BALANCER, "--release=shop").out());
        assertThat(run.stderr()).contains("wrote the connectivity lock " + lock);
        var manifest = new ManifestReader(io.netpolguard.model.WorkloadKind.BUILT_IN).read(StreamSplitter.split(run.stdout()));
        assertThat(lock).content().isEqualTo(Format.TXT.render(Analyzer.analyze(manifest,
                Options.DEFAULT.withExposure(true))))
                .contains("0.0.0.0-255.255.255.255[External] => default/shop-web[Deployment] : TCP 8080",
                        "Exposure Analysis Result:");
    }

    @Test
    void anUnchangedReleaseGivesTheSameBytesTwiceAndLeavesTheFileAsItWas() throws IOException {
        Path lock = dir.resolve("lock.txt");
        PostRenderer.run(WEB + LOAD_BALANCER, "--release=shop", "--expect=" + lock, "--update-expect");
        String written = Files.readString(lock);

        PostRenderer.Run first = PostRenderer.run(WEB + LOAD_BALANCER, "--release=shop", "--expect=" + lock);
        PostRenderer.Run second = PostRenderer.run(WEB + LOAD_BALANCER, "--release=shop", "--expect=" + lock);

        assertThat(first.exit()).as(first.stderr()).isZero();
        assertThat(first.stderr()).isEmpty();
        assertThat(second.stdout()).isEqualTo(first.stdout());
        assertThat(lock).content().isEqualTo(written);
    }

    @Test
    void driftExitsOneWithNothingOnStdoutAndShowsTheDiffAndTheCommandThatRewritesTheFile() {
        Path lock = dir.resolve("lock.txt");
        PostRenderer.run(WEB, "--release=shop", "--expect=" + lock, "--update-expect");

        PostRenderer.Run run = PostRenderer.run(WEB + LOAD_BALANCER, "--release=shop", "--expect=" + lock);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).startsWith("netpol-guard: refused: the connectivity of the output differs from the"
                        + " lock file " + lock + " (")
                .contains("\n+ 0.0.0.0-255.255.255.255[External] => default/shop-web[Deployment] : TCP 8080\n",
                        "run again with --update-expect (with Helm, --post-renderer-args=--update-expect)")
                .doesNotContain("and 0 more");
    }

    @Test
    void theReportSaysHowTheConnectivityComparedWithTheLock() throws IOException {
        Path lock = dir.resolve("lock.txt");
        Path report = dir.resolve("report.json");
        PostRenderer.run(WEB, "--release=shop", "--expect=" + lock, "--update-expect");
        PostRenderer.run(WEB, "--release=shop", "--expect=" + lock, "--report=" + report);
        assertThat(Files.readString(report)).contains("\"connectivityLock\": {", "\"status\": \"matches\"",
                "\"added\": 0");

        PostRenderer.Run drift = PostRenderer.run(WEB + LOAD_BALANCER, "--release=shop", "--expect=" + lock,
                "--report=" + report);
        assertThat(drift.exit()).isEqualTo(1);
        assertThat(Files.readString(report)).contains("\"status\": \"drifted\"", "\"removed\": 0",
                "+ 0.0.0.0-255.255.255.255[External] => default/shop-web[Deployment] : TCP 8080");
        PostRenderer.run(WEB, "--release=shop", "--report=" + report);
        assertThat(Files.readString(report)).doesNotContain("connectivityLock");
    }

    @Test
    void aLongDriftShowsFortyLinesAndCountsTheRest() throws IOException {
        Path lock = dir.resolve("lock.txt");
        Files.write(lock, IntStream.range(0, 60).mapToObj(i -> "old/line-" + i + "[Deployment] => x : TCP 1").toList());

        PostRenderer.Run run = PostRenderer.run(WEB, "--release=shop", "--expect=" + lock);

        assertThat(run.exit()).isEqualTo(1);
        long shown = run.stderr().lines().filter(l -> l.startsWith("- ") || l.startsWith("+ ")).count();
        assertThat(shown).isEqualTo(40);
        assertThat(run.stderr()).containsPattern("\n  and \\d+ more\n").contains("60 removed");
    }

    @Test
    void aMissingLockFileExitsTwoAndSaysToCreateItWithUpdateExpect() {
        Path lock = dir.resolve("absent.txt");
        PostRenderer.Run run = PostRenderer.run(WEB, "--release=shop", "--expect=" + lock);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).startsWith("netpol-guard: error: The lock file " + lock)
                .contains("does not exist", "--update-expect");
        assertThat(lock).doesNotExist();
    }

    @Test
    void updateExpectWithoutExpectAndFindingsFileWithoutFindingsAreUsageErrors() {
        PostRenderer.Run update = PostRenderer.run(WEB, "--release=shop", "--update-expect");
        PostRenderer.Run file = PostRenderer.run(WEB, "--release=shop", "--findings-file=x.sarif");
        PostRenderer.Run format = PostRenderer.run(WEB, "--release=shop", "--findings=html");

        assertThat(update.exit()).isEqualTo(2);
        assertThat(update.stderr()).contains("add --expect=FILE");
        assertThat(file.exit()).isEqualTo(2);
        assertThat(file.stderr()).contains("--findings=sarif or --findings=junit");
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.stderr()).contains("the formats are sarif and junit");
    }

    @Test
    void theLockUsesTheReleaseNamespaceWhenGiven() throws IOException {
        Path lock = dir.resolve("lock.txt");
        PostRenderer.run(WEB + LOAD_BALANCER, "--release=shop", "--namespace=team-a", "--expect=" + lock,
                "--update-expect");

        assertThat(lock).content().contains("team-a/shop-web[Deployment]").doesNotContain("default/");
    }

    @Test
    void strictFindingsAndReportLoadNoAnalysisClassForAStreamWithoutChartPoliciesButExpectDoes() throws Exception {
        String plain = LoadedClasses.of(dir, WEB, "--release=shop", "--strict", "--findings=sarif", "--report=r.json");
        String locked = LoadedClasses.of(dir, WEB, "--release=shop", "--expect=lock.txt", "--update-expect");

        assertThat(plain).contains("io.netpolguard.report.Sarif")
                .doesNotContain("io.netpolguard.analyze.", "io.netpolguard.connectivity.", "io.netpolguard.lock.");
        assertThat(locked).contains("io.netpolguard.analyze.Analyzer", "io.netpolguard.lock.ConnectivityLock");
        assertThat(dir.resolve("netpol-guard-findings.sarif")).exists();
    }
}
