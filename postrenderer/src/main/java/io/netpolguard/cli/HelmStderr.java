package io.netpolguard.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The post-renderer's {@link Stderr}: netpol-guard's own stderr, then a copy where Helm's user sees it.
 *
 * <p>Helm 4 discards a plugin's stderr and reports only "plugin exited with error"; Helm 3 prints a post-renderer's
 * stderr only inside its error, so the notes of a run that succeeds (warnings, {@code --explain}) are lost under both.
 * netpol-guard therefore also writes them to Helm's own stderr (through /proc, on Linux), but only where they land
 * whole and before Helm's next line, as if Helm had written them itself:
 * <ul>
 *   <li>a terminal, a pipe (a CI runner, {@code | tee}) or another character device: written in order;</li>
 *   <li>a regular file opened for appending ({@code 2>>log}, {@code >>log 2>&1}): every write goes to its end;</li>
 *   <li>a regular file opened without O_APPEND ({@code 2>log}, {@code { ...; } >log 2>&1}): never. Helm and the
 *       shell write at a file position they share and netpol-guard cannot move; a copy would be overwritten by
 *       Helm's next line, or cut it, or land after the job's later lines. The user gets the explanation with
 *       {@code --report}, or by appending or piping the log.</li>
 * </ul>
 */
final class HelmStderr implements Stderr {

    /** O_APPEND in the octal flags of /proc/PID/fdinfo/N (Linux, every architecture netpol-guard ships for). */
    private static final int O_APPEND = 02000;

    private final PrintStream err;
    private final Map<String, String> env;

    /**
     * @param err netpol-guard's own stderr
     * @param env the environment, which says whether Helm started netpol-guard and which process it is
     */
    HelmStderr(PrintStream err, Map<String, String> env) {
        this.err = err;
        this.env = env;
    }

    @Override
    public void notes(String text) {
        err.print(text);
        err.flush();
        copyNotesForHelm(text, env);
    }

    @Override
    public void failure(String message) {
        err.print(message);
        err.flush();
        copyForHelm4(message, env);
    }

    /** A message of a refusal or an error: copied when Helm 4 (which sets HELM_PLUGIN_NAME) runs netpol-guard. */
    private static void copyForHelm4(String message, Map<String, String> env) {
        if (env.get("HELM_PLUGIN_NAME") == null) {
            return;
        }
        long helm = callerPid(env);
        if (helm > 0 && landsInOrder(helm)) {
            write(message, helm);
        }
    }

    /**
     * Notes of a run that succeeds (warnings, {@code --explain}): copied when Helm (3 or 4) started netpol-guard and
     * its stderr is not already netpol-guard's.
     */
    private static void copyNotesForHelm(String notes, Map<String, String> env) {
        long pid = callerPid(env);
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
        if (landsInOrder(pid)) {
            write(notes, pid);
        }
    }

    /**
     * Whether text written to the process's stderr now lands whole, before that process's next line: true for a
     * terminal, a pipe or another device, and for a regular file only when its open file has O_APPEND.
     */
    static boolean landsInOrder(long pid) {
        Path stderr = Path.of("/proc/" + pid + "/fd/2");
        if (Files.isDirectory(stderr)) {
            return false;
        }
        if (!Files.isRegularFile(stderr)) {
            return Files.exists(stderr); // a terminal, a pipe, /dev/null
        }
        try {
            return appends(Files.readString(Path.of("/proc/" + pid + "/fdinfo/2")));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether /proc/PID/fdinfo/N's text shows O_APPEND in its "flags:" line (octal). */
    static boolean appends(String fdinfo) {
        for (String line : fdinfo.split("\n")) {
            if (line.startsWith("flags:")) {
                try {
                    return (Integer.parseInt(line.substring(6).strip(), 8) & O_APPEND) != 0;
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return false;
    }

    /**
     * The process that started netpol-guard: the launcher passes its own parent (Helm) in NETPOL_GUARD_CALLER_PID, as
     * the JVM is the launcher's child; else this process's parent, or 0.
     */
    private static long callerPid(Map<String, String> env) {
        String caller = env.get("NETPOL_GUARD_CALLER_PID");
        if (caller != null) {
            try {
                return Long.parseLong(caller.strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return parentPid();
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

    private static void write(String message, long pid) {
        try (FileOutputStream helm = new FileOutputStream("/proc/" + pid + "/fd/2", true)) {
            helm.write(message.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | SecurityException e) {
            // Not Linux, or not allowed: stderr is all there is.
        }
    }
}
