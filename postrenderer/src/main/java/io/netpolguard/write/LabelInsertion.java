package io.netpolguard.write;

import io.netpolguard.model.LabelSlot;

import java.util.Map;

/** The text that adds labels at a {@link LabelSlot}, in the style of the surrounding YAML. */
final class LabelInsertion {

    private LabelInsertion() {
    }

    /**
     * @param slot      where
     * @param labels    the labels to add, in order (values are release and workload names: always double-quoted)
     * @param lineBreak the document's line break
     */
    static String text(LabelSlot slot, Map<String, String> labels, String lineBreak) {
        String col = " ".repeat(slot.column());
        String comma = slot.emptyFlow() ? "" : ", ";
        String lead = slot.lead();
        String flow = entries(labels, ", ", "");
        return switch (slot.shape()) {
            case BLOCK_LABELS -> entries(labels, "", lineBreak + col);
            case FLOW_LABELS -> flow + comma;
            case NULL_LABELS -> lead + "{" + flow + "}";
            case BLOCK_METADATA -> "labels:" + lineBreak + col + "  "
                    + entries(labels, "", lineBreak + col + "  ").stripTrailing() + lineBreak + col;
            case FLOW_METADATA -> "labels: {" + flow + "}" + comma;
            case NULL_METADATA -> lead + "{labels: {" + flow + "}}";
            case BLOCK_TEMPLATE -> "metadata:" + lineBreak + col + "  labels:" + lineBreak + col + "    "
                    + entries(labels, "", lineBreak + col + "    ").stripTrailing() + lineBreak + col;
            case FLOW_TEMPLATE -> "metadata: {labels: {" + flow + "}}" + comma;
        };
    }

    /** {@code key: "value"} for each label, with {@code between} between them and {@code after} after each. */
    private static String entries(Map<String, String> labels, String between, String after) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (sb.length() > 0) {
                sb.append(between);
            }
            sb.append(e.getKey()).append(": \"").append(e.getValue()).append('"').append(after);
        }
        return sb.toString();
    }
}
