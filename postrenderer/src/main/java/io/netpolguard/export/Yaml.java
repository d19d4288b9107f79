package io.netpolguard.export;

import java.util.regex.Pattern;

/** The few pieces of YAML an export writes by hand: scalars quoted whenever YAML could read them otherwise. */
final class Yaml {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./~-]*");
    private static final Pattern SPECIAL = Pattern.compile("(?i)y|n|yes|no|on|off|true|false|null");

    private Yaml() {
    }

    /** A key or value: plain when it can only be read as that string, else double-quoted (JSON escapes). */
    static String scalar(String s) {
        return PLAIN.matcher(s).matches() && !SPECIAL.matcher(s).matches() ? s : quoted(s);
    }

    /** Always double-quoted, as label values are written (a release named 1 or true stays a string). */
    static String quoted(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0xFEFF) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }

    /**
     * A kustomize target field matching exactly {@code s}: kustomize reads group, version, kind, name and namespace
     * as regular expressions (anchored), so the dots of {@code shop.v2} must not match any character.
     */
    static String exactly(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return scalar(sb.toString());
    }

    /** A comment line's text: one line, no control characters. */
    static String comment(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) || c == 0x2028 || c == 0x2029 ? ' ' : c);
        }
        return sb.toString();
    }
}
