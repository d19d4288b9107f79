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
     * The text SnakeYAML reads: without the byte order mark. A JSON document (it starts with '{' or '[') may be
     * indented with tabs, which YAML does not allow where JSON does; a raw tab can only be whitespace in valid JSON,
     * so it reads as a space (one character for one: every offset stays the same).
     */
    String body() {
        String body = text.substring(bomShift);
        int i = 0;
        while (i < body.length() && Character.isWhitespace(body.charAt(i))) {
            i++;
        }
        boolean json = i < body.length() && (body.charAt(i) == '{' || body.charAt(i) == '[');
        return json && body.indexOf('\t') >= 0 ? body.replace('\t', ' ') : body;
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
