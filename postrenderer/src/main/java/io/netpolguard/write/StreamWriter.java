package io.netpolguard.write;

import io.netpolguard.model.LabelSlot;
import io.netpolguard.model.RawDocument;
import io.netpolguard.model.Workload;
import io.netpolguard.read.ManifestReader;

import java.io.IOException;
import java.io.OutputStream;
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

    public void writeTo(OutputStream out) throws IOException {
        boolean endsWithNewline = true;
        for (RawDocument d : documents) {
            List<Workload> edits = toLabel.get(d);
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

    private String edit(RawDocument d, List<Workload> workloads) {
        String text = ManifestReader.text(d);
        String lineBreak = text.contains("\r\n") ? "\r\n" : "\n";
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
