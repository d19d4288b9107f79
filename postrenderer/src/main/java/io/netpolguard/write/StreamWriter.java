package io.netpolguard.write;

import io.netpolguard.model.LabelSlot;
import io.netpolguard.model.RawDocument;
import io.netpolguard.model.Workload;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the stream back: every document in its place, untouched ones byte for byte, labelled ones with only
 * the label lines added, then the generated policies.
 */
public final class StreamWriter {

    private final List<RawDocument> documents;
    /** Per document (by identity: each RawDocument is one place in the stream), the workloads to label. */
    private final Map<RawDocument, List<Workload>> toLabel = new IdentityHashMap<>();
    private final Map<Workload, Map<String, String>> labelAdds;
    private final List<String> appended;
    private List<RawDocument> written;
    private List<RawDocument> appendedDocuments;

    /**
     * @param documents the input documents, in order
     * @param labelAdds per workload, the labels its pod template gets
     * @param appended  the rendered documents to append (each starting with {@code ---})
     */
    public StreamWriter(List<RawDocument> documents, Map<Workload, Map<String, String>> labelAdds,
                        List<String> appended) {
        this.documents = documents;
        this.labelAdds = labelAdds;
        this.appended = appended;
        for (Workload w : labelAdds.keySet()) {
            toLabel.computeIfAbsent(w.object().document(), d -> new ArrayList<>()).add(w);
        }
    }

    /** Per workload, the labels its pod template gets (what an export writes as patches). */
    public Map<Workload, Map<String, String>> labelAdds() {
        return labelAdds;
    }

    /**
     * The input documents as they will be written, in order: untouched ones are the input's own instances, labelled
     * ones new documents (with the input's number and first line, for messages). Prepared once.
     */
    public List<RawDocument> written() {
        if (written == null) {
            List<RawDocument> result = new ArrayList<>(documents.size());
            for (RawDocument d : documents) {
                List<Workload> edits = toLabel.get(d);
                if (edits == null) {
                    result.add(d);
                } else {
                    byte[] bytes = edit(d, edits).getBytes(StandardCharsets.UTF_8);
                    result.add(new RawDocument(d.number(), bytes, 0, bytes.length, d.firstLine()));
                }
            }
            written = result;
        }
        return written;
    }

    /** The generated documents, as they will be written after the input's. */
    public List<RawDocument> appended() {
        if (appendedDocuments == null) {
            List<RawDocument> result = new ArrayList<>(appended.size());
            for (String doc : appended) {
                byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
                result.add(new RawDocument(documents.size() + result.size() + 1, bytes, 0, bytes.length, 1));
            }
            appendedDocuments = result;
        }
        return appendedDocuments;
    }

    /** Whether a line break goes between the input's last document and the generated ones. */
    public boolean lineBreakBeforeAppended() {
        List<RawDocument> docs = written();
        for (int i = docs.size() - 1; i >= 0; i--) {
            RawDocument d = docs.get(i);
            if (d.length() > 0) {
                return !appended.isEmpty() && d.bytes()[d.offset() + d.length() - 1] != '\n';
            }
        }
        return false;
    }

    public void writeTo(OutputStream out) throws IOException {
        for (RawDocument d : written()) {
            out.write(d.bytes(), d.offset(), d.length());
        }
        if (lineBreakBeforeAppended()) {
            out.write('\n');
        }
        for (RawDocument d : appended()) {
            out.write(d.bytes(), d.offset(), d.length());
        }
        out.flush();
    }

    private String edit(RawDocument d, List<Workload> workloads) {
        String text;
        try {
            text = d.text();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(d.describe() + " was read as UTF-8 text", e);
        }
        // The document's own line break: CRLF, LF, or CR alone (YAML reads each as one).
        String lineBreak = text.contains("\r\n") ? "\r\n" : text.indexOf('\n') < 0 && text.indexOf('\r') >= 0 ? "\r" : "\n";
        StringBuilder sb = new StringBuilder(text);
        List<Workload> lastFirst = new ArrayList<>(workloads);
        // Not Comparator.comparingInt(...).reversed(): its lambda, java.base's own, is spun at run time.
        lastFirst.sort((a, b) -> Integer.compare(b.slot().offset(), a.slot().offset()));
        for (Workload w : lastFirst) {
            LabelSlot slot = w.slot();
            sb.replace(slot.offset(), slot.offset() + slot.replaceLength(),
                    LabelInsertion.text(slot, labelAdds.get(w), lineBreak));
        }
        return sb.toString();
    }
}
