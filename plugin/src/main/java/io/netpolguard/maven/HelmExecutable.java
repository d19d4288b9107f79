package io.netpolguard.maven;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A helm executable (Helm 3 or 4) run as `helm template RELEASE CHART ...`. Unlike the embedded renderer, its
 * output includes the chart's hooks (pre-install Jobs and the like), which netpol-guard then also isolates.
 */
public final class HelmExecutable implements ChartRenderer {

    private static final long TIMEOUT_SECONDS = 300;

    private final String executable;

    /** @param executable a path, or a name looked up on PATH (e.g. "helm") */
    public HelmExecutable(String executable) {
        this.executable = executable;
    }

    List<String> command(Request request) {
        List<String> cmd = new ArrayList<>(List.of(executable, "template", request.release(),
                request.chart().toAbsolutePath().toString()));
        if (request.namespace() != null) {
            cmd.add("--namespace");
            cmd.add(request.namespace());
        }
        if (request.kubeVersion() != null) {
            cmd.add("--kube-version");
            cmd.add(request.kubeVersion());
        }
        for (Path values : request.valuesFiles()) {
            cmd.add("--values");
            cmd.add(values.toAbsolutePath().toString());
        }
        for (Map.Entry<String, String> e : request.values().entrySet()) {
            cmd.add("--set");
            cmd.add(e.getKey() + "=" + e.getValue());
        }
        return cmd;
    }

    @Override
    public String render(Request request) {
        List<String> cmd = command(request);
        Process process;
        try {
            process = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new RenderException("The helm executable " + executable + " (<helmExecutable>) " + whyNot() + ".",
                    e, "Set <helmExecutable> to a helm binary (a path, or a name on PATH such as helm), or leave it out"
                    + " to render with the embedded Helm 3.");
        }
        try {
            process.getOutputStream().close();
            // Both streams are read on other threads, so a helm that hangs cannot keep waitFor from timing out.
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new RenderException("`" + String.join(" ", cmd) + "` did not finish within "
                        + TIMEOUT_SECONDS + " s.", null);
            }
            byte[] out = stdout.join();
            String stderr = new String(err.join(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new RenderException("`" + String.join(" ", cmd) + "` failed (exit " + process.exitValue()
                        + "): " + stderr, null);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new RenderException("Interrupted while running helm.", e);
        }
    }

    /** Why the executable cannot be started: "does not exist", "is not on PATH", ... */
    private String whyNot() {
        if (executable.indexOf('/') < 0 && executable.indexOf(File.separatorChar) < 0) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))) {
                    return "cannot be run";
                }
            }
            return "is not on PATH";
        }
        Path p = Path.of(executable);
        if (!Files.exists(p)) {
            return "does not exist";
        }
        if (Files.isDirectory(p)) {
            return "is a folder, not a program";
        }
        return Files.isExecutable(p) ? "cannot be run" : "is not executable";
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            in.transferTo(buffer);
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String describe() {
        return "helm executable " + executable + " (`helm template`, hooks included)";
    }
}
