package io.netpolguard.it;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs a process with an explicit environment, stdout and stderr captured through pipes. */
final class Proc {

    static final Duration TIMEOUT = Duration.ofSeconds(90);

    record Result(List<String> command, int exit, String out, String err, Duration took) {

        /** A description for assertion messages. */
        String describe() {
            return String.join(" ", command) + "\n-> exit " + exit + " after " + took.toMillis() + " ms\n--- stderr:\n" + err
                    + "\n--- stdout (first 4000 chars):\n" + (out.length() > 4000 ? out.substring(0, 4000) + "..." : out);
        }
    }

    private Proc() {
    }

    /**
     * Captures stdout and stderr through pipes, as a terminal or a CI runner would (Helm 4 plugins write
     * to Helm's stderr through /proc/PPID/fd/2, which behaves differently on a regular file).
     *
     * @param env the complete environment of the process (nothing is inherited)
     * @param stdin a file to read stdin from, or null for an empty stdin
     */
    static Result run(List<String> command, Map<String, String> env, Path workDir, Path stdin) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                : ProcessBuilder.Redirect.from(stdin.toFile()));
        long start = System.nanoTime();
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try {
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("timed out after " + TIMEOUT + ": " + command);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return new Result(command, p.exitValue(), out.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                    err.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), took);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("reading the output of " + command, e);
        }
    }

    private static CompletableFuture<String> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, DRAINERS);
    }

    private static final java.util.concurrent.ExecutorService DRAINERS =
            java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "e2e-drain");
                t.setDaemon(true);
                return t;
            });

    /** A minimal environment: PATH, HOME, JAVA_HOME of the test JVM, TMPDIR, LANG. */
    static Map<String, String> baseEnv(Path home) {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin"));
        env.put("HOME", home.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("TMPDIR", System.getProperty("java.io.tmpdir"));
        env.put("LANG", "C.UTF-8");
        return env;
    }
}
