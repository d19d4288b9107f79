package io.netpolguard.write;

import io.netpolguard.model.LabelSlot;

/** The text that adds one label at a {@link LabelSlot}, in the style of the surrounding YAML. */
final class LabelInsertion {

    private LabelInsertion() {
    }

    /**
     * @param slot      where
     * @param key       the label key
     * @param value     the label value (a release name: always written double-quoted)
     * @param lineBreak the document's line break
     */
    static String text(LabelSlot slot, String key, String value, String lineBreak) {
        String entry = key + ": \"" + value + "\"";
        String col = " ".repeat(slot.column());
        String comma = slot.emptyFlow() ? "" : ", ";
        String lead = slot.lead();
        return switch (slot.shape()) {
            case BLOCK_LABELS -> entry + lineBreak + col;
            case FLOW_LABELS -> entry + comma;
            case NULL_LABELS -> lead + "{" + entry + "}";
            case BLOCK_METADATA -> "labels:" + lineBreak + col + "  " + entry + lineBreak + col;
            case FLOW_METADATA -> "labels: {" + entry + "}" + comma;
            case NULL_METADATA -> lead + "{labels: {" + entry + "}}";
            case BLOCK_TEMPLATE -> "metadata:" + lineBreak + col + "  labels:" + lineBreak + col + "    " + entry
                    + lineBreak + col;
            case FLOW_TEMPLATE -> "metadata: {labels: {" + entry + "}}" + comma;
        };
    }
}
