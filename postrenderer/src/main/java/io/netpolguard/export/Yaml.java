package io.netpolguard.export;

import io.netpolguard.yaml.Scalar;

/** The two pieces of YAML only an export writes: kustomize target fields matched exactly, and comment text. */
final class Yaml {

    private Yaml() {
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
        return Scalar.of(sb.toString());
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
