package io.netpolguard.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Where things are, as passed by failsafe (see it/pom.xml), with defaults that work when a
 * test is started from an IDE with the module folder as working directory.
 */
final class E2e {

    private static final Path MODULE = Paths.get(System.getProperty("user.dir")).toAbsolutePath();

    static final Path PLUGIN_DIR = path("netpolguard.pluginDir", "../postrenderer/target/netpol-guard");
    static final Path LAUNCHER = PLUGIN_DIR.resolve("bin/netpol-guard");
    static final String VERSION = System.getProperty("netpolguard.version", "0.1.0-SNAPSHOT");
    static final Path PLUGIN_TGZ = path("netpolguard.pluginTgz", "../postrenderer/target/netpol-guard-" + VERSION + ".tgz");
    static final Path EXAMPLES = path("netpolguard.examples", "../examples");
    static final Path CHARTS = path("netpolguard.charts", "src/test/resources/charts");
    /** Streams the core's tests share with these, e.g. export/every-pod-template-shape.yaml. */
    static final Path TEST_STREAMS = path("netpolguard.testStreams", "../postrenderer/src/test/resources");
    static final Path WORK = path("netpolguard.work", "target/e2e");
    static final Path FETCH_SCRIPT = path("netpolguard.fetchScript", "helm/fetch-helm.sh");
    static final boolean SKIP_HELM = Boolean.getBoolean("netpolguard.skipHelm");

    static final Path WEBSHOP = EXAMPLES.resolve("webshop");
    static final Path PODINFO_LIKE = CHARTS.resolve("podinfo-like");
    static final Path POSTGRESQL_LIKE = CHARTS.resolve("postgresql-like");

    private static final Map<String, Path> HELM = new HashMap<>();

    private E2e() {
    }

    private static Path path(String property, String fallback) {
        String value = System.getProperty(property);
        return MODULE.resolve(value == null || value.isBlank() ? fallback : value).normalize();
    }

    /** Aborts (skips) the calling test class when -Dnetpolguard.skipHelm=true. */
    static void assumeHelmWanted() {
        Assumptions.assumeFalse(SKIP_HELM, "Helm end-to-end tests skipped: -Dnetpolguard.skipHelm=true");
    }

    /** Fails with a clear message unless the packaged plugin folder exists. */
    static void requirePackagedPlugin() {
        if (!Files.isExecutable(LAUNCHER) || !Files.isRegularFile(PLUGIN_DIR.resolve("plugin.yaml"))) {
            fail("The packaged Helm plugin folder is missing or incomplete: " + PLUGIN_DIR
                    + ". Build it first: ./mvnw package -pl postrenderer (./mvnw verify builds both modules in order).");
        }
    }

    static Path helm3() {
        return helm("helm3", "netpolguard.helm3");
    }

    static Path helm4() {
        return helm("helm4", "netpolguard.helm4");
    }

    /**
     * The binary failsafe names (a link made by fetch-helm.sh in pre-integration-test), or,
     * when that is missing (IDE run), whatever fetch-helm.sh provides now. Fails, never skips,
     * when no binary can be had.
     */
    private static synchronized Path helm(String tool, String property) {
        Path known = HELM.get(tool);
        if (known != null) {
            return known;
        }
        String configured = System.getProperty(property);
        Path binary = configured == null || configured.isBlank() ? null : MODULE.resolve(configured);
        if (binary == null || !Files.isExecutable(binary)) {
            binary = fetch(tool);
        }
        HELM.put(tool, binary);
        return binary;
    }

    private static Path fetch(String tool) {
        Proc.Result r = Proc.run(List.of(FETCH_SCRIPT.toString(), tool), Map.copyOf(System.getenv()), MODULE, null);
        String line = r.out().lines().filter(l -> l.startsWith(tool + "=")).findFirst().orElse(null);
        if (r.exit() != 0 || line == null || !Files.isExecutable(Paths.get(line.substring(tool.length() + 1)))) {
            fail("Could not obtain " + tool + " with " + FETCH_SCRIPT + " (exit " + r.exit() + "):\n" + r.err()
                    + "\nPoint NETPOL_GUARD_HELM3 / NETPOL_GUARD_HELM4 at existing binaries, or skip these tests with "
                    + "-Dnetpolguard.skipHelm=true.");
        }
        return Paths.get(line.substring(tool.length() + 1));
    }

    /** A fresh, empty folder under target/e2e. */
    static Path freshDir(String... names) {
        Path dir = WORK;
        for (String n : names) {
            dir = dir.resolve(n);
        }
        deleteTree(dir);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void assertExecutable(Path file) {
        assertThat(file).as("%s should be an executable file", file).isRegularFile();
        assertThat(Files.isExecutable(file)).as("%s is executable", file).isTrue();
    }
}
