package io.netpolguard.observe;

import io.netpolguard.error.InputException;
import io.netpolguard.config.AtomicFile;
import io.netpolguard.config.Config;
import io.netpolguard.config.ConfigReader;
import io.netpolguard.config.FileProblem;
import io.netpolguard.config.Flow;
import io.netpolguard.config.Words;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds declared flows to a configuration file: the entries go at the end of its {@code flows:} list (a new one at
 * the end of the file when it has none), and every other byte of the file stays as it was. Flows the file already
 * declares are not added again. The file is written only when it reads back as a valid configuration.
 */
public final class ConfigMerge {

    private static final Pattern FLOWS = Pattern.compile("^flows:[ \\t]*(\\[[ \\t]*][ \\t]*)?(#.*)?$");
    private static final Pattern INLINE = Pattern.compile("^flows:[ \\t]*[\\[{].*$");
    private static final Pattern ENTRY = Pattern.compile("^( *)- ");

    private ConfigMerge() {
    }

    /**
     * @return the flows added (those the file did not declare yet)
     * @throws InputException when the file cannot be read or written, or its {@code flows:} is not a block list
     */
    public static List<Flow> merge(Path file, List<Flow> flows, Words words) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            text = "";
        } catch (IOException e) {
            throw new InputException("The configuration file " + file + " " + FileProblem.of(e) + ".",
                    "Check the path given with --observed-write.");
        }
        List<Flow> known = text.isBlank() ? List.of() : ConfigReader.parse(text, file.toString(), words).flows();
        List<Flow> added = new ArrayList<>();
        for (Flow f : flows) {
            if (!known.contains(f) && !added.contains(f)) {
                added.add(f);
            }
        }
        if (added.isEmpty()) {
            return added;
        }
        String merged = merged(text, added, file);
        Config check = ConfigReader.parse(merged, file.toString(), words);
        if (!check.flows().containsAll(added)) {
            throw new InputException("The flows merged into " + file + " do not read back as written.",
                    "Add them by hand from the printed entries.");
        }
        write(file, merged);
        return added;
    }

    /** The text with the entries added. */
    static String merged(String text, List<Flow> flows, Path file) {
        String[] lines = text.split("\n", -1);
        int at = -1;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].replace("\r", "");
            if (FLOWS.matcher(line).matches()) {
                at = i;
                break;
            }
            if (INLINE.matcher(line).matches()) {
                throw new InputException("The configuration file " + file + " writes flows: in flow style (line "
                        + (i + 1) + "); netpol-guard adds entries only to a block list.",
                        "Write it as a block list (one \"- \" entry per flow), or add the printed entries by hand.");
            }
        }
        StringBuilder out = new StringBuilder();
        if (at < 0) {
            out.append(text);
            if (!text.isEmpty() && !text.endsWith("\n")) {
                out.append('\n');
            }
            return out.append("flows:\n").append(FlowsToDeclare.yaml(flows, 2)).toString();
        }
        Matcher empty = FLOWS.matcher(lines[at].replace("\r", ""));
        empty.matches();
        int indent = 2;
        int last = at; // the last line of the list's entries
        for (int i = at + 1; i < lines.length; i++) {
            String line = lines[i].replace("\r", "");
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            boolean top = !line.startsWith(" ") && !line.startsWith("\t");
            Matcher entry = ENTRY.matcher(line);
            if (top && !(entry.find() && entry.group(1).isEmpty())) {
                break;
            }
            if (last == at && entry.reset().find()) {
                indent = entry.group(1).length();
            }
            last = i;
        }
        for (int i = 0; i < lines.length; i++) {
            if (i == at && empty.group(1) != null) {
                out.append("flows:").append(empty.group(2) == null ? "" : " " + empty.group(2));
            } else {
                out.append(lines[i]);
            }
            if (i < lines.length - 1) {
                out.append('\n');
            }
            if (i == last) {
                if (i == lines.length - 1) {
                    out.append('\n');
                }
                out.append(FlowsToDeclare.yaml(flows, indent));
                if (i == lines.length - 1) {
                    // the entries end the file with their own newline
                    return out.toString();
                }
            }
        }
        return out.toString();
    }

    private static void write(Path file, String text) {
        try {
            AtomicFile.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InputException("The configuration file " + file + " " + FileProblem.ofWriting(e) + ".",
                    "Check the path given with --observed-write.");
        }
    }
}
