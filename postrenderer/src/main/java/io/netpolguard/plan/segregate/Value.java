package io.netpolguard.plan.segregate;

import io.netpolguard.model.KubeObject;

import java.util.List;

/**
 * A text a workload's pods are given, where it is written, and how to read it. Messages show only the addresses
 * found in it (a Secret's text is never shown).
 *
 * @param text     the text, with the container's {@code $(VAR)} references expanded as Kubernetes expands them
 * @param where    where, for messages: "env API_URL of container web", "key app.conf of ConfigMap web (volume config)"
 * @param document the document it is written in: the workload's, or the ConfigMap's or Secret's
 * @param defined  whether every {@code $(VAR)} left in the text names a variable the container defines (from a field
 *                 of the pod, say), or the container's variables are not all known; false when one names none
 * @param form     how the text is read
 * @param key      what names it: the variable ({@code REDIS_HOST}), the option ({@code db-host}) or the file's key
 *                 ({@code app.yaml}); null for a positional argument
 * @param port     the port another setting gives a host of it that has none ({@code REDIS_PORT}), or 0
 * @param portFrom that setting, for messages; null for the port number written right after the host
 */
record Value(String text, String where, KubeObject document, boolean defined, Form form, String key, int port,
             String portFrom) {

    /** How a text is read. */
    enum Form {
        /** One value: a variable's, an argument's, an option's. */
        VALUE,
        /** A mounted file. */
        FILE,
        /** A shell's script ({@code sh -c SCRIPT}). */
        SCRIPT
    }

    Value(String text, String where, KubeObject document) {
        this(text, where, document, true, Form.VALUE, null, 0, null);
    }

    /** A value named {@code key}, read as one value. */
    static Value named(String text, String where, KubeObject document, boolean defined, String key) {
        return new Value(text, where, document, defined, Form.VALUE, key, 0, null);
    }

    /** The same value, whose hosts without a port take that of {@code from}. */
    Value withPort(int p, String from) {
        return new Value(text, where, document, defined, form, key, p, from);
    }

    /**
     * What reading the text depends on besides the text itself, to read a text that many workloads are given once:
     * its form, and whether its bare words count or (for a file) its name.
     */
    String reading() {
        return switch (form) {
            case FILE -> "F" + key;
            case SCRIPT -> "S";
            case VALUE -> Address.bare(key, text) ? "B" : "V";
        };
    }

    /** The addresses the text names, as written (without {@link #port}). */
    void read(List<Address> into) {
        switch (form) {
            case FILE -> ConfigFile.read(text, key, into);
            case SCRIPT -> Script.read(text, into);
            case VALUE -> {
                String t = text.strip();
                if (t.indexOf('\n') >= 0 || t.startsWith("{") && t.endsWith("}") || t.startsWith("[{") && t.endsWith("]")) {
                    ConfigFile.read(text, key == null ? "" : key, into); // a file in a variable: JSON, YAML
                } else {
                    Address.inValue(t, Address.bare(key, t), into);
                }
            }
        }
    }
}
