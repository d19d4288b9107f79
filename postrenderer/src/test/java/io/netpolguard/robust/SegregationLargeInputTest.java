package io.netpolguard.robust;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under {@code --segregate}, netpol-guard reads every value the pods are given; values of any size and shape take
 * time in proportion to their size, as the rest of the stream does. Run in a JVM with the launcher's options (C1
 * only, as bin/netpol-guard starts it), so that a quadratic scan is not hidden by the optimising compiler. This is
 * no speed test (the benchmark measures speed): a linear run takes well under a second, a quadratic one minutes, and
 * the limit lies far between, so that a machine busy with the rest of the build never fails it.
 */
class SegregationLargeInputTest {

    /** Far above a linear run on a busy machine, far below a quadratic one. */
    private static final Duration LINEAR = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private static String client(String value) {
        return """
                ---
                # Source: app/templates/client.yaml
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: client}
                spec:
                  selector: {matchLabels: {app: client}}
                  template:
                    metadata: {labels: {app: client}}
                    spec:
                      containers:
                      - name: c
                        env: [{name: V, value: '%s'}]
                """.formatted(value);
    }

    /** Runs the post-renderer as the launcher does; returns how long it took, after checking it succeeded. */
    private Duration segregate(String stream) throws Exception {
        long start = System.nanoTime();
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "io.netpolguard.cli.Main", "--release=app", "--namespace=team-a", "--segregate")
                .redirectError(dir.resolve("stderr").toFile())
                .start();
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(java.getInputStream()));
        try (OutputStream stdin = java.getOutputStream()) {
            stdin.write(stream.getBytes(StandardCharsets.UTF_8));
        }
        boolean finished = java.waitFor(60, TimeUnit.SECONDS);
        if (!finished) {
            java.destroyForcibly();
        }
        assertThat(finished).as("finished within a minute").isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(java.exitValue()).as(Files.readString(dir.resolve("stderr"))).isZero();
        assertThat(stdout.get()).isNotEmpty();
        return took;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aValueOfManyUnclosedVariableReferencesIsReadInTimeProportionalToItsSize() throws Exception {
        assertThat(segregate(client("$(".repeat(200_000)))).isLessThan(LINEAR);
    }

    /**
     * An API gateway's routes: a 1.7 MB nginx.conf that names 60 Services 20,000 times among 20,000 other words,
     * mounted by each of the 60 workloads (a chart's shared configuration).
     */
    @Test
    void aLargeConfigurationFileMountedByEveryWorkloadIsReadInTimeProportionalToItsSize() throws Exception {
        int services = 60;
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < services; i++) {
            stream.append("""
                    ---
                    # Source: app/templates/svc%1$d.yaml
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata: {name: svc%1$d}
                    spec:
                      selector: {matchLabels: {app: svc%1$d}}
                      template:
                        metadata: {labels: {app: svc%1$d}}
                        spec:
                          volumes: [{name: conf, configMap: {name: routes}}]
                          containers: [{name: c, ports: [{name: http, containerPort: 8080}],
                                        volumeMounts: [{name: conf, mountPath: /etc/nginx}]}]
                    ---
                    # Source: app/templates/svc%1$d.yaml
                    apiVersion: v1
                    kind: Service
                    metadata: {name: svc%1$d}
                    spec:
                      selector: {app: svc%1$d}
                      ports: [{name: http, port: 80, targetPort: http}]
                    """.formatted(i));
        }
        stream.append("""
                ---
                # Source: app/templates/routes.yaml
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: routes}
                data:
                  nginx.conf: |
                """);
        for (int j = 0; j < 20_000; j++) {
            stream.append("    location /p").append(j).append(" { set $v").append(j).append(" route").append(j)
                    .append(".example; proxy_pass http://svc").append(j % services).append(":80/x; }\n");
        }

        assertThat(segregate(stream.toString())).isLessThan(LINEAR);
    }
}
