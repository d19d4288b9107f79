package io.netpolguard.read;

import io.netpolguard.error.InputException;
import io.netpolguard.config.Config;
import io.netpolguard.model.Manifest;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Large streams are read on all cores (here from 1 MB on); the outcome must not depend on it. */
class LargeStreamReadingTest {

    private static final long PARALLEL_FROM = 1 << 20;

    private static String stream(int documents) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < documents; i++) {
            sb.append(i % 2 == 0 ? """
                    ---
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: web-%d}
                    spec:
                      template:
                        metadata:
                          labels: {app: web-%d}
                    """.formatted(i, i) : """
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: data-%d}
                    data: {blob: "%s"}
                    """.formatted(i, "x".repeat(500)));
        }
        return sb.toString();
    }

    private static Manifest read(String stream) {
        return new ManifestReader(Config.defaults().workloadKinds(), false, PARALLEL_FROM)
                .read(stream.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLargeStreamYieldsItsObjectsAndWorkloadsInStreamOrder() {
        String large = stream(4000);
        assertThat(large.length()).isGreaterThan((int) PARALLEL_FROM);

        Manifest manifest = read(large);

        assertThat(manifest.objects()).hasSize(4000);
        assertThat(manifest.workloads()).hasSize(2000);
        for (int i = 0; i < 2000; i++) {
            assertThat(manifest.workloads().get(i).name()).isEqualTo("web-" + (2 * i));
        }
    }

    @Test
    void largeDocumentsAmongSmallOnesAreReadOneAtATimeAndKeepTheirPlaceInTheStream() {
        String big = "x".repeat(ManifestReader.ONE_AT_A_TIME_FROM_BYTES);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sb.append(stream(100).replace("data-", "data-" + i + "-"))
                    .append("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: big-%d}\ndata: {blob: %s}\n"
                            .formatted(i, big));
        }
        assertThat(sb.length()).isGreaterThan((int) PARALLEL_FROM);

        Manifest manifest = read(sb.toString());

        assertThat(manifest.objects()).hasSize(40 * 101);
        for (int i = 0; i < 40; i++) {
            assertThat(manifest.objects().get(101 * i + 100).name()).isEqualTo("big-" + i);
        }
    }

    @Test
    void theFirstBrokenDocumentOfALargeStreamIsTheOneReportedWhateverTheOrderOfReading() {
        List<String> docs = List.of(stream(4000).split("(?=---\n)"));
        StringBuilder broken = new StringBuilder();
        for (int i = 0; i < docs.size(); i++) {
            String doc = docs.get(i);
            broken.append(i == 2501 || i == 3901 ? doc.replace("kind: ConfigMap", "kind: [ConfigMap") : doc);
        }

        for (int attempt = 0; attempt < 5; attempt++) {
            assertThatThrownBy(() -> read(broken.toString())).isInstanceOf(InputException.class)
                    .hasMessageStartingWith("Document 2502,");
        }
    }
}
