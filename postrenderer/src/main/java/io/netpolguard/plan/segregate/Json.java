package io.netpolguard.plan.segregate;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSON document (or a YAML flow mapping, {@code {host: db, port: 5432}}) read leniently as settings: each value
 * with the path of its keys ({@code {"redis": {"host": "cache"}}} gives {@code redis.host}). An object in an array
 * is a scope of its own, so that each item's {@code host} takes its own {@code port}; a value of an array is read
 * under the array's key ({@code "brokers": ["kafka-0", "kafka-1"]}).
 */
final class Json {

    private Json() {
    }

    static void read(String text, Entries entries) {
        List<String> paths = new ArrayList<>(); // per open object or array, its path
        List<Boolean> arrays = new ArrayList<>();
        String key = null; // in an object, the key whose value comes next
        String path = "";
        int items = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '{' || c == '[') {
                boolean inArray = !arrays.isEmpty() && arrays.get(arrays.size() - 1);
                String opened = key != null ? join(path, key) : inArray && c == '{' ? join(path, "#" + items++) : path;
                paths.add(path);
                arrays.add(c == '[');
                path = opened;
                key = null;
                i++;
            } else if (c == '}' || c == ']') {
                if (!paths.isEmpty()) {
                    path = paths.remove(paths.size() - 1);
                    arrays.remove(arrays.size() - 1);
                }
                key = null;
                i++;
            } else if (c == ',' || c == ':' || Character.isWhitespace(c)) {
                i++;
            } else {
                int end = c == '"' || c == '\'' ? closing(text, i) : scalarEnd(text, i);
                String s = c == '"' || c == '\'' ? unescape(text.substring(i + 1, Math.max(i + 1, end - 1)))
                        : text.substring(i, end);
                i = end;
                boolean inObject = !arrays.isEmpty() && !arrays.get(arrays.size() - 1);
                if (inObject && key == null && nextIsColon(text, i)) {
                    key = s;
                } else {
                    entries.add(key == null ? path : join(path, key), s);
                    key = null;
                }
            }
        }
    }

    /** After a quoted string starting at {@code from}: where it ends, past its closing quote. */
    private static int closing(String text, int from) {
        char quote = text.charAt(from);
        int i = from + 1;
        while (i < text.length() && text.charAt(i) != quote) {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i + 1, text.length());
    }

    /** Where an unquoted scalar ends: at a comma, a bracket, white space, or a colon followed by white space. */
    private static int scalarEnd(String text, int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ',' || c == '}' || c == ']' || Character.isWhitespace(c)
                    || c == ':' && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)))) {
                break;
            }
            i++;
        }
        return Math.max(i, from + 1);
    }

    private static boolean nextIsColon(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i < text.length() && text.charAt(i) == ':';
    }

    /** A string's text with {@code \"}, {@code \\} and {@code \/} as the characters; other escapes as written. */
    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && "\"\\/".indexOf(s.charAt(i + 1)) >= 0) {
                c = s.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
