package io.netpolguard.read;

import io.netpolguard.error.InputException;
import io.netpolguard.model.RawDocument;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a stream into its YAML documents at the {@code ---} lines that start them, keeping every byte:
 * the concatenation of the documents is the stream. A document starts with its separator line
 * (and the {@code # Source:} comment Helm puts after it); text before the first separator is a document too.
 *
 * <p>Reading from an {@link InputStream}, each document gets a byte array of its own size as soon as the next
 * separator arrives, so the stream is held once, never as one big array plus its copy.
 */
public final class StreamSplitter {

    private static final int READ_SIZE = 1 << 16;

    private final InputStream in;
    private final long maxBytes;
    private final List<RawDocument> documents = new ArrayList<>();
    private byte[] buffer = new byte[READ_SIZE * 2];
    private int length;
    /** Where the current document starts in {@link #buffer}. */
    private int docStart;
    /** Where the current line starts in {@link #buffer}, and whether it was already checked for a separator. */
    private int lineStart;
    private boolean lineChecked;
    private int line = 1;
    private int documentLine = 1;
    private long total;

    private StreamSplitter(InputStream in, long maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** Splits what {@code in} delivers, refusing more than {@code maxBytes}. */
    public static List<RawDocument> split(InputStream in, long maxBytes) throws IOException {
        return new StreamSplitter(in, maxBytes).run();
    }

    public static List<RawDocument> split(byte[] stream) {
        try {
            return split(new ByteArrayInputStream(stream), Long.MAX_VALUE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<RawDocument> run() throws IOException {
        int scanned = 0;
        while (true) {
            if (docStart > 0) {
                System.arraycopy(buffer, docStart, buffer, 0, length - docStart);
                length -= docStart;
                lineStart -= docStart;
                scanned -= docStart;
                docStart = 0;
            }
            if (buffer.length - length < READ_SIZE) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + READ_SIZE));
            } else if (buffer.length > READ_SIZE * 4 && length < READ_SIZE) {
                buffer = Arrays.copyOf(buffer, READ_SIZE * 2);
            }
            int n = in.read(buffer, length, READ_SIZE);
            boolean eof = n < 0;
            if (!eof) {
                total += n;
                if (total > maxBytes) {
                    throw new InputException("The input stream is larger than " + (maxBytes >> 20) + " MiB.",
                            "Split the release; Helm itself cannot store a release that large.");
                }
                length += n;
            }
            scanned = scan(scanned, eof);
            if (eof) {
                break;
            }
        }
        if (length > docStart || documents.isEmpty()) {
            emit(length);
        }
        return documents;
    }

    /** Looks at the bytes from {@code from} on; returns how far it got. */
    private int scan(int from, boolean eof) {
        int i = from;
        while (true) {
            if (!lineChecked) {
                if (length - lineStart < 4 && !eof) {
                    return i;
                }
                lineChecked = true;
                if (lineStart > docStart && isSeparator(lineStart)) {
                    emit(lineStart);
                }
            }
            while (i < length && buffer[i] != '\n') {
                i++;
            }
            if (i >= length) {
                return i;
            }
            i++;
            line++;
            lineStart = i;
            lineChecked = false;
        }
    }

    /** Makes {@code buffer[docStart, end)} a document of its own. */
    private void emit(int end) {
        byte[] bytes = Arrays.copyOfRange(buffer, docStart, end);
        documents.add(new RawDocument(documents.size() + 1, bytes, 0, bytes.length, documentLine));
        docStart = end;
        documentLine = line;
    }

    /** {@code ---} at the start of a line, followed by blank, end of line or end of stream. */
    private boolean isSeparator(int i) {
        if (i + 3 > length || buffer[i] != '-' || buffer[i + 1] != '-' || buffer[i + 2] != '-') {
            return false;
        }
        if (i + 3 == length) {
            return true;
        }
        byte after = buffer[i + 3];
        return after == ' ' || after == '\t' || after == '\r' || after == '\n';
    }
}
