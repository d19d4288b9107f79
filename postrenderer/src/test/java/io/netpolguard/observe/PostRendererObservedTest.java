package io.netpolguard.observe;

import io.netpolguard.cli.LoadedClasses;
import io.netpolguard.cli.PostRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The post-renderer's {@code --observed}: the flows its output would cut, as warnings, in the report, or refused. */
class PostRendererObservedTest {

    @TempDir
    Path dir;

    private Path log() throws Exception {
        return Files.writeString(dir.resolve("flows.csv"), """
                source,destination,port
                team-a/shop-web-7d4b9c6f5-x2x9z,198.51.100.7,443
                team-a/shop-web-7d4b9c6f5-x2x9z,team-a/shop-web-7d4b9c6f5-q8w2e,8080
                """);
    }

    @Test
    void aFlowTheOutputWouldCutIsAWarningWithTheFlowThatAdmitsItAndTheStreamIsWritten() throws Exception {
        Path report = dir.resolve("report.json");
        PostRenderer.Run run = PostRenderer.run(PostRenderer.WEB, "--release=shop", "--namespace=team-a",
                "--observed=" + log(), "--report=" + report);

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.out()).contains("kind: NetworkPolicy");
        assertThat(run.stderr()).contains("netpol-guard: warning: the policies would cut the observed flow"
                        + " team-a/shop-web[Deployment] => 198.51.100.7 on TCP 443 (1 record): Egress from"
                        + " team-a/shop-web[Deployment] denies it; the declared flow that admits it is below.\n")
                .contains("flows:\n  - description: \"observed: team-a/shop-web[Deployment] => 198.51.100.7\"\n"
                        + "    workload: {kind: Deployment, name: shop-web}\n    to: [{cidrs: [198.51.100.7/32]}]\n"
                        + "    ports: [443]\n")
                .contains("netpol-guard: Observed flows (plain CSV, told from the first record): 2 flows of the"
                        + " input's workloads: 1 allowed, 1 denied.");
        assertThat(Files.readString(report)).contains("\"observed\": {\n    \"format\": \"plain\",")
                .contains("\"deniedCount\": 1,").endsWith("}\n");
    }

    @Test
    void strictRefusesAReleaseThatWouldCutAnObservedFlow() throws Exception {
        PostRenderer.Run run = PostRenderer.run(PostRenderer.WEB, "--release=shop", "--namespace=team-a",
                "--observed=" + log(), "--strict");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).contains("netpol-guard: refused: 1 observed flow of the flow log given with"
                + " --observed would be cut by the policies, which --strict refuses: team-a/shop-web[Deployment] =>"
                + " 198.51.100.7 on TCP 443 (1 record). Declare the flows printed above in the configuration"
                + " (flows:), or run without --strict to have them as warnings.");
    }

    @Test
    void withoutTheNamespaceTheFlowsCannotBePlaced() throws Exception {
        PostRenderer.Run run = PostRenderer.run(PostRenderer.WEB, "--release=shop", "--observed=" + log());

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("the release namespace is not known")
                .contains("--post-renderer-args=--namespace=NAMESPACE");
    }

    @Test
    void aRunWithoutObservedFlowsLoadsNoneOfTheirClasses() throws Exception {
        String out = LoadedClasses.of(dir, PostRenderer.WEB, "--release=shop", "--strict", "--report=r.json");

        assertThat(out).contains("io.netpolguard.pipeline.Pipeline").doesNotContain("io.netpolguard.observe.");
    }
}
