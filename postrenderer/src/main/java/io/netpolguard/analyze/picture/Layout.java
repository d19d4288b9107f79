package io.netpolguard.analyze.picture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A layered (Sugiyama-style) drawing of a {@link Graph}, left to right, with the groups as horizontal bands.
 *
 * <ol>
 *   <li>Cycles are broken by turning round the edges that go backwards in a greedy feedback-arc-set order
 *       (Eades, Lin and Smyth); such an edge is still drawn with its arrow at its real target.</li>
 *   <li>Ranks by longest path, sources pulled next to their first successor. Node ranks become the even
 *       columns; every edge gets a label element in an odd column between its ends (so that labels are laid
 *       out like nodes and never lie on a node or on another label), and a pass-through element in every
 *       other column it crosses (so that long edges run between nodes, not through them). Edges with the same
 *       label into the same node (or out of the same node) share one label beside that node and run as one
 *       line from it: twelve workloads that may ask kube-dns on UDP 53 make one arrow and one label there.</li>
 *   <li>Each group is a band: in every column its elements are kept together, and the bands are stacked in
 *       the order that keeps connected groups near each other (exact for up to 7 bands). A group's box spans
 *       its band's height and its nodes' columns, so boxes never overlap and always contain their nodes.
 *       Bands that share no column may stand side by side, and each band moves up or down, as far as the
 *       bands above and below it allow, towards the nodes it is connected to. Nodes outside any group form
 *       one band without a box per column.</li>
 *   <li>Order within the columns by barycentre sweeps, keeping the order with the fewest crossings.</li>
 *   <li>Vertical positions by repeated isotonic regression: each element goes as near as the order and
 *       spacing allow to the mean height of its neighbours, inside its band.</li>
 *   <li>Edges leave a node's right side and enter the next one's left side at spread ports, as cubic curves
 *       with horizontal tangents between columns and straight lines through them.</li>
 * </ol>
 *
 * Everything is computed with plain doubles in a fixed order, so the result is the same on every JVM.
 */
final class Layout {

    // Sizes in px.
    static final double MARGIN = 20;
    static final double TITLE_SIZE = 17;
    static final double NODE_FONT = 12;
    static final double LABEL_FONT = 10.5;
    static final double LABEL_LINE = 13;
    static final double GROUP_FONT = 12.5;
    static final double NODE_H = 34;
    static final double PORT_GAP = 8;
    static final double NODE_PAD_X = 14;
    static final double NODE_MIN_W = 96;
    static final double HEX_INSET = 11;
    /** How far a loop reaches above and below its ends. */
    static final double LOOP_BULGE = 9;
    static final double PILL_PAD_X = 5;
    static final double COLUMN_GAP = 36;
    static final double MAX_GAP = 140;
    static final double CLIMB_RATIO = 0.45;
    static final double GROUP_HEADER = 24;
    static final double GROUP_PAD = 12;
    static final double BAND_GAP = 26;
    /** The least room between bands side by side. */
    static final double SIDE_GAP = 12;
    static final int NODE_CHARS = 60;
    static final int LABEL_CHARS = 34;
    static final int LABEL_LINES = 4;
    /** Past this many elements, fewer ordering and placing rounds: the drawing is large and must stay quick. */
    static final int LARGE = 8000;


    /** A rectangle. */
    record Box(double x, double y, double w, double h) {
        double right() {
            return x + w;
        }

        double bottom() {
            return y + h;
        }

        double cy() {
            return y + h / 2;
        }
    }

    record PlacedGroup(Group group, Box box) {
    }

    /** A node, its box and its (possibly shortened) text. */
    record PlacedNode(Node node, Box box, String text) {
    }

    /**
     * An edge's path: {@code points[0]} is where it leaves its source, the last point where it meets its
     * target; piece {@code i} (from point {@code i} to {@code i + 1}) is a curve when {@code curve[i]}, else a
     * straight line. {@code label} is the index of its label in {@link #labels}, or -1 when it has none.
     */
    record PlacedEdge(Edge edge, double[][] points, boolean[] curve, int label) {
    }

    /** A label: its box, its lines, and the edges (indexes in {@link #edges}) that share it. */
    record PlacedLabel(Box box, List<String> lines, List<Integer> edges) {
    }

    final Graph graph;
    final List<PlacedGroup> groups;
    final List<PlacedNode> nodes;
    final List<PlacedEdge> edges;
    final List<PlacedLabel> labels;
    /** The right and bottom end of the drawing (without the legend). */
    final double right;
    final double bottom;

    private Layout(Graph graph, List<PlacedGroup> groups, List<PlacedNode> nodes, List<PlacedEdge> edges,
                   List<PlacedLabel> labels, double right, double bottom) {
        this.graph = graph;
        this.groups = groups;
        this.nodes = nodes;
        this.edges = edges;
        this.labels = labels;
        this.right = right;
        this.bottom = bottom;
    }

    static Layout of(Graph input) {
        Indexed indexed = Indexed.of(input);
        Ranks ranks = Ranks.of(indexed);
        Graph g = indexed.graph();
        List<Group> groupList = g.groups();
        List<Node> nodeList = g.nodes();
        List<Edge> edgeList = g.edges();
        int n = nodeList.size();
        int m = edgeList.size();
        int[] groupOf = indexed.groupOf();
        int[] from = indexed.from();
        int[] to = indexed.to();
        boolean[] reversed = ranks.reversed();
        int[] src = ranks.src();
        int[] dst = ranks.dst();
        int[] rank = ranks.rank();
        int maxRank = ranks.maxRank();

        Bands bandStage = Bands.of(indexed, ranks);
        int bands = bandStage.count();
        boolean[] boxed = bandStage.boxed();

        Columns cols = new Columns(indexed, ranks, bandStage);
        List<List<Elem>> layers = cols.layers;
        Elem[] nodeElem = cols.nodes;
        List<Elem> labelOrder = cols.labels;

        Ordering.order(layers);
        Placement placement = Placement.of(indexed, bandStage, cols);
        List<PlacedGroup> placedGroups = placement.groups();
        List<PlacedNode> placedNodes = placement.nodes();
        double maxRight = placement.right();
        double bottomEnd = placement.bottom();

        // 6. Ports and paths.
        for (Elem el : nodeElem) {
            assignPorts(el);
        }
        Map<Elem, Integer> labelNumber = new HashMap<>();
        List<Elem> drawnLabels = new ArrayList<>();
        for (Elem l : labelOrder) {
            if (!l.lines.isEmpty()) {
                labelNumber.put(l, drawnLabels.size());
                drawnLabels.add(l);
            }
        }
        List<List<Integer>> labelEdges = new ArrayList<>();
        for (int k = 0; k < drawnLabels.size(); k++) {
            labelEdges.add(new ArrayList<>());
        }
        List<PlacedEdge> placedEdges = new ArrayList<>(m);
        for (int e = 0; e < m; e++) {
            Elem[] chain = cols.chains.get(e).elems();
            List<double[]> pts = new ArrayList<>();
            List<Boolean> curve = new ArrayList<>();
            Elem a = chain[0];
            Node an = nodeList.get(a.node);
            Elem first = chain[1];
            double[] port = a.outPorts.get(first);
            pts.add(new double[] {outline(an, a, port[0], true), port[0]});
            if (src[e] == dst[e]) {
                // A loop: out over the top, to the label, back under the bottom.
                double r = a.x + a.w;
                double mid = r + (first.x - r) / 2;
                pts.add(new double[] {mid, Math.min(port[0], first.cy()) - LOOP_BULGE});
                curve.add(true);
                pts.add(new double[] {first.x, first.cy()});
                curve.add(true);
                pts.add(new double[] {mid, Math.max(port[1], first.cy()) + LOOP_BULGE});
                curve.add(true);
                pts.add(new double[] {outline(an, a, port[1], true), port[1]});
                curve.add(true);
            } else {
                for (int i = 1; i < chain.length - 1; i++) {
                    Elem d = chain[i];
                    pts.add(new double[] {d.x, d.cy()});
                    curve.add(true);
                    if (d.w > 0) {
                        pts.add(new double[] {d.x + d.w, d.cy()});
                        curve.add(false);
                    }
                }
                Elem b = chain[chain.length - 1];
                Elem last = chain[chain.length - 2];
                double in = b.inPorts.get(last);
                pts.add(new double[] {outline(nodeList.get(b.node), b, in, false), in});
                curve.add(true);
                if (reversed[e]) {
                    Collections.reverse(pts);
                    Collections.reverse(curve);
                }
            }
            boolean[] c = new boolean[curve.size()];
            for (int i = 0; i < c.length; i++) {
                c[i] = curve.get(i);
            }
            Integer label = labelNumber.get(cols.chains.get(e).label());
            if (label != null) {
                labelEdges.get(label).add(e);
            }
            placedEdges.add(new PlacedEdge(edgeList.get(e), pts.toArray(new double[0][]), c, label == null ? -1 : label));
        }
        List<PlacedLabel> placedLabels = new ArrayList<>(drawnLabels.size());
        for (int k = 0; k < drawnLabels.size(); k++) {
            Elem l = drawnLabels.get(k);
            placedLabels.add(new PlacedLabel(new Box(l.x, l.y, l.w, l.h), l.lines, List.copyOf(labelEdges.get(k))));
        }
        return new Layout(g, placedGroups, placedNodes, placedEdges, placedLabels, maxRight, bottomEnd);
    }








    /** Where a horizontal line at height {@code y} meets the node's outline on its right or left side. */
    private static double outline(Node node, Elem el, double y, boolean rightSide) {
        double half = el.h / 2;
        double dy = Math.abs(y - el.cy());
        double inset = switch (node.kind()) {
            case INGRESS_CONTROLLER -> HEX_INSET * Math.min(1, dy / half);
            case EXTERNAL -> {
                double r = Math.min(half, NODE_H / 2);
                double straight = half - r;
                if (dy <= straight) {
                    yield 0;
                }
                double k = Math.min(r, dy - straight);
                yield r - Math.sqrt(r * r - k * k);
            }
            default -> 0;
        };
        return rightSide ? el.x + el.w - inset : el.x + inset;
    }

    /** Spreads a node's outgoing segments over its right side and its incoming ones over its left side. */
    private static void assignPorts(Elem el) {
        Comparator<Elem> byHeight = Comparator.comparingDouble(Elem::cy).thenComparingInt(o -> o.serial);
        List<Elem> outs = new ArrayList<>(el.out);
        outs.sort(byHeight);
        int count = 0;
        for (Elem o : outs) {
            count += o.loop ? 2 : 1;
        }
        el.outPorts = new HashMap<>();
        int i = 0;
        for (Elem o : outs) {
            double port = portY(el, i++, count);
            el.outPorts.put(o, new double[] {port, o.loop ? portY(el, i++, count) : port});
        }
        List<Elem> ins = new ArrayList<>(el.in);
        ins.sort(byHeight);
        el.inPorts = new HashMap<>();
        for (int k = 0; k < ins.size(); k++) {
            el.inPorts.put(ins.get(k), portY(el, k, ins.size()));
        }
    }

    private static double portY(Elem el, int i, int count) {
        if (count == 1) {
            return el.cy();
        }
        double span = Math.min(el.h - 12, PORT_GAP * (count - 1));
        return el.cy() - span / 2 + span * i / (count - 1);
    }
}
