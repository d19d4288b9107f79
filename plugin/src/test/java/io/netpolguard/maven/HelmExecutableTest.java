package io.netpolguard.maven;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HelmExecutableTest {

    @Test
    void buildsTheHelmTemplateCommandLine(@TempDir Path dir) {
        ChartRenderer.Request request = new ChartRenderer.Request(dir.resolve("chart"), "shop", "team-a",
                List.of(dir.resolve("prod.yaml")), Map.of("image.tag", "1@sha256:x"), "1.31.0", dir);

        assertThat(new HelmExecutable("/opt/helm").command(request)).containsExactly("/opt/helm", "template", "shop",
                dir.resolve("chart").toString(), "--namespace", "team-a", "--kube-version", "1.31.0",
                "--values", dir.resolve("prod.yaml").toString(), "--set", "image.tag=1@sha256:x");
    }

    @Test
    void aMissingExecutableSaysWhichOne(@TempDir Path dir) {
        ChartRenderer.Request request = new ChartRenderer.Request(dir, "shop", null, List.of(), Map.of(), null, dir);

        assertThatThrownBy(() -> new HelmExecutable(dir.resolve("no-helm").toString()).render(request))
                .isInstanceOf(ChartRenderer.RenderException.class).hasMessageContaining("no-helm");
    }
}
