package io.netpolguard.analyze.picture;

import io.netpolguard.analyze.Diagram;
import io.netpolguard.analyze.Diagram.Edge;
import io.netpolguard.analyze.Diagram.Node;
import io.netpolguard.analyze.picture.Layout.Box;
import io.netpolguard.analyze.picture.Layout.PlacedEdge;
import io.netpolguard.analyze.picture.Layout.PlacedLabel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.netpolguard.analyze.picture.Layout.HEX_INSET;
import static io.netpolguard.analyze.picture.Layout.LOOP_BULGE;
import static io.netpolguard.analyze.picture.Layout.NODE_H;
import static io.netpolguard.analyze.picture.Layout.PORT_GAP;

/**
 * Ports and paths. Takes the graph and its placed {@link Columns}; gives each edge's path and the labels to draw
 * (not the blank ones), each with the edges that share it. Edges leave a node's right side and enter the next
 * one's left side at spread ports, as cubic curves with horizontal tangents between columns and straight lines
 * through labels and pass-throughs; a turned-round edge's path is turned back, so that its arrow is at its real
 * target. A loop leaves its node over the top of its label and comes back under it.
 *
 * @param edges each edge's path, in the graph's order
 * @param labels the drawn labels, in the order they were made
 */
record Routing(List<PlacedEdge> edges, List<PlacedLabel> labels) {

    /**
     * A node's ports: where the segment to each right neighbour leaves (and, for a loop, comes back), and where
     * the segment from each left neighbour enters.
     */
    private record Ports(Map<Elem, double[]> out, Map<Elem, Double> in) {
    }

    /** A path being drawn: its points and, for each piece between two of them, whether it is a curve. */
    private static final class Path {
        final List<double[]> points = new ArrayList<>();
        final List<Boolean> curve = new ArrayList<>();

        Path(double x, double y) {
            points.add(new double[] {x, y});
        }

        void to(double x, double y, boolean curved) {
            points.add(new double[] {x, y});
            curve.add(curved);
        }
    }

    static Routing of(Diagram g, Columns columns) {
        List<Node> nodes = g.nodes();
        List<Edge> edges = g.edges();
        Ports[] ports = new Ports[columns.nodes.length];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = ports(columns.nodes[i]);
        }
        Map<Elem, Integer> labelNumber = new HashMap<>();
        List<Elem> drawnLabels = new ArrayList<>();
        for (Elem l : columns.labels) {
            if (!l.lines.isEmpty()) {
                labelNumber.put(l, drawnLabels.size());
                drawnLabels.add(l);
            }
        }
        List<List<Integer>> labelEdges = new ArrayList<>();
        for (int k = 0; k < drawnLabels.size(); k++) {
            labelEdges.add(new ArrayList<>());
        }
        List<PlacedEdge> placedEdges = new ArrayList<>(edges.size());
        for (int e = 0; e < edges.size(); e++) {
            Columns.Chain chain = columns.chains.get(e);
            Path path = chain.loop() ? loop(chain.elems(), ports, nodes) : path(chain, ports, nodes);
            boolean[] curve = new boolean[path.curve.size()];
            for (int i = 0; i < curve.length; i++) {
                curve[i] = path.curve.get(i);
            }
            Integer label = labelNumber.get(chain.label());
            if (label != null) {
                labelEdges.get(label).add(e);
            }
            placedEdges.add(new PlacedEdge(edges.get(e), path.points.toArray(new double[0][]), curve,
                    label == null ? -1 : label));
        }
        List<PlacedLabel> placedLabels = new ArrayList<>(drawnLabels.size());
        for (int k = 0; k < drawnLabels.size(); k++) {
            Elem l = drawnLabels.get(k);
            placedLabels.add(new PlacedLabel(new Box(l.x, l.y, l.w, l.h), l.lines, List.copyOf(labelEdges.get(k))));
        }
        return new Routing(placedEdges, placedLabels);
    }

    /** An edge between two nodes: through its elements, then turned back if the edge was turned round. */
    private static Path path(Columns.Chain chain, Ports[] ports, List<Node> nodes) {
        Elem[] elems = chain.elems();
        Elem a = elems[0];
        double out = ports[a.node].out().get(elems[1])[0];
        Path path = new Path(outline(nodes.get(a.node), a, out, true), out);
        for (int i = 1; i < elems.length - 1; i++) {
            Elem d = elems[i];
            path.to(d.x, d.cy(), true);
            if (d.w > 0) {
                path.to(d.x + d.w, d.cy(), false);
            }
        }
        Elem b = elems[elems.length - 1];
        double in = ports[b.node].in().get(elems[elems.length - 2]);
        path.to(outline(nodes.get(b.node), b, in, false), in, true);
        if (chain.reversed()) {
            Collections.reverse(path.points);
            Collections.reverse(path.curve);
        }
        return path;
    }

    /** A loop: out over the top, to the label, back under the bottom. */
    private static Path loop(Elem[] elems, Ports[] ports, List<Node> nodes) {
        Elem a = elems[0];
        Elem label = elems[1];
        Node node = nodes.get(a.node);
        double[] port = ports[a.node].out().get(label);
        Path path = new Path(outline(node, a, port[0], true), port[0]);
        double r = a.x + a.w;
        double mid = r + (label.x - r) / 2;
        path.to(mid, Math.min(port[0], label.cy()) - LOOP_BULGE, true);
        path.to(label.x, label.cy(), true);
        path.to(mid, Math.max(port[1], label.cy()) + LOOP_BULGE, true);
        path.to(outline(node, a, port[1], true), port[1], true);
        return path;
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
    private static Ports ports(Elem el) {
        Comparator<Elem> byHeight = Comparator.comparingDouble(Elem::cy).thenComparingInt(o -> o.serial);
        List<Elem> outs = new ArrayList<>(el.out);
        outs.sort(byHeight);
        int count = 0;
        for (Elem o : outs) {
            count += o.loop ? 2 : 1;
        }
        Map<Elem, double[]> out = new HashMap<>();
        int i = 0;
        for (Elem o : outs) {
            double port = portY(el, i++, count);
            out.put(o, new double[] {port, o.loop ? portY(el, i++, count) : port});
        }
        List<Elem> ins = new ArrayList<>(el.in);
        ins.sort(byHeight);
        Map<Elem, Double> in = new HashMap<>();
        for (int k = 0; k < ins.size(); k++) {
            in.put(ins.get(k), portY(el, k, ins.size()));
        }
        return new Ports(out, in);
    }

    private static double portY(Elem el, int i, int count) {
        if (count == 1) {
            return el.cy();
        }
        double span = Math.min(el.h - 12, PORT_GAP * (count - 1));
        return el.cy() - span / 2 + span * i / (count - 1);
    }
}
