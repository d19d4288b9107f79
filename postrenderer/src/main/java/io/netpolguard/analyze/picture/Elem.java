package io.netpolguard.analyze.picture;

import java.util.ArrayList;
import java.util.List;

/**
 * One element of a column of the {@link Layout}: a node, an edge's label, or a piece of an edge passing through
 * a column. The stages fill it in turn: {@link Columns} its kind, column, band, size and links along the
 * edges; {@link Ordering} its position in its column; {@link Placement} its x and y.
 */
final class Elem {

    enum Kind {
        NODE, LABEL, PASS
    }

    final Kind kind;
    /** Nodes are in the even columns (twice their rank), labels and pass-throughs anywhere between. */
    final int column;
    /** NODE: the node's index in the graph's nodes; else -1. */
    final int node;
    /** Creation order: ties are broken by it. */
    final int serial;
    /** The band's position, top to bottom. */
    int band;
    /** LABEL of a loop: both ends on the node at its left. */
    boolean loop;
    /** LABEL: its lines (none for an edge without a label). */
    List<String> lines;
    double x;
    double w;
    double y;
    double h;
    /** The position in the column, top to bottom. */
    int pos;
    /** The sort key of the barycentre sweeps. */
    double key;
    /** Its neighbours along the edges: in the column to its left ({@code in}) and to its right ({@code out}). */
    final List<Elem> in = new ArrayList<>(2);
    final List<Elem> out = new ArrayList<>(2);

    Elem(Kind kind, int column, int node, int serial) {
        this.kind = kind;
        this.column = column;
        this.node = node;
        this.serial = serial;
    }

    double cy() {
        return y + h / 2;
    }

    /** The least room between this element and its neighbour in the column (the larger of the two counts). */
    double gap() {
        return kind == Kind.NODE ? 22 : kind == Kind.LABEL ? 5 : 7;
    }

    void link(Elem next) {
        if (!out.contains(next)) {
            out.add(next);
            next.in.add(this);
        }
    }

    /** How many elements the columns hold. */
    static int count(List<List<Elem>> layers) {
        int size = 0;
        for (List<Elem> layer : layers) {
            size += layer.size();
        }
        return size;
    }
}
