package io.netpolguard.observe;

import io.netpolguard.error.InputException;
import io.netpolguard.config.FileProblem;
import io.netpolguard.config.Words;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a flow log line by line: only the current line and the folded flows are held in memory. */
public final class ObservedFile {

    private ObservedFile() {
    }

    /**
     * @param file   the log
     * @param format its format, or null to tell it from the first record
     * @param words  how the front end names {@code --observed} and {@code --observed-format} in advice
     * @throws InputException when the file cannot be read, or a line is broken (the message names the line)
     */
    public static Observed read(Path file, FlowFormat format, Words words) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), format, words);
        } catch (IOException e) {
            throw new InputException("The flow log " + file + " " + FileProblem.of(e) + ".",
                    "Check the path given with " + words.observed() + ".");
        }
    }

    /** The same from a stream; {@code name} names it in messages. */
    public static Observed read(InputStream in, String name, FlowFormat format, Words words) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        Observed observed = null;
        FlowFormat.LineReader lines = null;
        String line;
        long number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (number == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            try {
                if (observed == null) {
                    FlowFormat f = format != null ? format : FlowFormat.sniff(s);
                    observed = new Observed(f, format == null);
                    lines = f.reader();
                }
                lines.read(s, observed);
            } catch (JsonLine.Problem | IllegalArgumentException e) {
                throw new InputException("Line " + number + " of the flow log " + name + " is not a record of "
                        + (observed == null ? "a flow log netpol-guard reads" : observed.format().title())
                        + ": " + e.getMessage() + ".", observed == null
                        ? "Give Hubble's `hubble observe -o jsonpb`, Inspektor Gadget's `-o json`, or the plain"
                        + " format (docs/observed.md); " + words.observedFormatGiven("hubble|gadget|plain")
                        + " says which."
                        : "Fix or remove that line; docs/observed.md describes the formats"
                        + (observed.sniffed() ? " (the format was told from the first record: give "
                        + words.observedFormat() + " if that is wrong)." : "."));
            }
        }
        if (observed == null) {
            throw new InputException("The flow log " + name + " holds no record.",
                    "Collect the flows first (docs/observed.md), then give the file with " + words.observed() + ".");
        }
        return observed;
    }
}
