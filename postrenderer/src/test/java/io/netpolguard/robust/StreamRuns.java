package io.netpolguard.robust;

import io.netpolguard.cli.PostRenderer;
import io.netpolguard.model.RawDocument;
import io.netpolguard.read.StreamSplitter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** What the generated-stream tests share: damaging a stream, running it, comparing documents, saving failures. */
final class StreamRuns {

    /** Called for each input document the output changed: its number (from 1), the input's text and the output's. */
    interface Changed {
        void check(int number, String before, String after);
    }

    private StreamRuns() {
    }

    /** Byte-level damage where YAML is fragile: 1 to 3 insertions, deletions or replacements of {@code pieces}. */
    static byte[] damage(byte[] stream, Random random, String... pieces) {
        StringBuilder sb = new StringBuilder(new String(stream, StandardCharsets.UTF_8));
        for (int n = 1 + random.nextInt(3); n > 0 && sb.length() > 0; n--) {
            int at = random.nextInt(sb.length());
            if (Character.isLowSurrogate(sb.charAt(at))) {
                at--;
            }
            switch (random.nextInt(3)) {
                case 0 -> sb.insert(at, pieces[random.nextInt(pieces.length)]);
                case 1 -> sb.delete(at, Math.min(sb.length(), at + 1 + random.nextInt(4)));
                default -> sb.setCharAt(at, pieces[random.nextInt(pieces.length)].charAt(0));
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Runs a damaged stream: it ends in output (exit 0) or in a refusal or one paragraph of error (1, 2) with nothing
     * written, never in a stack trace. Returns the exit code.
     */
    static int runDamaged(byte[] in, String[] args, String what) {
        PostRenderer.Run run;
        try {
            run = PostRenderer.run(in, args);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(what + " escaped as " + e, e);
        }
        assertThat(run.exit()).as("%s, %s", what, run.stderr()).isBetween(0, 2);
        if (run.exit() != 0) {
            assertThat(run.stdout()).isEmpty();
            assertThat(run.stderr()).startsWith("netpol-guard: ").doesNotContain("\tat ", "Exception",
                    "internal error");
        }
        if (run.exit() == 2) {
            assertThat(run.stderr().lines().count()).as(run.stderr()).isEqualTo(1);
        }
        return run.exit();
    }

    /**
     * Every input document comes out in its place; those that differ go to {@code changed} (the line break the
     * writer adds after a last document without one is not a change). Returns how many differ.
     */
    static int compareDocuments(byte[] in, byte[] out, Changed changed) {
        List<RawDocument> before = StreamSplitter.split(in);
        List<RawDocument> after = StreamSplitter.split(out);
        assertThat(after.size()).as("documents out").isGreaterThanOrEqualTo(before.size());
        int n = 0;
        for (int i = 0; i < before.size(); i++) {
            String a = text(before.get(i));
            String b = text(after.get(i));
            if (i == before.size() - 1 && after.size() > before.size() && !a.endsWith("\n") && b.endsWith("\n")) {
                b = b.substring(0, b.length() - 1);
            }
            if (!a.equals(b)) {
                n++;
                changed.check(i + 1, a, b);
            }
        }
        return n;
    }

    static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    static String text(RawDocument d) {
        return new String(d.bytes(), d.offset(), d.length(), StandardCharsets.UTF_8);
    }

    /** Saves a failing stream under target/FOLDER so that it can be replayed; returns where. */
    static String save(String folder, long seed, byte[] stream) {
        try {
            Path dir = Files.createDirectories(Path.of("target", folder));
            Path file = dir.resolve("stream-" + Long.toHexString(seed) + ".yaml");
            Files.write(file, stream);
            return file.toString();
        } catch (IOException e) {
            return "(not saved: " + e + ")";
        }
    }
}
