package io.netpolguard.maven;

import org.apache.maven.plugin.MojoFailureException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a build isolates: the pom's charts and manifest directories, or, when it configures neither, every chart
 * directly under the default charts folder (or that folder itself). Each source is released under its own release,
 * else the {@code release} parameter when it is the only source, else its folder name, made a valid release name;
 * and in its own namespace, else the {@code namespace} parameter.
 */
final class Sources {

    private Sources() {
    }

    /**
     * @param release   the release of a single source that names none (the artifactId by default)
     * @param namespace the namespace of every source that names none, or null
     */
    static List<Isolation.Source> of(List<Chart> charts, List<ManifestDirectory> manifestDirectories,
                                     File defaultChartsDirectory, String release, String namespace)
            throws MojoFailureException {
        List<Chart> chartList = new ArrayList<>(charts == null ? List.of() : charts);
        List<ManifestDirectory> manifestList = manifestDirectories == null ? List.of() : manifestDirectories;
        if (chartList.isEmpty() && manifestList.isEmpty()) {
            chartList.addAll(defaultCharts(defaultChartsDirectory));
        }
        boolean single = chartList.size() + manifestList.size() == 1;
        List<Isolation.Source> sources = new ArrayList<>();
        for (Chart c : chartList) {
            Path dir = required(c.directory, "<chart>").toPath();
            sources.add(new Isolation.Source(Isolation.Kind.CHART, dir, releaseOf(c.release, dir, single, release),
                    or(c.namespace, namespace), c.valuesFiles == null ? List.of()
                            : c.valuesFiles.stream().map(f -> f.toPath()).toList(),
                    c.values == null ? Map.of() : c.values));
        }
        for (ManifestDirectory m : manifestList) {
            Path dir = required(m.directory, "<manifestDirectory>").toPath();
            sources.add(new Isolation.Source(Isolation.Kind.MANIFESTS, dir, releaseOf(m.release, dir, single, release),
                    or(m.namespace, namespace), List.of(), Map.of()));
        }
        return sources;
    }

    private static List<Chart> defaultCharts(File defaultChartsDirectory) {
        Path root = defaultChartsDirectory == null ? null : defaultChartsDirectory.toPath();
        if (root == null || !Files.isDirectory(root)) {
            return List.of();
        }
        if (Files.isRegularFile(root.resolve("Chart.yaml"))) {
            return List.of(new Chart(root.toFile()));
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("Chart.yaml"))).sorted()
                    .map(p -> new Chart(p.toFile())).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String releaseOf(String configured, Path dir, boolean single, String release) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return validReleaseName(single && release != null ? release : dir.getFileName().toString());
    }

    /** artifactIds may hold dots, underscores and capitals; Helm release names may not. */
    static String validReleaseName(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 53) {
            s = s.substring(0, 53).replaceAll("-+$", "");
        }
        return s.isEmpty() ? "release" : s;
    }

    private static File required(File directory, String what) throws MojoFailureException {
        if (directory == null) {
            throw new MojoFailureException("A " + what + " entry has no <directory>. Add one.");
        }
        return directory;
    }

    /** The source's own value, else the shared one; null when both are blank. */
    private static String or(String own, String shared) {
        return own != null && !own.isBlank() ? own : shared == null || shared.isBlank() ? null : shared;
    }
}
