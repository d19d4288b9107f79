package io.netpolguard.observe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of JSON read strictly: objects as maps, arrays as lists, strings, numbers (as {@code Long} or
 * {@code Double}), booleans and null. Flow logs are one object per line, so a line is parsed on its own and thrown
 * away; nothing of the file stays in memory.
 */
final class JsonLine {

    /** What is wrong with a line, and at which column (1-based). */
    static final class Problem extends RuntimeException {
        Problem(String message, int column) {
            super(message + " at column " + column);
        }
    }

    /** Flow records nest a few levels deep; far deeper is no flow log (and would exhaust the stack). */
    static final int MAX_DEPTH = 64;

    private final String s;
    private int i;
    private int depth;

    private JsonLine(String s) {
        this.s = s;
    }

    /** The value of the line; a {@link Problem} when it is not exactly one JSON value. */
    static Object parse(String line) {
        JsonLine p = new JsonLine(line);
        p.space();
        Object value = p.value();
        p.space();
        if (p.i < line.length()) {
            throw new Problem("unexpected text after the JSON value", p.i + 1);
        }
        return value;
    }

    private Object value() {
        if (i >= s.length()) {
            throw new Problem("the line ends where a value should be", i + 1);
        }
        char c = s.charAt(i);
        if ((c == '{' || c == '[') && ++depth > MAX_DEPTH) {
            throw new Problem("objects and arrays nested more than " + MAX_DEPTH + " deep", i + 1);
        }
        return switch (c) {
            case '{' -> nested(object());
            case '[' -> nested(array());
            case '"' -> string();
            case 't' -> word("true", Boolean.TRUE);
            case 'f' -> word("false", Boolean.FALSE);
            case 'n' -> word("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw new Problem("'" + c + "' cannot start a JSON value", i + 1);
            }
        };
    }

    private Object nested(Object value) {
        depth--;
        return value;
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        i++;
        space();
        if (peek() == '}') {
            i++;
            return map;
        }
        while (true) {
            space();
            if (peek() != '"') {
                throw new Problem("a key in double quotes was expected", i + 1);
            }
            String key = string();
            space();
            expect(':');
            space();
            map.put(key, value());
            space();
            char c = peek();
            i++;
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                throw new Problem("',' or '}' was expected", i);
            }
        }
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        i++;
        space();
        if (peek() == ']') {
            i++;
            return list;
        }
        while (true) {
            space();
            list.add(value());
            space();
            char c = peek();
            i++;
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw new Problem("',' or ']' was expected", i);
            }
        }
    }

    private String string() {
        int start = ++i;
        StringBuilder sb = null;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"') {
                String result = sb == null ? s.substring(start, i) : sb.toString();
                i++;
                return result;
            }
            if (c == '\\') {
                if (sb == null) {
                    sb = new StringBuilder(s.substring(start, i));
                }
                if (i + 1 >= s.length()) {
                    break;
                }
                char e = s.charAt(i + 1);
                i += 2;
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw new Problem("an incomplete \\u escape", i - 1);
                        }
                        try {
                            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        } catch (NumberFormatException x) {
                            throw new Problem("a \\u escape without four hex digits", i - 1);
                        }
                        i += 4;
                    }
                    default -> throw new Problem("an unknown escape \\" + e, i - 1);
                }
                continue;
            }
            if (sb != null) {
                sb.append(c);
            }
            i++;
        }
        throw new Problem("a string is not closed", start);
    }

    private Object number() {
        int start = i;
        if (peek() == '-') {
            i++;
        }
        boolean fraction = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                i++;
            } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
                fraction = true;
                i++;
            } else {
                break;
            }
        }
        String text = s.substring(start, i);
        try {
            return fraction ? (Object) Double.parseDouble(text) : (Object) Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new Problem("\"" + text + "\" is not a number", start + 1);
        }
    }

    private Object word(String word, Object value) {
        if (!s.startsWith(word, i)) {
            throw new Problem("'" + s.charAt(i) + "' cannot start a JSON value", i + 1);
        }
        i += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new Problem("'" + c + "' was expected", i + 1);
        }
        i++;
    }

    private char peek() {
        if (i >= s.length()) {
            throw new Problem("the line ends inside a JSON value", i + 1);
        }
        return s.charAt(i);
    }

    private void space() {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\r')) {
            i++;
        }
    }
}
