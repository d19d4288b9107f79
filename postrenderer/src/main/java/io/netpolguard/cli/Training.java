package io.netpolguard.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The start-up archive's training run ({@code bin/netpol-guard} on first use, {@code plugin-extras.sh} at build
 * time): the post-renderer over the training stream ({@code cds/training.yaml}) twice in one JVM, isolated and then
 * segregated, so that the archive holds the classes and lambdas of both ways of planning a namespace (one policy for
 * all its pods, or one per workload). What the runs write is dropped; the exit code is 2 when either fails.
 */
public final class Training {

    private Training() {
    }

    public static void main(String[] args) throws IOException {
        byte[] stream = System.in.readAllBytes();
        int code = 0;
        for (List<String> run : List.of(List.of("--release=training", "--namespace=team-a"),
                List.of("--release=training", "--namespace=team-a", "--segregate"))) {
            int exit = new Main(new ByteArrayInputStream(stream), OutputStream.nullOutputStream(), System.err,
                    System.getenv(), new HeapPacing()).run(run.toArray(new String[0]));
            code = Math.max(code, exit);
        }
        System.exit(code == 0 ? 0 : Main.ERROR);
    }
}
