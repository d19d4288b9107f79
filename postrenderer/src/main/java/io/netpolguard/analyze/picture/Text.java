package io.netpolguard.analyze.picture;

import java.util.ArrayList;
import java.util.List;

/**
 * Text helpers for the picture: width estimates (no font is loaded: the widths are DejaVu Sans's, which
 * Verdana matches closely, the widest of the fonts the picture names, so text fits whichever is used),
 * XML escaping, shortening and wrapping, and locale-free number formatting.
 */
final class Text {

    /** The fonts the picture asks for, in CSS font-family syntax (an XML attribute value: no double quotes). */
    static final String FONT_FAMILY = "'DejaVu Sans', Verdana, Geneva, 'Bitstream Vera Sans', sans-serif";

    /** Advance widths of ASCII 32..126 in DejaVu Sans, in thousandths of the font size. */
    private static final short[] REGULAR = {
        318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
        636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
        1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
        603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
        500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
        635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
    };

    /** The same for DejaVu Sans Bold. */
    private static final short[] BOLD = {
        348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365,
        696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580,
        1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995, 837, 850,
        733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838, 500,
        500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687,
        716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
    };

    private static final String ELLIPSIS = "\u2026";

    private Text() {
    }

    /** The estimated width of {@code s} at {@code size} px. */
    static double width(String s, double size, boolean bold) {
        short[] table = bold ? BOLD : REGULAR;
        long units = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= 32 && cp < 127) {
                units += table[cp - 32];
            } else if (cp >= 0x1100 && isWide(cp)) {
                units += 1000;
            } else {
                units += bold ? 760 : 700;
            }
        }
        return units * size / 1000.0;
    }

    private static boolean isWide(int cp) {
        return cp <= 0x115F || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F)
                || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x1F300;
    }

    /** {@code s} with at most {@code max} code points, the last an ellipsis when it had to be shortened. */
    static String shorten(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, max - 1)) + ELLIPSIS;
    }

    /**
     * Lines of at most about {@code max} code points: breaks after commas (and after a ", " the space is
     * dropped); a part longer than {@code max} between commas is shortened. At most {@code maxLines} lines;
     * when there would be more, the last ends in an ellipsis.
     */
    static List<String> wrap(String s, int max, int maxLines) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ',') {
                parts.add(s.substring(start, i + 1));
                start = i + 1;
                while (start < s.length() && s.charAt(start) == ' ') {
                    start++;
                }
                i = start - 1;
            }
        }
        if (start < s.length() || parts.isEmpty()) {
            parts.add(s.substring(start));
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String part : parts) {
            if (line.length() > 0 && length(line) + length(part) > max) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(part);
        }
        lines.add(line.toString());
        for (int i = 0; i < lines.size(); i++) {
            lines.set(i, shorten(lines.get(i), max));
        }
        if (lines.size() > maxLines) {
            List<String> kept = new ArrayList<>(lines.subList(0, maxLines));
            String last = kept.get(maxLines - 1);
            kept.set(maxLines - 1, length(last) < max ? last + ELLIPSIS
                    : last.substring(0, last.offsetByCodePoints(0, max - 1)) + ELLIPSIS);
            return kept;
        }
        return lines;
    }

    private static int length(CharSequence s) {
        return Character.codePointCount(s, 0, s.length());
    }

    /**
     * {@code s} escaped for XML text and attribute values (quoted with either quote). Characters XML 1.0
     * cannot hold (most C0 controls, unpaired surrogates, U+FFFE and U+FFFF) become U+FFFD.
     */
    static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\t', '\n', '\r' -> b.append("&#").append((int) c).append(';');
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** {@code v} rounded to one decimal, with a dot and no trailing ".0", whatever the default locale. */
    static String num(double v) {
        long tenths = Math.round(v * 10);
        if (tenths == 0) {
            return "0";
        }
        StringBuilder b = new StringBuilder(12);
        if (tenths < 0) {
            b.append('-');
            tenths = -tenths;
        }
        b.append(tenths / 10);
        if (tenths % 10 != 0) {
            b.append('.').append(tenths % 10);
        }
        return b.toString();
    }
}
