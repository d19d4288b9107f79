package io.netpolguard.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The classes one post-renderer process loads, from {@code -verbose:class}: what a run costs at start-up. */
public final class LoadedClasses {

    private LoadedClasses() {
    }

    /**
     * Runs {@code Main} in a JVM of its own on a stream and returns what it printed: the loaded classes and the
     * manifests. The run must exit 0.
     *
     * @param dir   the working folder (where reports and findings land)
     * @param stdin the stream
     * @param args  the post-renderer's arguments
     */
    public static String of(Path dir, String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-verbose:class", "-cp",
                System.getProperty("java.class.path"), "io.netpolguard.cli.Main"));
        command.addAll(List.of(args));
        Path input = Files.writeString(Files.createTempFile(dir, "stream", ".yaml"), stdin); // a pipe could fill
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectInput(input.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("exit code of netpol-guard %s", List.of(args)).isZero();
        return out;
    }
}
