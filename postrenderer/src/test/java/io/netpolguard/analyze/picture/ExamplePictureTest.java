package io.netpolguard.analyze.picture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Writes example pictures under target/ to look at (nothing is compared with a stored picture). */
class ExamplePictureTest {

    @Test
    void theWebShopIsDrawnToTargetPictureExampleSvg() throws IOException {
        Path out = Path.of("target", "picture-example.svg");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Svg.render(Examples.webShop()), StandardCharsets.UTF_8);
        Files.writeString(Path.of("target", "picture-example.html"), Html.render(Examples.webShop()), StandardCharsets.UTF_8);
        assertThat(out).isNotEmptyFile();
    }

    @Test
    void theIsolatedWebShopIsDrawnToTargetPictureMeshSvg() throws IOException {
        Path out = Path.of("target", "picture-mesh.svg");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Svg.render(Examples.isolatedShop()), StandardCharsets.UTF_8);
        assertThat(out).isNotEmptyFile();
    }

    @Test
    void aLargeReleaseIsDrawnToTargetPictureLargeSvg() throws IOException {
        Path out = Path.of("target", "picture-large.svg");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Svg.render(Examples.large(40, 160, 7)), StandardCharsets.UTF_8);
        assertThat(out).isNotEmptyFile();
    }
}
