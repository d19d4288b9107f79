package io.netpolguard.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a copy of netpol-guard's message may go: decided on real processes' stderr as /proc shows it (Linux). What the
 * user then sees with real Helm is tested in the it module (Helm4PluginIT).
 */
class HelmStderrTest {

    /** Whether a copy would go to the stderr of a process started with this redirection. */
    private static boolean landsInOrder(Consumer<ProcessBuilder> stderr) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fdinfo")), "Linux /proc");
        ProcessBuilder pb = new ProcessBuilder("sleep", "30");
        stderr.accept(pb);
        Process p = pb.start();
        try {
            return HelmStderr.landsInOrder(p.pid());
        } finally {
            p.destroy();
            p.waitFor();
        }
    }

    @Test
    void aPipeTakesTheCopyAsItIsWrittenInOrder() throws Exception {
        assertThat(landsInOrder(pb -> pb.redirectError(ProcessBuilder.Redirect.PIPE))).isTrue();
        assertThat(landsInOrder(pb -> pb.redirectError(ProcessBuilder.Redirect.DISCARD))).isTrue(); // /dev/null
    }

    @Test
    void aFileOpenedForAppendingTakesTheCopyButAFileOpenedToWriteAtItsOwnPositionDoesNot(@TempDir Path dir)
            throws Exception {
        Path log = dir.resolve("job.log");
        Files.writeString(log, "before\n");

        assertThat(landsInOrder(pb -> pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())))).isTrue();
        assertThat(landsInOrder(pb -> pb.redirectError(log.toFile()))).isFalse();
    }

    @Test
    void theAppendFlagIsReadFromTheOctalFlagsLine() {
        assertThat(HelmStderr.appends("pos:\t7\nflags:\t0100001\nmnt_id:\t26\n")).isFalse();
        assertThat(HelmStderr.appends("pos:\t0\nflags:\t0102001\nmnt_id:\t26\n")).isTrue();
        assertThat(HelmStderr.appends("pos:\t0\n")).isFalse();
        assertThat(HelmStderr.appends("flags:\tnot-octal\n")).isFalse();
    }

    @Test
    void aProcessThatIsGoneTakesNothing() {
        assertThat(HelmStderr.landsInOrder(Integer.MAX_VALUE)).isFalse();
    }
}
