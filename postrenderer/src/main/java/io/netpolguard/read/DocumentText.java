package io.netpolguard.read;

import org.yaml.snakeyaml.error.Mark;

/** A document's decoded text, and where SnakeYAML's marks (code points after the byte order mark) fall in it. */
final class DocumentText {

    final String text;
    private final int bomShift;
    private final boolean surrogates;

    /** @param byteLength the document's length in bytes: a text as long as its bytes is ASCII */
    DocumentText(String text, int byteLength) {
        this.text = text;
        this.bomShift = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
        this.surrogates = text.length() != byteLength && text.length() != text.codePointCount(0, text.length());
    }

    /**
     * The text SnakeYAML reads: without the byte order mark, and with tabs that go-yaml (Helm, kubectl) reads as
     * separation whitespace where SnakeYAML would refuse them turned into spaces, one character for one so that every
     * offset stays the same: after the {@code ---} that starts the document, and in a JSON (flow) document, outside its
     * quoted strings. Tabs that indent a block document stay, and are refused as YAML refuses them.
     */
    String body() {
        String body = text.substring(bomShift);
        if (body.indexOf('\t') < 0) {
            return body;
        }
        char[] chars = body.toCharArray();
        int i = 0;
        if (body.startsWith("---") && (chars.length == 3 || isBlank(chars[3]))) {
            for (i = 3; i < chars.length && (chars[i] == ' ' || chars[i] == '\t'); i++) {
                chars[i] = ' ';
            }
        }
        while (i < chars.length) { // to the first character of content: past blank lines and comments
            char c = chars[i];
            if (isBlank(c)) {
                i++;
            } else if (c == '#') {
                while (i < chars.length && chars[i] != '\n') {
                    i++;
                }
            } else {
                break;
            }
        }
        if (i < chars.length && (chars[i] == '{' || chars[i] == '[')) {
            flowTabsToSpaces(chars);
        }
        return new String(chars);
    }

    /**
     * In a flow document, every tab outside a quoted scalar or a comment separates (JSON allows no raw tab in a string):
     * it becomes a space. A quote opens a scalar only where one can start, after {@code { [ , : ?} or at the start.
     */
    private static void flowTabsToSpaces(char[] chars) {
        char previous = '{';
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c == '\t') {
                chars[i] = ' ';
            } else if (c == '#' && (i == 0 || isBlank(chars[i - 1]))) {
                while (i + 1 < chars.length && chars[i + 1] != '\n') {
                    i++;
                }
            } else if ((c == '"' || c == '\'') && "{[,:?".indexOf(previous) >= 0) {
                for (i++; i < chars.length; i++) {
                    if (c == '"' && chars[i] == '\\') {
                        i++;
                    } else if (chars[i] == c && !(c == '\'' && i + 1 < chars.length && chars[i + 1] == '\'')) {
                        break;
                    } else if (c == '\'' && chars[i] == '\'') {
                        i++;
                    }
                }
                previous = c;
            } else if (!isBlank(c)) {
                previous = c;
            }
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** A character offset into {@link #text} for a mark. */
    int offset(Mark mark) {
        int index = mark.getIndex();
        return bomShift + (surrogates ? text.offsetByCodePoints(bomShift, index) - bomShift : index);
    }

    /** A character offset into {@link #text} for a position SnakeYAML's reader reported. */
    int offset(int position) {
        return Math.min(text.length(), bomShift + position);
    }
}
