package io.netpolguard.write;

import io.netpolguard.yaml.Scalar;

import java.util.List;
import java.util.Map;

/**
 * Writes maps, lists and scalars as block-style YAML the way {@code kubectl} shows objects: two-space indent,
 * list items at their key's indent, strings quoted whenever YAML could read them as something else.
 * Small and fixed on purpose: the generated policies are always written the same way.
 */
final class BlockYaml {

    private BlockYaml() {
    }

    /**
     * A multi-line string written as a literal block ({@code |}), one line per line of text. Control characters
     * cannot appear in a block: they are written as U+FFFD.
     */
    record Literal(String text) {
    }

    static String write(Map<String, ?> root) {
        StringBuilder sb = new StringBuilder();
        map(root, 0, sb, false);
        return sb.toString();
    }

    /** Writes the entries of a map; the first one continues the current line when {@code inline}. */
    private static void map(Map<?, ?> map, int indent, StringBuilder sb, boolean inline) {
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(first && inline)) {
                sb.append(" ".repeat(indent));
            }
            first = false;
            sb.append(scalar(e.getKey())).append(':');
            value(e.getValue(), indent, sb);
        }
    }

    private static void value(Object value, int indent, StringBuilder sb) {
        if (value instanceof Map<?, ?> m && !m.isEmpty()) {
            sb.append('\n');
            map(m, indent + 2, sb, false);
        } else if (value instanceof List<?> l && !l.isEmpty()) {
            sb.append('\n');
            for (Object item : l) {
                sb.append(" ".repeat(indent)).append("- ");
                if (item instanceof Map<?, ?> m && !m.isEmpty()) {
                    map(m, indent + 2, sb, true);
                } else {
                    sb.append(item instanceof Map ? "{}" : item instanceof List<?> sub && sub.isEmpty() ? "[]"
                            : scalar(item)).append('\n');
                }
            }
        } else if (value instanceof Literal literal && !literal.text().isEmpty()) {
            String text = literal.text().endsWith("\n") ? literal.text() : literal.text() + "\n";
            sb.append(text.endsWith("\n\n") ? " |+\n" : " |\n");
            for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
                sb.append(" ".repeat(indent + 2)).append(printable(line).stripTrailing()).append('\n');
            }
        } else {
            sb.append(' ').append(value instanceof Map ? "{}" : value instanceof List ? "[]"
                    : scalar(value instanceof Literal l ? l.text() : value)).append('\n');
        }
    }

    /** A line with its control characters (and a leading space, which a block scalar would keep) made safe. */
    private static String printable(String line) {
        StringBuilder sb = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); ) {
            int c = line.codePointAt(i);
            i += Character.charCount(c);
            sb.appendCodePoint(Character.isISOControl(c) || c == 0xFEFF ? 0xFFFD : c);
        }
        return sb.toString();
    }

    static String scalar(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return Scalar.of(value.toString());
    }
}
