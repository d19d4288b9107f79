package io.netpolguard.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** A ConfigMap or Secret: its data, a multi-line value as a literal block as Helm renders a file's content. */
public final class DataYaml extends ObjectYaml<DataYaml> {

    private final Map<String, String> data = new LinkedHashMap<>();

    DataYaml(String kind, String name) {
        super("v1", kind, name);
    }

    public DataYaml data(String key, String value) {
        data.put(key, value);
        return this;
    }

    @Override
    void content(StringBuilder sb) {
        if (data.isEmpty()) {
            return;
        }
        sb.append("data:\n");
        data.forEach((key, value) -> {
            sb.append("  ").append(scalar(key)).append(": ");
            if (literal(value)) {
                sb.append("|\n").append(value.indent(4));
            } else {
                sb.append(scalar(value)).append('\n');
            }
        });
    }

    /** Where a literal block keeps the value exactly: lines ending in one line break, not starting with a blank. */
    private static boolean literal(String value) {
        return value.endsWith("\n") && !value.endsWith("\n\n") && !value.startsWith(" ") && !value.startsWith("\n")
                && !value.contains("\t") && !value.contains("\r");
    }
}
