package io.netpolguard.yaml;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one way netpol-guard writes a string as a YAML scalar by hand (the generated policies, the export's patches,
 * declared flows ready to paste): plain when YAML can only read it back as that string, double-quoted otherwise.
 */
public final class Scalar {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./~-]*");
    private static final Pattern IPV4_CIDR = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}");
    private static final Set<String> SPECIAL = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null",
            "~");

    private Scalar() {
    }

    /** {@code web}, {@code app.kubernetes.io/name}; {@code "true"}, {@code "8080"}, {@code "a: b"}. */
    public static String of(String s) {
        return PLAIN.matcher(s).matches() && !SPECIAL.contains(s.toLowerCase(Locale.ROOT)) ? s : quoted(s);
    }

    /**
     * An address range as people write it in a configuration ({@code 203.0.113.0/24}, plain: YAML reads it as a
     * string); anything else as {@link #of}.
     */
    public static String cidr(String s) {
        return IPV4_CIDR.matcher(s).matches() ? s : of(s);
    }

    /**
     * Always double-quoted (JSON-style escapes; characters YAML cannot print as hexadecimal escapes), as label values
     * are written: a release named 1 or true stays a string.
     */
    public static String quoted(String s) {
        StringBuilder q = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) { // C0, DEL and C1: not printable in YAML
                        q.append(String.format("\\x%02x", (int) c));
                    } else if (c == 0x2028 || c == 0x2029 || c == 0xFEFF) { // line breaks and a byte-order mark
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
