package io.netpolguard.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One Kubernetes object written as block YAML, as Helm renders a chart's templates. {@link #toString()} is the
 * document with its {@code ---} separator; {@link HelmStream} adds the {@code # Source:} line Helm writes.
 */
public abstract class ObjectYaml<T extends ObjectYaml<T>> {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./-]*");

    private final String apiVersion;
    private final String kind;
    private final String name;
    private String namespace;
    private String file;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> annotations = new LinkedHashMap<>();

    ObjectYaml(String apiVersion, String kind, String name) {
        this.apiVersion = apiVersion;
        this.kind = kind;
        this.name = name;
        this.file = name + ".yaml";
    }

    @SuppressWarnings("unchecked")
    final T self() {
        return (T) this;
    }

    final String name() {
        return name;
    }

    public T namespace(String namespace) {
        this.namespace = namespace;
        return self();
    }

    /** A label of the object itself (a workload's pod labels are {@code podLabels}). */
    public T label(String key, String value) {
        labels.put(key, value);
        return self();
    }

    public T annotation(String key, String value) {
        annotations.put(key, value);
        return self();
    }

    /** The chart template it comes from, under {@code templates/}; the object's name + ".yaml" unless given. */
    public T from(String templateFile) {
        this.file = templateFile;
        return self();
    }

    final String file() {
        return file;
    }

    /** The document without separator: apiVersion, kind, metadata, then what the kind adds. */
    public final String body() {
        StringBuilder sb = new StringBuilder();
        sb.append("apiVersion: ").append(apiVersion).append('\n');
        sb.append("kind: ").append(kind).append('\n');
        sb.append("metadata:\n");
        sb.append("  name: ").append(scalar(name)).append('\n');
        if (namespace != null) {
            sb.append("  namespace: ").append(scalar(namespace)).append('\n');
        }
        mapping(sb, 2, "labels", labels);
        mapping(sb, 2, "annotations", annotations);
        content(sb);
        return sb.toString();
    }

    /** Appends what follows the metadata (spec, data, ...), in block YAML at the document's top level. */
    abstract void content(StringBuilder sb);

    @Override
    public final String toString() {
        return "---\n" + body();
    }

    /** {@code key:} and the entries below it, indented; nothing when there are none. */
    static void mapping(StringBuilder sb, int indent, String key, Map<String, ?> entries) {
        if (entries.isEmpty()) {
            return;
        }
        sb.append(" ".repeat(indent)).append(key).append(":\n");
        entries.forEach((k, v) -> sb.append(" ".repeat(indent + 2)).append(scalar(k)).append(": ").append(scalar(v))
                .append('\n'));
    }

    /** One item of a block sequence: {@code - k: v} and the further entries aligned below it. */
    static void listItem(StringBuilder sb, int indent, Map<String, ?> entries) {
        String prefix = " ".repeat(indent) + "- ";
        for (Map.Entry<String, ?> e : entries.entrySet()) {
            sb.append(prefix).append(scalar(e.getKey())).append(": ").append(scalar(e.getValue())).append('\n');
            prefix = " ".repeat(indent + 2);
        }
    }

    /** A key or value as YAML: numbers as they are, plain words plain, anything else double-quoted. */
    static String scalar(Object value) {
        if (value instanceof Number) {
            return value.toString();
        }
        String s = value.toString();
        if (PLAIN.matcher(s).matches()
                && !s.matches("(?i)true|false|yes|no|on|off|y|n|null")) {
            return s;
        }
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                default -> q.append(c);
            }
        }
        return q.append('"').toString();
    }

    /** Pairs of strings as an ordered map: {@code pairs("app", "web", "tier", "front")}. */
    static Map<String, String> pairs(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs: " + String.join(", ", keysAndValues));
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /** Raw YAML lines, indented under a key at {@code indent}. */
    static String indented(String yaml, int indent) {
        return yaml.stripIndent().indent(indent);
    }
}
