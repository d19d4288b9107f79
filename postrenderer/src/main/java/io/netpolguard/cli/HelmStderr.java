package io.netpolguard.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Helm 4 discards a plugin's stderr and reports only "plugin exited with error". When netpol-guard runs as a
 * Helm 4 plugin (Helm sets HELM_PLUGIN_NAME), its messages are also written to Helm's own stderr, so the
 * user sees why in a terminal and in a CI log alike. Helm 3 prints a post-renderer's stderr only inside its
 * error: warnings and {@code --explain} of a run that succeeds go to Helm's stderr under both.
 */
final class HelmStderr {

    /** Room for Helm's own error when it writes to the start of a file netpol-guard appended to. */
    private static final int ROOM_FOR_HELM = 1024;
    private static final int O_APPEND = 02000;

    private HelmStderr() {
    }

    static void copyForHelm4(String message, Map<String, String> env) {
        if (env.get("HELM_PLUGIN_NAME") == null) {
            return;
        }
        long parent = parentPid();
        if (parent > 0) {
            write(message, parent);
        }
    }

    /**
     * Notes of a run that succeeds (warnings, {@code --explain}): Helm 3 and Helm 4 both drop them, so they are also
     * written to Helm's stderr when Helm started netpol-guard and its stderr is not already netpol-guard's.
     */
    static void copyNotesForHelm(String notes) {
        long pid = parentPid();
        if (pid <= 0) {
            return;
        }
        try {
            String comm = Files.readString(Path.of("/proc/" + pid + "/comm")).strip();
            if (!comm.startsWith("helm")) {
                return;
            }
            Path ours = Files.readSymbolicLink(Path.of("/proc/self/fd/2"));
            Path helms = Files.readSymbolicLink(Path.of("/proc/" + pid + "/fd/2"));
            if (ours.equals(helms)) {
                return; // already where Helm writes
            }
        } catch (IOException | RuntimeException e) {
            return; // not Linux, or not allowed
        }
        write(notes, pid);
    }

    /**
     * The parent's pid from /proc/self/stat (field 4, after the command name in parentheses), or 0: cheaper at
     * start-up than ProcessHandle, whose class starts a process reaper, and /proc is all the copy needs anyway.
     */
    private static long parentPid() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 3);
            return Long.parseLong(fields[1]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static void write(String message, long parent) {
        Path helmStderr = Path.of("/proc/" + parent + "/fd/2");
        String text = message;
        if (sharesNoAppendFile(parent, helmStderr)) {
            // Helm keeps its own file position: it will write its error where ours starts. Leave it room.
            text = " ".repeat(ROOM_FOR_HELM - 1) + "\n" + message;
        }
        try (FileOutputStream helm = new FileOutputStream(helmStderr.toFile(), true)) {
            helm.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | SecurityException e) {
            // Not Linux, or not allowed: stderr is all there is.
        }
    }

    /** True when Helm's stderr is a regular file Helm did not open for appending (`2>file`). */
    private static boolean sharesNoAppendFile(long pid, Path helmStderr) {
        try {
            if (!Files.isRegularFile(helmStderr)) {
                return false;
            }
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/fdinfo/2"))) {
                if (line.startsWith("flags:")) {
                    return (Integer.parseInt(line.substring(6).strip(), 8) & O_APPEND) == 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }
}
