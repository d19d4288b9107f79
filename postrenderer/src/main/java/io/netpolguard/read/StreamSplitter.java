package io.netpolguard.read;

import io.netpolguard.model.RawDocument;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a stream into its YAML documents at the {@code ---} lines that start them, keeping every byte:
 * the concatenation of the documents is the stream. A document starts with its separator line
 * (and the {@code # Source:} comment Helm puts after it); text before the first separator is a document too.
 */
public final class StreamSplitter {

    private StreamSplitter() {
    }

    public static List<RawDocument> split(byte[] stream) {
        List<RawDocument> documents = new ArrayList<>();
        int start = 0;
        int startLine = 1;
        int line = 1;
        int length = stream.length;
        int lineStart = 0;
        while (lineStart < length) {
            if (lineStart > start && isSeparator(stream, lineStart)) {
                documents.add(new RawDocument(documents.size() + 1, stream, start, lineStart - start, startLine));
                start = lineStart;
                startLine = line;
            }
            int next = lineStart;
            while (next < length && stream[next] != '\n') {
                next++;
            }
            lineStart = next + 1;
            line++;
        }
        if (length > start || documents.isEmpty()) {
            documents.add(new RawDocument(documents.size() + 1, stream, start, length - start, startLine));
        }
        return documents;
    }

    /** {@code ---} at the start of a line, followed by blank, end of line or end of stream. */
    private static boolean isSeparator(byte[] b, int i) {
        if (i + 3 > b.length || b[i] != '-' || b[i + 1] != '-' || b[i + 2] != '-') {
            return false;
        }
        if (i + 3 == b.length) {
            return true;
        }
        byte after = b[i + 3];
        return after == ' ' || after == '\t' || after == '\r' || after == '\n';
    }
}
