package io.netpolguard.cli;

import io.netpolguard.model.WorkloadKind;
import io.netpolguard.read.ManifestReader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code netpol-guard analyze} on the real post-renderer inputs of the shared corpus (twelve public charts, Helm 3 and
 * Helm 4), before and after the post-renderer: the analysis agrees with what the post-renderer promises.
 */
class AnalyzeCorpusTest {

    static List<Path> corpus() throws IOException {
        return CorpusTest.corpus().toList();
    }

    private static String release(Path stream) {
        String file = stream.getFileName().toString();
        return file.substring(0, file.indexOf('.'));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyStreamIsAnalysedTheSameWayTwiceInWellFormedLines(Path stream) throws IOException {
        PostRenderer.Run first = PostRenderer.run(new byte[0], "analyze", "--exposure", stream.toString());
        PostRenderer.Run second = PostRenderer.run(new byte[0], "analyze", "--exposure", stream.toString());

        assertThat(first.exit()).as(first.stderr()).isZero();
        assertThat(first.stdout()).isEqualTo(second.stdout());
        String list = first.out().substring(0, first.out().indexOf("Exposure Analysis Result:"));
        assertThat(list.lines().filter(l -> !l.isEmpty()))
                .allMatch(l -> l.matches("\\S+ => \\S+ : (All Connections|(SCTP|TCP|UDP) [0-9,-]+(,(SCTP|TCP|UDP) [0-9,-]+)*)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void afterThePostRendererEveryStreamIsDrawnAsAWellFormedSvgWithEveryWorkloadOfTheRelease(Path stream) throws Exception {
        PostRenderer.Run isolated = PostRenderer.run(Files.readAllBytes(stream), "--release=" + release(stream));
        assertThat(isolated.exit()).as(isolated.stderr()).isZero();

        PostRenderer.Run svg = PostRenderer.run(isolated.stdout(), "analyze", "--format=svg", "--exposure",
                "--release=" + release(stream), "--namespace=team-a");

        assertThat(svg.exit()).as(svg.stderr()).isZero();
        AnalyzePictureTest.Drawn d = AnalyzePictureTest.read(svg.out());
        assertThat(d.title()).isEqualTo("Release " + release(stream) + " in namespace team-a");
        assertThat(d.nodes().values()).filteredOn(c -> c.contains("workload")).isNotEmpty()
                .containsOnly("node workload release");
        assertThat(d.groups()).containsEntry("team-a", "group release");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void afterThePostRendererAChartWithoutPoliciesOfItsOwnTalksFreelyInsideAndOutsideOnlyOnThePortsAllowancesOpen(
            Path stream) throws IOException {
        byte[] input = Files.readAllBytes(stream);
        // A chart's own policies may open more, and netpol-guard never widens them.
        Assumptions.assumeTrue(new ManifestReader(WorkloadKind.BUILT_IN).read(input).policies().isEmpty(),
                "the chart ships NetworkPolicies of its own");
        PostRenderer.Run isolated = PostRenderer.run(input, "--release=" + release(stream));
        assertThat(isolated.exit()).as(isolated.stderr()).isZero();

        PostRenderer.Run analysis = PostRenderer.run(isolated.stdout(), "analyze", "--namespace=team-a");

        assertThat(analysis.exit()).as(analysis.stderr()).isZero();
        assertThat(analysis.out().lines()).allSatisfy(line -> {
            String[] parts = line.split(" => | : ");
            if (parts[1].endsWith("[External]")) {
                assertThat(parts[2]).as("out of the release: only the API server's ports").isEqualTo("TCP 443,6443");
            } else if (parts[0].endsWith("[External]") || parts[0].equals("{ingress-controller}")) {
                assertThat(parts[2]).as("into the release: named ports, never all").matches("TCP [0-9,]+");
            } else {
                assertThat(parts[2]).as("inside the release").isEqualTo("All Connections");
            }
        });
    }
}
