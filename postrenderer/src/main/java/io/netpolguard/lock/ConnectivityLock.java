package io.netpolguard.lock;

import io.netpolguard.error.InputException;
import io.netpolguard.analyze.Analysis;
import io.netpolguard.analyze.Analyzer;
import io.netpolguard.analyze.Format;
import io.netpolguard.analyze.Options;
import io.netpolguard.config.Config;
import io.netpolguard.config.Words;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.Namespace;
import io.netpolguard.report.LockCheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The connectivity lock ({@code --expect}): what manifests allow, as np-guard's text (the connection list, then the
 * exposure analysis), kept in a file and compared on every run. The text is sorted and depends only on the
 * manifests and the namespace, so it is the same on every machine.
 */
public final class ConnectivityLock {

    private ConnectivityLock() {
    }

    /**
     * What the manifests allow, analysed as a lock compares it: with the exposure, objects without a namespace in
     * {@code namespace} (np-guard's "default" when null, {@link Namespace#forAnalysis}), the configured ingress controllers standing for
     * {@code {ingress-controller}}.
     *
     * @param release the release to highlight in a picture of the analysis, or null: it changes no text
     * @param config  for the ingress controllers
     */
    public static Analysis analyze(Manifest manifest, String namespace, String release, Config config) {
        Options options = new Options(Namespace.forAnalysis(namespace), true)
                .withIngressControllers(config.ingressControllers());
        return Analyzer.analyze(manifest, release == null ? options : options.withRelease(release));
    }

    /** The lock text of an analysis made with {@link #analyze}: what the file holds. */
    public static String text(Analysis analysis) {
        return Format.TXT.render(analysis);
    }

    /**
     * Compares the analysis's lock text with the file, or (with {@code update}) writes it there.
     *
     * @param words how the front end names the lock's options, for messages
     * @throws InputException when the file is missing (and not to be written), unreadable or cannot be written
     */
    public static LockCheck check(Analysis analysis, Path file, boolean update, Words words) {
        String now = text(analysis);
        if (update) {
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(file, now, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new InputException("The lock file " + file + " cannot be written (" + e + ").",
                        words.expectUnusable());
            }
            return new LockCheck(file, LockCheck.Status.UPDATED, List.of());
        }
        String before;
        try {
            before = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException("The lock file " + file + " given with " + words.expect() + " does not exist.",
                    "Create it from this release's connectivity: " + words.updateExpectOnce() + ", review it and"
                            + " commit it.");
        } catch (IOException e) {
            throw new InputException("The lock file " + file + " cannot be read (" + e + ").", words.expectUnusable());
        }
        if (before.equals(now)) {
            return new LockCheck(file, LockCheck.Status.MATCHES, List.of());
        }
        List<String> diff = LineDiff.between(before.lines().toList(), now.lines().toList());
        if (diff.isEmpty()) { // only line endings or a final newline differ
            diff = List.of("- (the file's line endings or final newline)", "+ (one \\n after every line)");
        }
        return new LockCheck(file, LockCheck.Status.DRIFTED, diff);
    }
}
