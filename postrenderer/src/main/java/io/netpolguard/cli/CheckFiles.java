package io.netpolguard.cli;

import io.netpolguard.error.InputException;
import io.netpolguard.config.FileProblem;
import io.netpolguard.pipeline.Pipeline;
import io.netpolguard.report.FindingsFormat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the report ({@code --report}) and the findings ({@code --findings-file}) of a run where the options say. */
final class CheckFiles {

    private CheckFiles() {
    }

    /**
     * @param report       the report file, or null
     * @param findings     the findings format, or null
     * @param findingsFile the findings file (when there is a format)
     */
    static void write(Pipeline.Outcome outcome, Path report, FindingsFormat findings, Path findingsFile) {
        if (report != null) {
            write(report, outcome.report(), "report", "--report");
        }
        if (findings != null) {
            write(findingsFile, findings.render(outcome.findings(), Main.version()), "findings", "--findings-file");
        }
    }

    private static void write(Path file, String text, String what, String option) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException("The " + what + " file " + file + " " + FileProblem.ofWriting(e) + ".",
                    "Check the path given with " + option + ".");
        }
    }
}
