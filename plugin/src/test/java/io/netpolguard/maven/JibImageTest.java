package io.netpolguard.maven;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JibImageTest {

    @Test
    void readsWhatJibWrites(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("jib-image.json");
        Files.writeString(file, "{\"image\":\"localhost:5000/team/app:1.2\",\"imageId\":\"sha256:aaa\","
                + "\"imageDigest\":\"sha256:bbb\",\"tags\":[\"1.2\",\"latest\"],\"imagePushed\":false}");

        JibImage image = JibImage.read(file).orElseThrow();

        assertThat(image.repository()).isEqualTo("localhost:5000/team/app");
        assertThat(image.tag()).isEqualTo("1.2");
        assertThat(image.digest()).isEqualTo("sha256:bbb");
        assertThat(image.values("image.repository", "image.tag", ""))
                .isEqualTo(Map.of("image.repository", "localhost:5000/team/app", "image.tag", "1.2@sha256:bbb"));
        assertThat(image.values("image.repository", "image.tag", "image.digest")).containsEntry("image.tag", "1.2")
                .containsEntry("image.digest", "sha256:bbb");
    }

    @Test
    void aReferenceWithoutTagTakesJibsFirstTagAndARegistryPortIsNoTag() {
        assertThat(JibImage.parse("localhost:5000/app", "7", null).tag()).isEqualTo("7");
        assertThat(JibImage.parse("localhost:5000/app", null, null).tag()).isEqualTo("latest");
        assertThat(JibImage.parse("app@sha256:ccc", null, null).digest()).isEqualTo("sha256:ccc");
    }

    @Test
    void noFileMeansNoImageAndABrokenFileSaysWhich(@TempDir Path dir) throws IOException {
        assertThat(JibImage.read(dir.resolve("jib-image.json"))).isEmpty();
        Path file = dir.resolve("broken.json");
        Files.writeString(file, "{\"imageId\": \"sha256:x\"}");
        assertThatThrownBy(() -> JibImage.read(file)).hasMessageContaining(file.toString())
                .hasMessageContaining("\"image\"");
    }
}
