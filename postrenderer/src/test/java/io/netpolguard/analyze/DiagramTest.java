package io.netpolguard.analyze;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The graph of an analysis, the one model every renderer draws. */
class DiagramTest {

    @Test
    void theAnalysisDoesNotDependOnThePictureThatDrawsIt() throws IOException {
        Path analyze = Path.of("src", "main", "java", "io", "netpolguard", "analyze");
        List<Path> sources;
        try (Stream<Path> files = Files.list(analyze)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertThat(sources).isNotEmpty();
        for (Path f : sources) {
            assertThat(Files.readString(f)).as(f.toString()).doesNotContain("analyze.picture.")
                    .doesNotContain("import io.netpolguard.analyze.picture");
        }
    }
}
