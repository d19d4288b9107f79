package io.netpolguard.analyze;

import java.util.Locale;

/**
 * The pictures of an analysis: its {@link Diagram} laid out and drawn, for people. {@code analyze --format=svg|html}
 * and the Maven plugin's {@code <picture>} name one; the picture package draws it. This type is here, beside
 * {@link Format}, so that naming a picture loads none of the classes that draw one.
 */
public enum Picture {
    /** One SVG image: namespaces as boxes, workloads, peers and arrows labelled with the connections. */
    SVG,
    /** One HTML page: the SVG picture and a table of every connection. */
    HTML;

    /** The picture of a name such as "svg" or "HTML"; null when there is none. */
    public static Picture of(String name) {
        for (Picture p : values()) {
            if (p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        return null;
    }

    /** "svg" or "html": the name, and the file extension. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
