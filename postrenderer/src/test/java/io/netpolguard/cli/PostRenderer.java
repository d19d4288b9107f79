package io.netpolguard.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the command line in-process, as Helm would run it, and keeps what it printed. Shared by the test packages. */
public final class PostRenderer {

    public record Run(int exit, byte[] stdout, String stderr) {
        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    /**
     * A one-Deployment release "shop", as Helm renders it. Tests assert line numbers in streams built from it,
     * so it lives in one place.
     */
    public static final String WEB = """
            ---
            # Source: shop/templates/web.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: shop-web
              labels:
                app.kubernetes.io/instance: shop
            spec:
              selector:
                matchLabels: {app: web}
              template:
                metadata:
                  labels:
                    app: web
                    app.kubernetes.io/instance: shop
                spec:
                  containers: [{name: web, image: nginx}]
            """;

    private PostRenderer() {
    }

    public static Run run(byte[] stdin, String... args) {
        return run(stdin, Map.of(), args);
    }

    public static Run run(String stdin, String... args) {
        return run(stdin.getBytes(StandardCharsets.UTF_8), Map.of(), args);
    }

    public static Run run(byte[] stdin, Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Main(new ByteArrayInputStream(stdin), out, new PrintStream(err, true, StandardCharsets.UTF_8),
                env).run(args);
        return new Run(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }
}
