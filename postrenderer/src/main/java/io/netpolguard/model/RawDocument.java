package io.netpolguard.model;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One YAML document of the stream exactly as it arrived: its separator line, comments and body.
 * Documents that netpol-guard does not change are written back from these bytes.
 *
 * @param number    1-based position in the stream
 * @param bytes     holds the document (never modified); {@link io.netpolguard.read.StreamSplitter} gives each
 *                  document an array of its own, so that the stream is not held twice
 * @param offset    where this document starts in {@code bytes} (0 for the splitter's documents)
 * @param length    how many bytes it spans
 * @param firstLine the 1-based line of the stream where it starts
 */
public record RawDocument(int number, byte[] bytes, int offset, int length, int firstLine) {

    /** The {@code # Source: chart/templates/x.yaml} path Helm writes before each document, or null. */
    public String source() {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int lineEnd = i;
            while (lineEnd < end && bytes[lineEnd] != '\n') {
                lineEnd++;
            }
            String line = new String(bytes, i, lineEnd - i, StandardCharsets.UTF_8).replace("\uFEFF", "").strip();
            if (line.startsWith("# Source:")) {
                return line.substring("# Source:".length()).strip();
            }
            if (!line.isEmpty() && !line.startsWith("#") && !line.startsWith("---")) {
                return null;
            }
            i = lineEnd + 1;
        }
        return null;
    }

    /** "document 3 (chart/templates/db.yaml)" for messages. */
    public String describe() {
        String source = source();
        return "document " + number + (source == null ? "" : " (" + source + ")");
    }

    /**
     * Its bytes decoded as strict UTF-8.
     *
     * @throws CharacterCodingException when they are not UTF-8 text (the reader refuses such a document, so no later
     *                                  stage meets one)
     */
    public String text() throws CharacterCodingException {
        int end = offset + length;
        int i = offset;
        while (i < end && bytes[i] >= 0) {
            i++;
        }
        if (i == end) { // ASCII, as most manifests are: one copy instead of a char buffer and a copy
            return new String(bytes, offset, length, StandardCharsets.US_ASCII);
        }
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, offset, length))
                .toString();
    }
}
