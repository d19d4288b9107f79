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

        // 4. Order within the columns.
        Ordering.order(layers);

        // Y: band heights.
        double top = MARGIN + (g.title().isBlank() ? 0 : TITLE_SIZE + 16);
        double[] bandTop = new double[bands];
        double[] contentTop = new double[bands];
        double[] contentBottom = new double[bands];
        double[] bandBottom = new double[bands];
        double[] stack = new double[bands];
        for (List<Elem> layer : layers) {
            double[] sum = new double[bands];
            Elem prev = null;
            for (Elem el : layer) {
                if (prev != null && prev.band == el.band) {
                    sum[el.band] += Math.max(prev.gap(), el.gap());
                }
                sum[el.band] += el.h;
                prev = el;
            }
            for (int b = 0; b < bands; b++) {
                stack[b] = Math.max(stack[b], sum[b]);
            }
        }
        // Bands are stacked, but one that lies beside the bands above it (no column in common, judged at the
        // narrowest gaps: wider gaps only move them further apart) moves up beside them.
        double[] colW = columnWidths(layers);
        placeColumns(layers, colW, false);
        double[][] boxX = groupExtents(groupList, n, groupOf, nodeElem);
        double[] bandLeft = new double[bands];
        double[] bandRight = new double[bands];
        Arrays.fill(bandLeft, Double.MAX_VALUE);
        Arrays.fill(bandRight, -Double.MAX_VALUE);
        for (List<Elem> layer : layers) {
            for (Elem el : layer) {
                bandLeft[el.band] = Math.min(bandLeft[el.band], el.x);
                bandRight[el.band] = Math.max(bandRight[el.band], el.x + el.w);
            }
        }
        for (int gi = 0; gi < groupList.size(); gi++) {
            bandLeft[bandStage.ofGroup()[gi]] = Math.min(bandLeft[bandStage.ofGroup()[gi]], boxX[gi][0]);
            bandRight[bandStage.ofGroup()[gi]] = Math.max(bandRight[bandStage.ofGroup()[gi]], boxX[gi][1]);
        }
        boolean[][] beside = new boolean[bands][bands];
        for (int b = 0; b < bands; b++) {
            for (int o = 0; o < bands; o++) {
                beside[b][o] = !(bandLeft[b] < bandRight[o] + SIDE_GAP && bandLeft[o] < bandRight[b] + SIDE_GAP);
            }
        }
        double bottomEnd = top;
        for (int b = 0; b < bands; b++) {
            double y = top;
            for (int above = 0; above < b; above++) {
                if (!beside[b][above]) {
                    y = Math.max(y, bandBottom[above] + BAND_GAP);
                }
            }
            bandTop[b] = y;
            contentTop[b] = y + (boxed[b] ? GROUP_HEADER + 4 : 0);
            contentBottom[b] = contentTop[b] + Math.max(stack[b], boxed[b] ? NODE_H : 0);
            bandBottom[b] = contentBottom[b] + (boxed[b] ? GROUP_PAD : 0);
            bottomEnd = Math.max(bottomEnd, bandBottom[b]);
        }

        // 5. Y within the bands; then each band moves towards its connections, within the room it has.
        stackInBands(layers, contentTop, contentBottom);
        placeVertically(layers, contentTop, contentBottom, 16);
        List<List<Elem>> members = new ArrayList<>(bands);
        for (int b = 0; b < bands; b++) {
            members.add(new ArrayList<>());
        }
        for (List<Elem> layer : layers) {
            for (Elem el : layer) {
                members.get(el.band).add(el);
            }
        }
        for (int round = 0; round < 3; round++) {
            boolean moved = false;
            for (int b = 0; b < bands; b++) {
                double sum = 0;
                int count = 0;
                for (Elem el : members.get(b)) {
                    for (Elem o : el.in) {
                        if (o.band != b) {
                            sum += o.cy() - el.cy();
                            count++;
                        }
                    }
                    for (Elem o : el.out) {
                        if (o.band != b) {
                            sum += o.cy() - el.cy();
                            count++;
                        }
                    }
                }
                if (count == 0) {
                    continue;
                }
                double lo = top;
                double hi = bottomEnd;
                for (int o = 0; o < bands; o++) {
                    if (o != b && !beside[b][o]) {
                        if (o < b) {
                            lo = Math.max(lo, bandBottom[o] + BAND_GAP);
                        } else {
                            hi = Math.min(hi, bandTop[o] - BAND_GAP);
                        }
                    }
                }
                double height = bandBottom[b] - bandTop[b];
                double newTop = Math.max(lo, Math.min(hi - height, bandTop[b] + sum / count));
                double shift = Math.rint(newTop - bandTop[b]);
                if (Math.abs(shift) >= 1 && newTop >= lo && newTop + height <= hi) {
                    bandTop[b] += shift;
                    contentTop[b] += shift;
                    contentBottom[b] += shift;
                    bandBottom[b] += shift;
                    for (Elem el : members.get(b)) {
                        el.y += shift;
                    }
                    moved = true;
                }
            }
            if (!moved) {
                break;
            }
            placeVertically(layers, contentTop, contentBottom, 6);
        }
        double topEnd = Double.MAX_VALUE;
        for (int b = 0; b < bands; b++) {
            topEnd = Math.min(topEnd, bandTop[b]);
        }
        if (bands > 0 && topEnd > top) {
            // Every band moved down: move the whole drawing back up.
            double shift = top - topEnd;
            for (int b = 0; b < bands; b++) {
                bandTop[b] += shift;
                contentTop[b] += shift;
                contentBottom[b] += shift;
                bandBottom[b] += shift;
            }
            for (List<Elem> layer : layers) {
                for (Elem el : layer) {
                    el.y += shift;
                }
            }
        }
        bottomEnd = top;
        for (int b = 0; b < bands; b++) {
            bottomEnd = Math.max(bottomEnd, bandBottom[b]);
        }

        // X: columns, wider apart where edges between them climb far.
        placeColumns(layers, colW, true);

        // Groups' boxes.
        boxX = groupExtents(groupList, n, groupOf, nodeElem);
        List<PlacedGroup> placedGroups = new ArrayList<>();
        double maxRight = MARGIN;
        for (int gi = 0; gi < groupList.size(); gi++) {
            int b = bandStage.ofGroup()[gi];
            Box box = new Box(boxX[gi][0], bandTop[b], boxX[gi][1] - boxX[gi][0], bandBottom[b] - bandTop[b]);
            placedGroups.add(new PlacedGroup(groupList.get(gi), box));
            maxRight = Math.max(maxRight, box.right());
        }

        List<PlacedNode> placedNodes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Elem el = nodeElem[i];
            Node node = nodeList.get(i);
            placedNodes.add(new PlacedNode(node, new Box(el.x, el.y, el.w, el.h), Text.shorten(node.label(), NODE_CHARS)));
            maxRight = Math.max(maxRight, el.x + el.w);
        }

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
            maxRight = Math.max(maxRight, l.x + l.w);
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


    private static double[] columnWidths(List<List<Elem>> layers) {
        double[] colW = new double[layers.size()];
        for (int c = 0; c < layers.size(); c++) {
            double w = 0;
            for (Elem el : layers.get(c)) {
                w = Math.max(w, el.kind == Elem.Kind.PASS ? 0 : el.w);
            }
            colW[c] = layers.get(c).isEmpty() ? 0 : Math.max(w, 12);
        }
        return colW;
    }

    /** Sets the elements' x: nodes and labels centred in their column, pass-throughs across it. */
    private static void placeColumns(List<List<Elem>> layers, double[] colW, boolean climbing) {
        double x = MARGIN + GROUP_PAD;
        for (int c = 0; c < layers.size(); c++) {
            List<Elem> layer = layers.get(c);
            if (layer.isEmpty()) {
                continue;
            }
            for (Elem el : layer) {
                if (el.kind == Elem.Kind.PASS) {
                    el.x = x;
                    el.w = colW[c];
                } else {
                    el.x = x + (colW[c] - el.w) / 2;
                }
            }
            x += colW[c] + (climbing ? gap(layer) : COLUMN_GAP);
        }
    }

    /** Each group's box, left and right: around its nodes, and wide enough for its label. */
    private static double[][] groupExtents(List<Group> groups, int n, int[] bandOf, Elem[] nodeElem) {
        double[][] extents = new double[groups.size()][];
        for (int gi = 0; gi < groups.size(); gi++) {
            double left = Double.MAX_VALUE;
            double rightEnd = -Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                if (bandOf[i] == gi) {
                    left = Math.min(left, nodeElem[i].x);
                    rightEnd = Math.max(rightEnd, nodeElem[i].x + nodeElem[i].w);
                }
            }
            if (left == Double.MAX_VALUE) {
                left = MARGIN + GROUP_PAD;
                rightEnd = left;
            }
            double header = Text.width(Text.shorten(groups.get(gi).label(), NODE_CHARS), GROUP_FONT, true) + 20;
            extents[gi] = new double[] {left - GROUP_PAD, Math.max(rightEnd + GROUP_PAD, left - GROUP_PAD + header)};
        }
        return extents;
    }


    /** The gap after a column: wide enough that an edge climbing far to the next column is not too steep. */
    private static double gap(List<Elem> layer) {
        double climb = 0;
        for (Elem el : layer) {
            for (Elem o : el.out) {
                climb = Math.max(climb, Math.abs(o.cy() - el.cy()));
            }
        }
        return Math.max(COLUMN_GAP, Math.min(MAX_GAP, CLIMB_RATIO * climb));
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

    /** The start: each band's elements of a column stacked and centred in the band. */
    private static void stackInBands(List<List<Elem>> layers, double[] contentTop, double[] contentBottom) {
        for (List<Elem> layer : layers) {
            for (List<Elem> run : runs(layer)) {
                double[] offset = offsets(run);
                int band = run.get(0).band;
                double total = offset[run.size() - 1] + run.get(run.size() - 1).h;
                double start = contentTop[band] + (contentBottom[band] - contentTop[band] - total) / 2;
                for (int i = 0; i < run.size(); i++) {
                    run.get(i).y = start + offset[i];
                }
            }
        }
    }

    /** Isotonic-regression sweeps: each band's elements of a column, in order, as near their neighbours as spacing allows. */
    private static void placeVertically(List<List<Elem>> layers, double[] contentTop, double[] contentBottom,
                                        int rounds) {
        int columns = layers.size();
        if (Elem.count(layers) > LARGE) {
            rounds = (rounds + 2) / 3;
        }
        for (int round = 0; round < rounds; round++) {
            boolean forward = round % 2 == 0;
            for (int k = 0; k < columns; k++) {
                List<Elem> layer = layers.get(forward ? k : columns - 1 - k);
                for (List<Elem> run : runs(layer)) {
                    place(run, contentTop[run.get(0).band], contentBottom[run.get(0).band]);
                }
            }
        }
    }

    private static void place(List<Elem> run, double top, double bottom) {
        int size = run.size();
        double[] offset = offsets(run);
        double[] z = new double[size];
        for (int i = 0; i < size; i++) {
            Elem el = run.get(i);
            double sum = 0;
            int count = 0;
            for (Elem o : el.in) {
                sum += o.cy();
                count++;
            }
            for (Elem o : el.out) {
                sum += o.cy();
                count++;
            }
            double want = count == 0 ? el.cy() : sum / count;
            z[i] = want - el.h / 2 - offset[i];
        }
        isotonic(z);
        double total = offset[size - 1] + run.get(size - 1).h;
        double hi = bottom - total;
        for (int i = 0; i < size; i++) {
            double v = Math.max(top, Math.min(hi, z[i]));
            run.get(i).y = v + offset[i];
        }
    }

    /** Each element's distance from the run's top when packed tight. */
    private static double[] offsets(List<Elem> run) {
        double[] offset = new double[run.size()];
        for (int i = 1; i < run.size(); i++) {
            Elem prev = run.get(i - 1);
            offset[i] = offset[i - 1] + prev.h + Math.max(prev.gap(), run.get(i).gap());
        }
        return offset;
    }

    /** Pool-adjacent-violators: the non-decreasing sequence nearest {@code z} (least squares), in place. */
    static void isotonic(double[] z) {
        int n = z.length;
        double[] value = new double[n];
        int[] count = new int[n];
        int blocks = 0;
        for (double v : z) {
            value[blocks] = v;
            count[blocks] = 1;
            blocks++;
            while (blocks > 1 && value[blocks - 2] > value[blocks - 1]) {
                int c = count[blocks - 2] + count[blocks - 1];
                value[blocks - 2] = (value[blocks - 2] * count[blocks - 2] + value[blocks - 1] * count[blocks - 1]) / c;
                count[blocks - 2] = c;
                blocks--;
            }
        }
        int i = 0;
        for (int b = 0; b < blocks; b++) {
            for (int k = 0; k < count[b]; k++) {
                z[i++] = value[b];
            }
        }
    }

    /** A column's elements split by band (a column is sorted by band). */
    private static List<List<Elem>> runs(List<Elem> layer) {
        List<List<Elem>> runs = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= layer.size(); i++) {
            if (i == layer.size() || layer.get(i).band != layer.get(start).band) {
                if (i > start) {
                    runs.add(layer.subList(start, i));
                }
                start = i;
            }
        }
        return runs;
    }
}
