package io.netpolguard.model;

/**
 * Where a label can be added to a pod template without touching anything else of the document.
 * Offsets are character offsets into the document's text.
 *
 * @param shape         what the text at {@code offset} looks like
 * @param offset        where to insert (or where the replaced text starts)
 * @param replaceLength how many characters the insertion replaces (a {@code null} or {@code ~})
 * @param column        indentation of the block mapping's keys
 * @param emptyFlow     true when the flow mapping is {@code {}}: no comma after the inserted entry
 * @param lead          text written before a new value: " " after a colon, ": " after a key without one
 */
public record LabelSlot(Shape shape, int offset, int replaceLength, int column, boolean emptyFlow, String lead) {

    public enum Shape {
        /** A block mapping of labels: insert a line before its first key. */
        BLOCK_LABELS,
        /** A flow mapping of labels: insert an entry after '{'. */
        FLOW_LABELS,
        /** {@code labels:} with no value, or {@code null}/{@code ~}: give it a flow mapping. */
        NULL_LABELS,
        /** A block metadata mapping without labels: insert a labels block before its first key. */
        BLOCK_METADATA,
        /** A flow metadata mapping without labels. */
        FLOW_METADATA,
        /** {@code metadata:} with no value. */
        NULL_METADATA,
        /** A block pod template without metadata. */
        BLOCK_TEMPLATE,
        /** A flow pod template without metadata. */
        FLOW_TEMPLATE
    }
}
