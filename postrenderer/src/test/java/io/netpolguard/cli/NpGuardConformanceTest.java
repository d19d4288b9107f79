package io.netpolguard.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code netpol-guard analyze} writes exactly what np-guard's netpol-analyzer writes on each of its conformance
 * cases (../shared/conformance/np-guard: manifests under {@code <case>/input}, {@code expected_connlist.txt}, and for
 * three cases {@code expected_exposure.txt}).
 */
class NpGuardConformanceTest {

    static Stream<Path> cases() throws IOException {
        String dir = System.getProperty("netpolguard.conformance", "");
        Assumptions.assumeTrue(!dir.isEmpty() && Files.isDirectory(Path.of(dir)),
                "np-guard's conformance cases (../shared/conformance/np-guard) are not beside this checkout");
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            return s.filter(p -> Files.isDirectory(p.resolve("input"))).sorted().toList().stream();
        }
    }

    static Stream<Path> exposureCases() throws IOException {
        return cases().filter(p -> Files.isRegularFile(p.resolve("expected_exposure.txt")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theConnectionListIsNpGuardsLineForLine(Path testCase) throws IOException {
        PostRenderer.Run run = PostRenderer.run(new byte[0], "analyze", testCase.resolve("input").toString());

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.out()).isEqualTo(Files.readString(testCase.resolve("expected_connlist.txt"), StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exposureCases")
    void theExposureAnalysisIsNpGuardsByteForByte(Path testCase) throws IOException {
        PostRenderer.Run run = PostRenderer.run(new byte[0], "analyze", "--exposure", testCase.resolve("input").toString());

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.out()).isEqualTo(Files.readString(testCase.resolve("expected_exposure.txt"), StandardCharsets.UTF_8));
    }

    @org.junit.jupiter.api.Test
    void allTwentySevenCasesAndThreeExposureCasesAreThere() throws IOException {
        assertThat(cases()).hasSize(27);
        assertThat(exposureCases()).hasSize(3);
    }
}
