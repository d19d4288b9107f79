package io.netpolguard.analyze.picture;

import io.netpolguard.analyze.Diagram.Edge;
import io.netpolguard.analyze.Diagram.Node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.netpolguard.analyze.picture.Layout.HEX_INSET;
import static io.netpolguard.analyze.picture.Layout.LABEL_CHARS;
import static io.netpolguard.analyze.picture.Layout.LABEL_FONT;
import static io.netpolguard.analyze.picture.Layout.LABEL_LINE;
import static io.netpolguard.analyze.picture.Layout.LABEL_LINES;
import static io.netpolguard.analyze.picture.Layout.NODE_CHARS;
import static io.netpolguard.analyze.picture.Layout.NODE_FONT;
import static io.netpolguard.analyze.picture.Layout.NODE_H;
import static io.netpolguard.analyze.picture.Layout.NODE_MIN_W;
import static io.netpolguard.analyze.picture.Layout.NODE_PAD_X;
import static io.netpolguard.analyze.picture.Layout.PILL_PAD_X;
import static io.netpolguard.analyze.picture.Layout.PORT_GAP;

/**
 * The columns of elements. Takes the {@link Indexed} graph, its {@link Ranks} and {@link Bands}; gives the
 * columns, left to right, each a list of sized {@link Elem}s in their bands: the nodes in the even columns (twice
 * their rank); for every edge a label element in an odd column between its ends (so that labels are laid out
 * like nodes and never lie on a node or on another label) and a pass-through element in every other column it
 * crosses (so that long edges run between nodes, not through them), linked along the edge. Edges with the same
 * label into the same node (or out of the same node) share one label beside that node and run as one line
 * from it. Nodes with many edges are made taller, for their ports.
 */
final class Columns {

    /**
     * An edge's elements from its left end to its right end once turned round (a loop: its node, then its label),
     * which of them is its label, and whether the edge is turned round or a loop.
     */
    record Chain(Elem[] elems, Elem label, boolean reversed, boolean loop) {
    }

    /** The columns, left to right. */
    final List<List<Elem>> layers;
    /** Each node's element. */
    final Elem[] nodes;
    /** Each edge's elements. */
    final List<Chain> chains;
    /** The label elements in the order they were made (a shared one once). */
    final List<Elem> labels = new ArrayList<>();

    private final Ranks ranks;
    private final Shares shares;
    /** The shared label of each share, once it is made. */
    private final Elem[] shared;
    /** By band: the first and last column of the group's box, if it is a group's (else none). */
    private final int[] spanLow;
    private final int[] spanHigh;
    private int serial;

    Columns(Indexed g, Ranks ranks, Bands bands) {
        this.ranks = ranks;
        int n = g.nodes();
        int columns = 2 * ranks.maxRank() + 2; // one more, for the labels of loops on the last rank
        layers = new ArrayList<>(columns);
        for (int c = 0; c < columns; c++) {
            layers.add(new ArrayList<>());
        }
        nodes = new Elem[n];
        for (int i = 0; i < n; i++) {
            Elem el = new Elem(Elem.Kind.NODE, 2 * ranks.rank()[i], i, serial++);
            el.band = bands.ofNode()[i];
            el.w = nodeWidth(g.graph().nodes().get(i));
            el.h = NODE_H;
            nodes[i] = el;
            layers.get(el.column).add(el);
        }
        // The columns each group's box will span: an edge's pass-throughs and label go into a band whose box
        // spans their column, so that bands beside each other stay side by side.
        spanLow = new int[bands.count()];
        spanHigh = new int[bands.count()];
        Arrays.fill(spanLow, Integer.MAX_VALUE);
        Arrays.fill(spanHigh, Integer.MIN_VALUE);
        for (int i = 0; i < n; i++) {
            if (g.groupOf()[i] >= 0) {
                int b = nodes[i].band;
                spanLow[b] = Math.min(spanLow[b], nodes[i].column);
                spanHigh[b] = Math.max(spanHigh[b], nodes[i].column);
            }
        }
        shares = Shares.of(g, ranks);
        shared = new Elem[shares.members().size()];
        List<Edge> edges = g.graph().edges();
        chains = new ArrayList<>(edges.size());
        for (int e = 0; e < edges.size(); e++) {
            chains.add(chain(e, edges.get(e).label()));
        }
        // Taller nodes for many ports.
        for (Elem el : nodes) {
            int outs = 0;
            for (Elem o : el.out) {
                outs += o.loop ? 2 : 1;
            }
            el.h = Math.max(NODE_H, 12 + PORT_GAP * Math.max(outs, el.in.size()));
        }
    }

    /** Edge {@code e}'s elements, made (its label unless it is shared and made already) and linked. */
    private Chain chain(int e, String label) {
        Elem a = nodes[ranks.src()[e]];
        Elem b = nodes[ranks.dst()[e]];
        boolean reversed = ranks.reversed()[e];
        boolean loop = a == b;
        int side = shares.side()[e];
        int key = shares.key()[e];
        int ra = a.column;
        int rb = loop ? ra + 2 : b.column;
        int slots = (rb - ra) / 2;
        int labelColumn = side > 0 ? rb - 1 : side < 0 ? ra + 1
                : ra + 1 + 2 * (reversed ? slots / 2 : (slots - 1) / 2);
        Elem[] elems = new Elem[loop ? 2 : rb - ra + 1];
        Elem labelElem = null;
        elems[0] = a;
        for (int r = ra + 1; r <= (loop ? ra + 1 : rb - 1); r++) {
            Elem d;
            if (r != labelColumn) {
                d = new Elem(Elem.Kind.PASS, r, -1, serial++);
                d.band = dummyBand(r, ra, rb, a.band, b.band, reversed);
                d.h = 2;
                layers.get(r).add(d);
            } else if (side != 0 && shared[key] != null) {
                d = shared[key];
            } else {
                d = new Elem(Elem.Kind.LABEL, r, -1, serial++);
                d.loop = loop;
                if (side != 0) {
                    shared[key] = d;
                    d.band = sharedBand(r, side > 0 ? b : a, shares.members().get(key), side > 0);
                } else {
                    d.band = dummyBand(r, ra, rb, a.band, b.band, reversed);
                }
                d.lines = label.isBlank() ? List.of() : Text.wrap(label.strip(), LABEL_CHARS, LABEL_LINES);
                double w = 0;
                for (String line : d.lines) {
                    w = Math.max(w, Text.width(line, LABEL_FONT, false));
                }
                d.w = d.lines.isEmpty() ? 0 : Math.ceil(w + 2 * PILL_PAD_X);
                d.h = d.lines.isEmpty() ? 2 : d.lines.size() * LABEL_LINE + 5;
                labels.add(d);
                layers.get(r).add(d);
            }
            if (r == labelColumn) {
                labelElem = d;
            }
            elems[r - ra] = d;
        }
        if (!loop) {
            elems[elems.length - 1] = b;
        }
        for (int i = 1; i < elems.length; i++) {
            elems[i - 1].link(elems[i]);
        }
        return new Chain(elems, labelElem, reversed, loop);
    }

    private boolean covers(int band, int column) {
        return spanLow[band] <= column && column <= spanHigh[band];
    }

    /**
     * The band of an edge's element in column {@code r} between its ends' columns {@code ra} and {@code rb}:
     * the band whose group box spans the column, if only one of the two does; else the nearer end's (on a tie,
     * the end the edge comes from).
     */
    private int dummyBand(int r, int ra, int rb, int bandA, int bandB, boolean reversed) {
        boolean coverA = covers(bandA, r);
        boolean coverB = covers(bandB, r);
        if (coverA != coverB) {
            return coverA ? bandA : bandB;
        }
        int nearA = r - ra;
        int nearB = rb - r;
        return nearA < nearB || (nearA == nearB && !reversed) ? bandA : bandB;
    }

    /**
     * The band of a shared label beside node {@code end}: the band whose box spans its column when all the
     * other ends are in that band, else {@code end}'s band.
     */
    private int sharedBand(int r, Elem end, List<Integer> share, boolean endIsRight) {
        if (covers(end.band, r)) {
            return end.band;
        }
        int other = -1;
        for (int e : share) {
            int band = nodes[endIsRight ? ranks.src()[e] : ranks.dst()[e]].band;
            if (other >= 0 && band != other) {
                return end.band;
            }
            other = band;
        }
        return covers(other, r) ? other : end.band;
    }

    private static double nodeWidth(Node node) {
        double text = Text.width(Text.shorten(node.label(), NODE_CHARS), NODE_FONT, node.highlighted());
        double extra = switch (node.kind()) {
            case INGRESS_CONTROLLER -> 2 * HEX_INSET;
            case EXTERNAL -> NODE_H / 2;
            default -> 0;
        };
        return Math.ceil(Math.max(NODE_MIN_W, text + 2 * NODE_PAD_X + extra));
    }

    /**
     * Which edges share a label: edges with the same label into one node (or else out of one node), in the same
     * direction, share one label beside that node.
     *
     * @param side by edge: +1 when its shared label is beside its right end, -1 beside its left end, 0 none
     * @param key by edge: its share, an index in {@code members}
     * @param members the edges of each share
     */
    private record Shares(int[] side, int[] key, List<List<Integer>> members) {

        static Shares of(Indexed g, Ranks ranks) {
            int m = g.edges();
            int[] side = new int[m];
            int[] key = new int[m];
            List<List<Integer>> members = new ArrayList<>();
            share(g, ranks, g.to(), 1, side, key, members);
            share(g, ranks, g.from(), -1, side, key, members);
            return new Shares(side, key, members);
        }

        /**
         * Makes a share of every two or more edges, not shared yet, with the same label, direction and {@code end}
         * node (their targets, or their sources): its label goes beside that node, which is the right end
         * ({@code sign} +1) or the left end (-1) of an edge that is not turned round.
         */
        private static void share(Indexed g, Ranks ranks, int[] end, int sign, int[] side, int[] key,
                                  List<List<Integer>> members) {
            boolean[] reversed = ranks.reversed();
            List<Edge> edges = g.graph().edges();
            Map<String, List<Integer>> byEnd = new LinkedHashMap<>();
            for (int e = 0; e < side.length; e++) {
                if (g.from()[e] != g.to()[e] && side[e] == 0) {
                    byEnd.computeIfAbsent(end[e] + "\u0000" + reversed[e] + "\u0000" + edges.get(e).label(),
                            k -> new ArrayList<>()).add(e);
                }
            }
            for (List<Integer> share : byEnd.values()) {
                if (share.size() > 1) {
                    for (int e : share) {
                        side[e] = reversed[e] ? -sign : sign;
                        key[e] = members.size();
                    }
                    members.add(share);
                }
            }
        }
    }
}
