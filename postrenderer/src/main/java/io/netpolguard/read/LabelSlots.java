package io.netpolguard.read;

import io.netpolguard.model.LabelSlot;
import io.netpolguard.model.LabelSlot.Shape;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Finds where a label can be added to a pod template by inserting text, in every legal YAML shape of its labels,
 * metadata and template: block and flow mappings, tags, anchors and comments before them (a brace in a comment is not
 * the mapping's), explicit keys ({@code ? labels}), empty and null values. Where an insertion could change more than
 * the pod's labels (a mapping shared through an anchor or merged with {@code <<}) or the shape leaves no safe place,
 * there is no slot and {@link #whyNot} says why; netpol-guard then refuses rather than edit.
 */
final class LabelSlots {

    private final DocumentText text;
    /** Why the last {@link #find} found no slot. */
    String whyNot;

    LabelSlots(DocumentText text) {
        this.text = text;
    }

    /**
     * @param root     the object
     * @param path     the pod template's path in it, e.g. {@code spec.template}; "" for a Pod
     * @param template the pod template (a mapping)
     */
    LabelSlot find(Node root, String path, Node template) {
        whyNot = null;
        if (!path.isEmpty() && !ownedAlong(root, path)) {
            return null;
        }
        Node metadata = own(template, "metadata");
        Node labels = metadata == null ? null : own(metadata, "labels");
        if (whyNot != null) {
            return null;
        }
        if (anchored(template) || anchored(metadata) || anchored(labels)) {
            whyNot = "its pod template's labels are shared through a YAML anchor, so adding a label there would"
                    + " change other fields too";
            return null;
        }
        if (labels != null) {
            return slotIn(labels, Shape.BLOCK_LABELS, Shape.FLOW_LABELS, Shape.NULL_LABELS, (MappingNode) metadata,
                    "labels");
        }
        if (metadata != null) {
            return slotIn(metadata, Shape.BLOCK_METADATA, Shape.FLOW_METADATA, Shape.NULL_METADATA,
                    (MappingNode) template, "metadata");
        }
        return slotIn(template, Shape.BLOCK_TEMPLATE, Shape.FLOW_TEMPLATE, null, null, "template");
    }

    /** Whether each mapping along {@code path} is the object's own: written in it, neither merged nor anchored. */
    private boolean ownedAlong(Node root, String path) {
        Node node = root;
        for (String key : path.split("\\.")) {
            node = own(node, key);
            if (node == null || whyNot != null) {
                whyNot = whyNot != null ? whyNot : "its pod template is not where YAML reads it";
                return false;
            }
            if (anchored(node)) {
                whyNot = "its pod template is shared through a YAML anchor (at " + key + "), so adding a label there"
                        + " would change other fields too";
                return false;
            }
        }
        return true;
    }

    /**
     * The value of {@code key} written in {@code map} itself; null when absent. When only a merged ({@code <<})
     * mapping has it, sets {@link #whyNot}: adding a label there would change every mapping that merges it.
     */
    private Node own(Node map, String key) {
        if (!(map instanceof MappingNode mapping)) {
            return null;
        }
        for (NodeTuple t : mapping.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue()) && !Nodes.isMergeKey(k)) {
                return t.getValueNode();
            }
        }
        if (Nodes.get(map, key) != null) {
            whyNot = "its pod template's " + key + " come from a YAML merge key (<<), so adding a label there would"
                    + " change the mapping it merges too";
        }
        return null;
    }

    private static boolean anchored(Node node) {
        return node != null && node.getAnchor() != null;
    }

    /** Where to insert into {@code node}, a mapping or a null value of {@code key} in {@code parent}. */
    private LabelSlot slotIn(Node node, Shape block, Shape flow, Shape onNull, MappingNode parent, String key) {
        String t = text.text;
        if (node instanceof MappingNode mapping) {
            int first = contentStart(text.offset(mapping.getStartMark()));
            if (mapping.getFlowStyle() == DumperOptions.FlowStyle.FLOW || mapping.getValue().isEmpty()) {
                if (first < t.length() && t.charAt(first) == '{') {
                    return new LabelSlot(flow, first + 1, 0, 0, mapping.getValue().isEmpty(), "");
                }
                return none(key, "a flow mapping whose opening brace netpol-guard cannot find");
            }
            // The first entry starts at its key (with the key's own tag or anchor), or at the ? of an explicit key.
            int firstKey = text.offset(mapping.getValue().get(0).getKeyNode().getStartMark());
            int entry = first < firstKey && t.charAt(first) == '?' ? first : firstKey;
            int lineStart = Math.max(t.lastIndexOf('\n', entry - 1), t.lastIndexOf('\r', entry - 1)) + 1;
            if (!indentation(lineStart, entry)) {
                return none(key, "a block mapping whose first entry follows other text on its line, where a line"
                        + " cannot be inserted before it");
            }
            return new LabelSlot(block, entry, 0, entry - lineStart, false, "");
        }
        if (onNull != null && Nodes.isNull(node)) {
            int start = text.offset(node.getStartMark());
            int end = text.offset(node.getEndMark());
            if (end > start) { // null, ~, !!null: replaced
                return new LabelSlot(onNull, start, end - start, 0, false, "");
            }
            if (start > 0 && t.charAt(start - 1) == ':') {
                return new LabelSlot(onNull, start, 0, 0, false, " ");
            }
            if (parent.getFlowStyle() == DumperOptions.FlowStyle.FLOW) { // {labels, name: p}
                return new LabelSlot(onNull, start, 0, 0, false, ": ");
            }
            return none(key, "an explicit key (?) without a value indicator (:) to write a value after");
        }
        throw new ShapeException("has a pod template whose " + key + " is not a mapping", node);
    }

    private LabelSlot none(String key, String what) {
        whyNot = "its pod template's " + key + (key.equals("labels") ? " are " : " is ") + what;
        return null;
    }

    /**
     * The first character of a node's content: past its tag and anchor, whitespace and comments (a node's start
     * mark is at its properties, and a comment may sit between them and a flow mapping's brace).
     */
    private int contentStart(int from) {
        String t = text.text;
        int i = from;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
            } else if (c == '#') {
                while (i < t.length() && t.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '!' || c == '&') { // content never starts with these: a tag or an anchor
                while (i < t.length() && !isBlank(t.charAt(i)) && t.charAt(i) != '{') {
                    i++;
                }
            } else {
                return i;
            }
        }
        return i;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /**
     * Whether only indentation and compact indicators ({@code - }, {@code ? }, {@code : }) precede {@code at} on its
     * line: a line inserted there, indented to its column, is another entry of the same mapping.
     */
    private boolean indentation(int lineStart, int at) {
        String t = text.text;
        for (int i = lineStart; i < at; i++) {
            char c = t.charAt(i);
            boolean indicator = (c == '-' || c == '?' || c == ':') && i + 1 < at && t.charAt(i + 1) == ' ';
            if (c != ' ' && !indicator) {
                return false;
            }
        }
        return true;
    }
}
