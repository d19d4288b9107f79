package io.netpolguard.robust;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a composed YAML document again in a random but equivalent style: block and flow collections, plain, single-
 * and double-quoted scalars, explicit keys ({@code ? key} / {@code : value}), compact entries, tags ({@code !!map},
 * {@code !!str}), comments in odd places (after a tag or an indicator, inside flow collections, holding braces and
 * colons), anchors and scalar aliases, tabs before comments, varying indentation; or as JSON, indented with tabs.
 * Scalars keep their meaning for every YAML reader: a plain scalar that is not plainly a string is written as it was.
 *
 * <p>Nodes in {@code noAnchors} (the pod template path, where an anchor makes netpol-guard refuse) get no anchor.
 */
final class Restyle {

    private static final Pattern SAFE_PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./-]*");
    private static final Set<String> SPECIAL = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null",
            "~");
    private static final List<String> COMMENTS = List.of("note", "a {brace", "closing } here", "key: value",
            "- item", "? explicit", "\"quoted", "it's", "&anchor *alias !!map", "[list]", "---", "...", "#", "日本語");

    private final Random random;
    private final Set<Node> noAnchors;
    private final StringBuilder out = new StringBuilder();
    private final Map<String, String> anchoredScalars = new HashMap<>();
    private int anchors;

    Restyle(Random random, Set<Node> noAnchors) {
        this.random = random;
        this.noAnchors = noAnchors;
    }

    /** The document body (no {@code ---} line), in YAML. */
    String yaml(Node root) {
        out.setLength(0);
        if (root instanceof MappingNode m && !m.getValue().isEmpty() && flowable(root) && chance(8)) {
            props(root, true);
            if (chance(3)) {
                comment();
                out.append('\n');
            }
            flow(root, 0);
            out.append('\n');
        } else if (root instanceof MappingNode m && !m.getValue().isEmpty()) {
            if (chance(12)) {
                out.append("!!map");
                if (chance(2)) {
                    out.append(' ');
                    comment();
                }
                out.append('\n');
            }
            blockMapping(m, 0, false);
        } else {
            throw new IllegalArgumentException("not a mapping");
        }
        return out.toString();
    }

    /** The document body as JSON, indented with tabs (or null when a scalar has no JSON form). */
    static String json(Node root) {
        StringBuilder sb = new StringBuilder();
        return json(root, 0, sb) ? sb.append('\n').toString() : null;
    }

    private static boolean json(Node node, int depth, StringBuilder sb) {
        if (node instanceof ScalarNode s) {
            Tag tag = s.getTag();
            String v = s.getValue();
            if (Tag.STR.equals(tag)) {
                sb.append(doubleQuoted(v));
            } else if (Tag.INT.equals(tag) && v.matches("-?(0|[1-9][0-9]*)")
                    || Tag.BOOL.equals(tag) && (v.equals("true") || v.equals("false"))) {
                sb.append(v);
            } else if (Tag.NULL.equals(tag)) {
                sb.append("null");
            } else {
                return false;
            }
            return true;
        }
        boolean map = node instanceof MappingNode;
        List<?> items = map ? ((MappingNode) node).getValue() : ((SequenceNode) node).getValue();
        sb.append(map ? '{' : '[');
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "\n" : ",\n").append("\t".repeat(depth + 1));
            if (map) {
                NodeTuple t = (NodeTuple) items.get(i);
                if (!(t.getKeyNode() instanceof ScalarNode k) || !Tag.STR.equals(k.getTag())) {
                    return false;
                }
                sb.append(doubleQuoted(k.getValue())).append(": ");
                if (!json(t.getValueNode(), depth + 1, sb)) {
                    return false;
                }
            } else if (!json((Node) items.get(i), depth + 1, sb)) {
                return false;
            }
        }
        if (!items.isEmpty()) {
            sb.append('\n').append("\t".repeat(depth));
        }
        sb.append(map ? '}' : ']');
        return true;
    }

    private boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
    }

    private int width() {
        int[] widths = {2, 2, 2, 4, 1, 3};
        return widths[random.nextInt(widths.length)];
    }

    private void comment() {
        out.append("# ").append(COMMENTS.get(random.nextInt(COMMENTS.size())));
    }

    /**
     * A comment at the end of a line in block context: after a space, or a tab where SnakeYAML reads one (after a
     * plain scalar; go-yaml also reads one after a quoted scalar, SnakeYAML does not).
     */
    private void trailingComment(String after) {
        if (chance(15)) {
            boolean plain = !after.isEmpty() && "*\"'!&".indexOf(after.charAt(0)) < 0;
            out.append(chance(3) && plain ? "\t" : " ");
            comment();
        }
    }

    /** Anchor and tag before a collection, each followed by a space; none on protected nodes. */
    private void props(Node node, boolean trailingSpace) {
        boolean any = false;
        if (!noAnchors.contains(node) && chance(25)) {
            out.append("&a").append(++anchors);
            any = true;
        }
        if (chance(15) && !(node instanceof ScalarNode)) {
            out.append(any ? " " : "").append(node instanceof MappingNode ? "!!map" : "!!seq");
            any = true;
        }
        if (any && trailingSpace) {
            out.append(' ');
        }
    }

    // ---- block context ----

    /** Entries of a block mapping at {@code indent}; the first one continues the current line when {@code inline}. */
    private void blockMapping(MappingNode m, int indent, boolean inline) {
        boolean first = true;
        for (NodeTuple t : m.getValue()) {
            if (!(first && inline)) {
                if (chance(20)) {
                    out.append(" ".repeat(random.nextInt(indent + 1))).append("# ").append("between entries\n");
                }
                out.append(" ".repeat(indent));
            }
            first = false;
            Node key = t.getKeyNode();
            Node value = t.getValueNode();
            String keyText = key instanceof ScalarNode k ? key(k) : null;
            if (keyText == null) {
                throw new IllegalArgumentException("complex key");
            }
            if (chance(12)) { // explicit key
                out.append("? ").append(keyText);
                trailingComment(keyText);
                out.append('\n').append(" ".repeat(indent)).append(':');
                blockValue(value, indent, true);
            } else {
                out.append(keyText).append(':');
                blockValue(value, indent, false);
            }
        }
    }

    /**
     * A value after {@code key:} (or an explicit {@code :}), whose entry starts at column {@code indent}; ends the
     * line(s). Block collections go on the following lines, indented; a compact mapping may follow {@code : }.
     */
    private void blockValue(Node value, int indent, boolean explicit) {
        if (value instanceof ScalarNode s) {
            String text = scalar(s, false);
            out.append(text.isEmpty() ? "" : " " + text);
            if (!text.isEmpty() && !text.endsWith(":")) {
                trailingComment(text);
            }
            out.append('\n');
            return;
        }
        boolean empty = value instanceof MappingNode m ? m.getValue().isEmpty()
                : ((SequenceNode) value).getValue().isEmpty();
        if (empty || flowable(value) && (chance(5) || isFlow(value) && chance(2))) {
            out.append(' ');
            if (chance(10)) { // the issue's shape: a tag, a comment with a brace, then the flow mapping
                out.append(value instanceof MappingNode ? "!!map" : "!!seq").append(" # note {\n")
                        .append(" ".repeat(indent + 2));
            } else {
                props(value, true);
            }
            flow(value, indent);
            if (chance(15)) {
                out.append(" ");
                comment();
            }
            out.append('\n');
            return;
        }
        if (explicit && value instanceof MappingNode m && chance(3)) { // compact: ": first: entry"
            out.append(' ');
            blockMapping(m, indent + 2, true);
            return;
        }
        int before = out.length();
        out.append(' ');
        props(value, false);
        if (out.length() == before + 1) {
            out.setLength(before);
        }
        if (chance(8)) {
            out.append(' ');
            comment();
        }
        out.append('\n');
        if (value instanceof MappingNode m) {
            blockMapping(m, indent + width(), false);
        } else {
            int w = explicit ? Math.max(1, width()) : (chance(3) ? 0 : width());
            blockSequence((SequenceNode) value, indent + w);
        }
    }

    private void blockSequence(SequenceNode s, int indent) {
        for (Node item : s.getValue()) {
            out.append(" ".repeat(indent)).append('-');
            if (item instanceof MappingNode m && !m.getValue().isEmpty() && !(flowable(item) && chance(6))) {
                if (chance(8)) { // "- # comment" then the mapping on the next lines
                    out.append(' ');
                    comment();
                    out.append('\n').append(" ".repeat(indent + 2));
                    blockMapping(m, indent + 2, true);
                } else {
                    out.append(' ');
                    blockMapping(m, indent + 2, true);
                }
            } else if (item instanceof SequenceNode nested && !nested.getValue().isEmpty() && !flowable(item)) {
                out.append('\n');
                blockSequence(nested, indent + 2);
            } else {
                blockValue(item, indent, false);
            }
        }
    }

    // ---- flow context ----

    private boolean isFlow(Node node) {
        return node instanceof MappingNode m ? m.getFlowStyle() == DumperOptions.FlowStyle.FLOW
                : node instanceof SequenceNode s && s.getFlowStyle() == DumperOptions.FlowStyle.FLOW;
    }

    /** Whether a node can be written in flow style: every plain scalar kept as written fits in a flow collection. */
    private static boolean flowable(Node node) {
        if (node instanceof ScalarNode s) {
            return requotable(s) || flowSafe(s.getValue());
        }
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (!flowable(t.getKeyNode()) || !flowable(t.getValueNode())) {
                    return false;
                }
            }
            return true;
        }
        for (Node item : ((SequenceNode) node).getValue()) {
            if (!flowable(item)) {
                return false;
            }
        }
        return true;
    }

    private static boolean flowSafe(String text) {
        for (char c : text.toCharArray()) {
            if (",[]{}#\n".indexOf(c) >= 0) {
                return false;
            }
        }
        return !text.contains(": ") && !text.endsWith(":");
    }

    /** A flow collection; continuation lines (after a comment) indented past {@code indent}. */
    private void flow(Node node, int indent) {
        boolean map = node instanceof MappingNode;
        List<?> items = map ? ((MappingNode) node).getValue() : ((SequenceNode) node).getValue();
        out.append(map ? '{' : '[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            if (chance(12)) {
                out.append(" ");
                comment();
                out.append('\n').append(" ".repeat(indent + 2));
            } else if (i > 0 || chance(4)) {
                out.append(' ');
            }
            if (map) {
                NodeTuple t = (NodeTuple) items.get(i);
                String key = key((ScalarNode) t.getKeyNode());
                out.append(chance(15) ? "? " + key + " :" : key + ":");
                Node value = t.getValueNode();
                if (value instanceof ScalarNode s) {
                    String text = scalar(s, true);
                    out.append(text.isEmpty() ? " null" : " " + text);
                } else {
                    out.append(' ');
                    props(value, true);
                    flow(value, indent);
                }
            } else {
                Node item = (Node) items.get(i);
                if (item instanceof ScalarNode s) {
                    String text = scalar(s, true);
                    out.append(text.isEmpty() ? "null" : text);
                } else {
                    props(item, true);
                    flow(item, indent);
                }
            }
        }
        out.append(chance(5) && !items.isEmpty() ? " " : "").append(map ? '}' : ']');
    }

    // ---- scalars ----

    /** A plain scalar that every reader reads as this same string (so quoting it keeps its meaning). */
    private static boolean requotable(ScalarNode s) {
        if (!Tag.STR.equals(s.getTag())) {
            return false;
        }
        if (s.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN) {
            return true; // quoted or a block scalar: a string for every reader
        }
        String v = s.getValue();
        return !v.isEmpty() && "-+.0123456789".indexOf(v.charAt(0)) < 0
                && !SPECIAL.contains(v.toLowerCase(java.util.Locale.ROOT)) && !v.startsWith("<<");
    }

    private String key(ScalarNode k) {
        String v = k.getValue();
        if (!requotable(k) || v.contains("\n") || v.length() > 100) {
            if (!requotable(k) && !flowSafe(v)) {
                throw new IllegalArgumentException("odd key");
            }
            return requotable(k) ? doubleQuoted(v) : v;
        }
        String text = quoted(v);
        return chance(20) ? "!!str " + text : text;
    }

    /** A scalar value; in flow context only what a flow collection may hold. */
    private String scalar(ScalarNode s, boolean inFlow) {
        String v = s.getValue();
        if (!requotable(s)) {
            return v; // as written: its type is the reader's to decide, and stays the same
        }
        String anchored = anchoredScalars.get(v);
        if (anchored != null && chance(3)) {
            return "*" + anchored + (inFlow ? " " : "");
        }
        String text = quoted(v);
        if (chance(20)) {
            text = "!!str " + text;
        }
        if (!noAnchors.contains(s) && chance(20) && !v.isEmpty()) {
            String name = "a" + (++anchors);
            anchoredScalars.put(v, name);
            text = "&" + name + " " + text;
        }
        return text;
    }

    private String quoted(String v) {
        boolean plainOk = SAFE_PLAIN.matcher(v).matches() && !SPECIAL.contains(v.toLowerCase(java.util.Locale.ROOT));
        int style = random.nextInt(4);
        if (plainOk && style < 2) {
            return v;
        }
        if (style == 2 && v.chars().allMatch(c -> c >= 0x20 && c < 0x7f || c > 0xa0 && c < 0x2028)) {
            return "'" + v.replace("'", "''") + "'";
        }
        return doubleQuoted(v);
    }

    static String doubleQuoted(String v) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                case '\r' -> q.append("\\r");
                default -> {
                    if (c < 0x20 || c >= 0x7f && c <= 0xa0 || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
