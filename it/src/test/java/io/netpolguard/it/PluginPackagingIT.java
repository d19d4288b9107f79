package io.netpolguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The Helm plugin folder and tgz built by the postrenderer module. */
class PluginPackagingIT {

    @BeforeAll
    static void packaged() {
        E2e.requirePackagedPlugin();
    }

    @Test
    void pluginFolderHoldsAPostRendererPluginYamlTheLauncherAndOnlyRuntimeLibraries() throws IOException {
        Map<String, Object> plugin = new Yaml().load(E2e.read(E2e.PLUGIN_DIR.resolve("plugin.yaml")));
        assertThat(plugin).containsEntry("apiVersion", "v1").containsEntry("name", "netpol-guard")
                .containsEntry("version", E2e.VERSION).containsEntry("type", "postrenderer/v1")
                .containsEntry("runtime", "subprocess");
        assertThat(Manifests.map(plugin, "runtimeConfig").get("platformCommand"))
                .isEqualTo(List.of(Map.of("command", "${HELM_PLUGIN_DIR}/bin/netpol-guard")));

        E2e.assertExecutable(E2e.LAUNCHER);
        assertThat(E2e.read(E2e.LAUNCHER)).startsWith("#!/bin/sh\n").doesNotContain("\r");
        try (Stream<Path> libs = Files.list(E2e.PLUGIN_DIR.resolve("lib"))) {
            assertThat(libs.map(p -> p.getFileName().toString()).sorted().toList())
                    .hasSize(2).contains("netpol-guard-" + E2e.VERSION + ".jar")
                    .anyMatch(n -> n.matches("snakeyaml-[0-9.]+\\.jar"));
        }
    }

    @Test
    void pluginTgzHoldsThePluginFolderUnderNetpolGuardWithTheLauncherExecutable() throws IOException {
        Proc.Result r = Proc.run(List.of("tar", "-tzvf", E2e.PLUGIN_TGZ.toString()), Proc.baseEnv(E2e.WORK), E2e.WORK,
                null);
        assertThat(r.exit()).as(r.describe()).isZero();
        TreeSet<String> files = new TreeSet<>();
        for (String line : r.out().lines().toList()) {
            String[] cols = line.trim().split("\\s+");
            String mode = cols[0];
            String path = cols[cols.length - 1];
            assertThat(path).as("every entry sits in netpol-guard/").startsWith("netpol-guard/");
            if (mode.startsWith("-")) {
                files.add(path);
            }
            if (path.equals("netpol-guard/bin/netpol-guard")) {
                assertThat(mode).isEqualTo("-rwxr-xr-x");
            }
        }
        TreeSet<String> folder = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(E2e.PLUGIN_DIR)) {
            walk.filter(Files::isRegularFile)
                    .forEach(p -> folder.add("netpol-guard/" + E2e.PLUGIN_DIR.relativize(p)));
        }
        assertThat(files).isEqualTo(folder);
    }
}
