package io.netpolguard.write;

import io.netpolguard.model.LabelSlot;
import io.netpolguard.model.Labels;
import io.netpolguard.model.RawDocument;
import io.netpolguard.model.Workload;
import io.netpolguard.read.ManifestReader;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the stream back: every document in its place, untouched ones byte for byte, labelled ones with only
 * the label lines added, then the generated policies.
 */
public final class StreamWriter {

    private final List<RawDocument> documents;
    /** Keyed by identity: each RawDocument is one place in the stream. */
    private final Map<RawDocument, List<LabelSlot>> slots = new IdentityHashMap<>();
    private final String release;
    private final List<String> appended;

    /**
     * @param documents the input documents, in order
     * @param labelAdds the workloads whose pod template gets the release label
     * @param release   the label's value
     * @param appended  the rendered documents to append (each starting with {@code ---})
     */
    public StreamWriter(List<RawDocument> documents, List<Workload> labelAdds, String release, List<String> appended) {
        this.documents = documents;
        this.release = release;
        this.appended = appended;
        for (Workload w : labelAdds) {
            slots.computeIfAbsent(w.object().document(), d -> new ArrayList<>()).add(w.slot());
        }
    }

    public void writeTo(OutputStream out) throws IOException {
        boolean endsWithNewline = true;
        for (RawDocument d : documents) {
            List<LabelSlot> edits = slots.get(d);
            if (edits == null) {
                out.write(d.bytes(), d.offset(), d.length());
            } else {
                out.write(edit(d, edits).getBytes(StandardCharsets.UTF_8));
            }
            if (d.length() > 0) {
                endsWithNewline = d.bytes()[d.offset() + d.length() - 1] == '\n';
            }
        }
        if (!appended.isEmpty() && !endsWithNewline) {
            out.write('\n');
        }
        for (String doc : appended) {
            out.write(doc.getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    private String edit(RawDocument d, List<LabelSlot> edits) {
        String text = ManifestReader.text(d);
        String lineBreak = text.contains("\r\n") ? "\r\n" : "\n";
        StringBuilder sb = new StringBuilder(text);
        List<LabelSlot> ordered = new ArrayList<>(edits);
        ordered.sort(Comparator.comparingInt(LabelSlot::offset).reversed());
        for (LabelSlot slot : ordered) {
            sb.replace(slot.offset(), slot.offset() + slot.replaceLength(),
                    LabelInsertion.text(slot, Labels.RELEASE, release, lineBreak));
        }
        return sb.toString();
    }
}
