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
