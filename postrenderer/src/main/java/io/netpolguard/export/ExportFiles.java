package io.netpolguard.export;

import io.netpolguard.error.InputException;
import io.netpolguard.config.AtomicFile;
import io.netpolguard.config.Words;
import io.netpolguard.lock.LineDiff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes an export into its folder, or compares it with what the folder holds (CI: is the committed export current?). */
public final class ExportFiles {

    /** The diff lines shown per file in a message; the rest are counted. */
    private static final int SHOWN = 40;

    private ExportFiles() {
    }

    /**
     * Writes every file under {@code dir} (made when missing), each replaced at once so that no reader sees half of
     * one.
     *
     * @throws InputException when a file cannot be written
     */
    public static void write(GitOpsExport export, Path dir, Words words) {
        for (Map.Entry<String, String> f : export.files().entrySet()) {
            Path file = dir.resolve(f.getKey());
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                AtomicFile.write(file, f.getValue().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new InputException("The export file " + file + " cannot be written (" + e + ").",
                        "Check " + words.exportFolder() + ".");
            }
        }
    }

    /**
     * How the files under {@code dir} differ from the export: per file that is missing or different, a line naming
     * it, then its diff ("- " what the folder has, "+ " what the export writes). Empty when the folder holds exactly
     * this export (other files in it are not looked at).
     *
     * @throws InputException when a file cannot be read
     */
    public static List<String> differences(GitOpsExport export, Path dir, Words words) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> f : export.files().entrySet()) {
            Path file = dir.resolve(f.getKey());
            String now;
            try {
                now = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                out.add(file + ": missing");
                continue;
            } catch (IOException e) {
                throw new InputException("The export file " + file + " cannot be read (" + e + ").",
                        "Check " + words.exportFolder() + ".");
            }
            if (now.equals(f.getValue())) {
                continue;
            }
            List<String> diff = LineDiff.between(now.lines().toList(), f.getValue().lines().toList());
            out.add(file + ": " + (diff.isEmpty() ? "line endings differ" : "differs"));
            diff.stream().limit(SHOWN).forEach(out::add);
            if (diff.size() > SHOWN) {
                out.add("  and " + (diff.size() - SHOWN) + " more");
            }
        }
        return out;
    }
}
