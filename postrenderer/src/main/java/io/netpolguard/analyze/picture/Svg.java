package io.netpolguard.analyze.picture;

import io.netpolguard.analyze.Diagram;
import io.netpolguard.analyze.Diagram.Edge;
import io.netpolguard.analyze.Diagram.Group;
import io.netpolguard.analyze.Diagram.Node;
import io.netpolguard.analyze.picture.Layout.Box;
import io.netpolguard.analyze.picture.Layout.PlacedEdge;
import io.netpolguard.analyze.picture.Layout.PlacedGroup;
import io.netpolguard.analyze.picture.Layout.PlacedNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.netpolguard.analyze.picture.Text.num;
import static io.netpolguard.analyze.picture.Text.xml;

/**
 * A standalone SVG 1.1 drawing of a {@link Diagram}: namespaces as labelled boxes, the release in blue, the
 * ingress controller as a green hexagon, external IP ranges as orange rounded shapes, other cluster peers
 * dashed purple, directed edges with their protocol and port labels, and a {@link Legend}.
 *
 * <p>The picture depends only on the contents of the diagram, not on the order of its lists: groups, nodes and
 * edges are sorted by their ids before they are laid out, so the same graph gives the same bytes on every run and
 * machine. Ids must be unique; every {@link Node#groupId()} and every edge end must name an existing group or node
 * ({@link IllegalArgumentException} otherwise). All text is escaped. Elements carry a
 * {@code class} (group, node, edge, edge-label) and, in the namespace {@value #NS}, the ids they stand for
 * ({@code npg:id} of a group or node, {@code npg:from} and {@code npg:to} of an edge), a node's bounding box
 * ({@code npg:box}: x y width height), an edge's label ({@code npg:label}: the label element's id) and the
 * edges that share a label ({@code npg:edges}: their element ids). Edges with the same label into the same
 * node (or out of it) share one label element; each edge still has its own element and whole path.
 */
public final class Svg {

    /** The namespace of the picture's own attributes. */
    public static final String NS = "urn:netpol-guard:picture";

    private static final String TEXT = "#1f2933";
    static final String SLATE = "#5f6f84";
    private static final String ORANGE = "#c26512";
    private static final String GREEN = "#2f8f46";
    private static final String BLUE = "#2f6fd6";

    private Svg() {
    }

    /** The drawing as an SVG 1.1 document (UTF-8, with an XML declaration). */
    public static String render(Diagram g) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element(Layout.of(g));
    }

    /** The {@code <svg>} element alone, for embedding. */
    static String element(Layout layout) {
        Legend legend = Legend.of(layout);
        double width = Math.max(layout.right, Math.max(legend.width, titleWidth(layout))) + Layout.MARGIN;
        double legendTop = layout.bottom + (layout.nodes.isEmpty() ? 0 : 22);
        double height = legendTop + legend.height + Layout.MARGIN;
        width = Math.ceil(width);
        height = Math.ceil(height);

        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:npg=\"").append(NS)
                .append("\" version=\"1.1\" width=\"").append(num(width)).append("\" height=\"").append(num(height))
                .append("\" viewBox=\"0 0 ").append(num(width)).append(' ').append(num(height))
                .append("\" font-family=\"").append(Text.FONT_FAMILY).append("\">\n");
        String title = layout.graph.title();
        b.append("<title>").append(xml(title.isBlank() ? "Connectivity" : title)).append("</title>\n");
        defs(b);
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        if (!title.isBlank()) {
            b.append("<text class=\"title\" x=\"").append(num(Layout.MARGIN)).append("\" y=\"")
                    .append(num(Layout.MARGIN + Layout.TITLE_SIZE)).append("\" font-size=\"")
                    .append(num(Layout.TITLE_SIZE)).append("\" font-weight=\"bold\" fill=\"").append(TEXT).append("\">")
                    .append(xml(Text.shorten(title, 120))).append("</text>\n");
        }

        b.append("<g class=\"groups\">\n");
        for (int i = 0; i < layout.groups.size(); i++) {
            group(b, i, layout.groups.get(i));
        }
        b.append("</g>\n");

        Map<String, Integer> nodeNumber = new HashMap<>();
        Map<String, Node> nodeById = new HashMap<>();
        for (int i = 0; i < layout.nodes.size(); i++) {
            Node node = layout.nodes.get(i).node();
            nodeNumber.put(node.id(), i);
            nodeById.put(node.id(), node);
        }
        b.append("<g class=\"edges\" fill=\"none\" stroke-width=\"1.3\">\n");
        for (int i = 0; i < layout.edges.size(); i++) {
            PlacedEdge e = layout.edges.get(i);
            String colour = colour(nodeById.get(e.edge().from()), nodeById.get(e.edge().to()));
            edge(b, i, e, colour, nodeById);
        }
        List<List<Integer>> meshEdges = new ArrayList<>();
        int number = layout.edges.size();
        for (int k = 0; k < layout.meshes.size(); k++) {
            List<Integer> numbers = new ArrayList<>();
            for (int e : layout.meshes.get(k).mesh().edges()) {
                meshEdge(b, number, k, layout.graph.edges().get(e), nodeById);
                numbers.add(number++);
            }
            meshEdges.add(numbers);
        }
        b.append("</g>\n");

        b.append("<g class=\"nodes\" font-size=\"").append(num(Layout.NODE_FONT)).append("\" text-anchor=\"middle\">\n");
        for (int i = 0; i < layout.nodes.size(); i++) {
            node(b, i, layout.nodes.get(i));
        }
        b.append("</g>\n");

        b.append("<g class=\"edge-labels\" font-size=\"").append(num(Layout.LABEL_FONT))
                .append("\" text-anchor=\"middle\">\n");
        for (int i = 0; i < layout.labels.size(); i++) {
            Layout.PlacedLabel label = layout.labels.get(i);
            Edge first = layout.edges.get(label.edges().get(0)).edge();
            edgeLabel(b, i, label, colour(nodeById.get(first.from()), nodeById.get(first.to())));
        }
        b.append("</g>\n");

        if (!layout.meshes.isEmpty()) {
            b.append("<g class=\"meshes\" font-size=\"").append(num(Layout.LABEL_FONT)).append("\" text-anchor=\"middle\">\n");
            for (int k = 0; k < layout.meshes.size(); k++) {
                mesh(b, k, layout.meshes.get(k), layout.graph.groups().get(layout.meshes.get(k).mesh().group()),
                        meshEdges.get(k));
            }
            b.append("</g>\n");
        }

        legend.write(b, Layout.MARGIN, legendTop);
        b.append("</svg>\n");
        return b.toString();
    }

    private static double titleWidth(Layout layout) {
        String t = layout.graph.title();
        return t.isBlank() ? 0 : Layout.MARGIN + Text.width(Text.shorten(t, 120), Layout.TITLE_SIZE, true);
    }

    private static void defs(StringBuilder b) {
        b.append("<defs>\n");
        for (String[] m : new String[][] {{"slate", SLATE}, {"orange", ORANGE}, {"green", GREEN}}) {
            b.append("<marker id=\"arrow-").append(m[0]).append("\" viewBox=\"0 0 10 8\" refX=\"9.5\" refY=\"4\"")
                    .append(" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"7.2\" orient=\"auto\">")
                    .append("<path d=\"M0,0 L10,4 L0,8 z\" fill=\"").append(m[1]).append("\"/></marker>\n");
        }
        b.append("</defs>\n");
    }

    /** Edges to or from outside the cluster are orange, those of the ingress controller green, others slate. */
    private static String colour(Node from, Node to) {
        if (from.kind() == Node.Kind.EXTERNAL || to.kind() == Node.Kind.EXTERNAL) {
            return ORANGE;
        }
        if (from.kind() == Node.Kind.INGRESS_CONTROLLER || to.kind() == Node.Kind.INGRESS_CONTROLLER) {
            return GREEN;
        }
        return SLATE;
    }

    private static String marker(String colour) {
        return colour.equals(ORANGE) ? "orange" : colour.equals(GREEN) ? "green" : "slate";
    }

    private static void group(StringBuilder b, int i, PlacedGroup pg) {
        Group g = pg.group();
        Box box = pg.box();
        b.append("<g class=\"group").append(g.highlighted() ? " release" : "").append("\" id=\"g").append(i)
                .append("\" npg:id=\"").append(xml(g.id())).append("\">");
        b.append("<title>").append(xml((g.highlighted() ? "namespace of the release: " : "namespace: ") + g.label()))
                .append("</title>");
        rect(b, box, 10, groupPaint(g.highlighted()));
        b.append("<text x=\"").append(num(box.x() + 10)).append("\" y=\"").append(num(box.y() + 17))
                .append("\" font-size=\"").append(num(Layout.GROUP_FONT)).append("\" font-weight=\"bold\" fill=\"")
                .append(g.highlighted() ? "#1c4f9c" : "#52606d").append("\">")
                .append(xml(Text.shorten(g.label(), Layout.NODE_CHARS))).append("</text></g>\n");
    }

    private static void node(StringBuilder b, int i, PlacedNode pn) {
        Node n = pn.node();
        Box box = pn.box();
        String kind = switch (n.kind()) {
            case WORKLOAD -> "workload";
            case EXTERNAL -> "external";
            case INGRESS_CONTROLLER -> "ingress-controller";
            case CLUSTER_PEER -> "cluster-peer";
        };
        b.append("<g class=\"node ").append(kind).append(n.highlighted() ? " release" : "").append("\" id=\"n").append(i)
                .append("\" npg:id=\"").append(xml(n.id())).append("\" npg:box=\"").append(num(box.x())).append(' ')
                .append(num(box.y())).append(' ').append(num(box.w())).append(' ').append(num(box.h())).append("\">");
        b.append("<title>").append(xml(n.label())).append("</title>");
        shape(b, n.kind(), box, nodePaint(n.kind(), n.highlighted()));
        String textColour = switch (n.kind()) {
            case EXTERNAL -> "#6b3a06";
            case INGRESS_CONTROLLER -> "#174d25";
            case CLUSTER_PEER -> "#3d2a6e";
            case WORKLOAD -> n.highlighted() ? "#0f2f66" : TEXT;
        };
        b.append("<text x=\"").append(num(box.x() + box.w() / 2)).append("\" y=\"").append(num(box.cy() + 4.2))
                .append("\" fill=\"").append(textColour).append('"')
                .append(n.highlighted() ? " font-weight=\"bold\"" : "").append('>')
                .append(xml(pn.text())).append("</text></g>\n");
    }

    /**
     * How a node of this kind is painted, its sample in the legend too: the fill, the stroke (thicker when
     * highlighted) and, for a cluster peer, its dashes.
     */
    static String nodePaint(Node.Kind kind, boolean highlighted) {
        String fill;
        String stroke;
        switch (kind) {
            case EXTERNAL -> {
                fill = "#fff0de";
                stroke = ORANGE;
            }
            case INGRESS_CONTROLLER -> {
                fill = "#e2f4e6";
                stroke = GREEN;
            }
            case CLUSTER_PEER -> {
                fill = "#f1ecfb";
                stroke = "#7d5bc2";
            }
            default -> {
                fill = highlighted ? "#d9e8fd" : "#ffffff";
                stroke = highlighted ? BLUE : "#8492a6";
            }
        }
        return " fill=\"" + fill + "\" stroke=\"" + stroke + "\" stroke-width=\"" + (highlighted ? "2" : "1.2") + "\""
                + (kind == Node.Kind.CLUSTER_PEER ? " stroke-dasharray=\"5 3\"" : "");
    }

    /** How a group's box is painted, its sample in the legend too: blue for a namespace of the release. */
    static String groupPaint(boolean highlighted) {
        return highlighted ? " fill=\"#edf4fe\" stroke=\"" + BLUE + "\" stroke-width=\"2\""
                : " fill=\"#f4f6f8\" stroke=\"#c5ccd6\" stroke-width=\"1\"";
    }

    /** A node's outline in {@code box}: hexagon, rounded stadium or rounded rectangle. */
    static void shape(StringBuilder b, Node.Kind kind, Box box, String paint) {
        switch (kind) {
            case INGRESS_CONTROLLER -> {
                double i = Math.min(Layout.HEX_INSET, box.w() / 4);
                b.append("<polygon points=\"")
                        .append(num(box.x() + i)).append(',').append(num(box.y())).append(' ')
                        .append(num(box.right() - i)).append(',').append(num(box.y())).append(' ')
                        .append(num(box.right())).append(',').append(num(box.cy())).append(' ')
                        .append(num(box.right() - i)).append(',').append(num(box.bottom())).append(' ')
                        .append(num(box.x() + i)).append(',').append(num(box.bottom())).append(' ')
                        .append(num(box.x())).append(',').append(num(box.cy()))
                        .append('"').append(paint).append("/>");
            }
            case EXTERNAL -> rect(b, box, Math.min(box.h() / 2, Layout.NODE_H / 2), paint);
            default -> rect(b, box, 6, paint);
        }
    }

    static void rect(StringBuilder b, Box box, double r, String paint) {
        b.append("<rect x=\"").append(num(box.x())).append("\" y=\"").append(num(box.y())).append("\" width=\"")
                .append(num(box.w())).append("\" height=\"").append(num(box.h())).append("\" rx=\"").append(num(r))
                .append('"').append(paint).append("/>");
    }

    private static void edge(StringBuilder b, int i, PlacedEdge e, String colour, Map<String, Node> nodes) {
        Edge edge = e.edge();
        b.append("<g class=\"edge\" id=\"e").append(i).append("\" npg:from=\"").append(xml(edge.from()))
                .append("\" npg:to=\"").append(xml(edge.to())).append('"');
        if (e.label() >= 0) {
            b.append(" npg:label=\"l").append(e.label()).append('"');
        }
        b.append('>');
        b.append("<title>").append(xml(tip(edge, nodes))).append("</title>");
        b.append("<path d=\"").append(path(e.points(), e.curve())).append("\" stroke=\"").append(colour)
                .append("\" marker-end=\"url(#arrow-").append(marker(colour)).append(")\"/></g>\n");
    }

    /**
     * An edge of a mesh: its element, ids and title like any edge's, but no path (its mesh's note says it), and
     * {@code npg:mesh}, the note's element id.
     */
    private static void meshEdge(StringBuilder b, int i, int mesh, Edge edge, Map<String, Node> nodes) {
        b.append("<g class=\"edge mesh\" id=\"e").append(i).append("\" npg:from=\"").append(xml(edge.from()))
                .append("\" npg:to=\"").append(xml(edge.to())).append("\" npg:mesh=\"m").append(mesh).append("\">");
        b.append("<title>").append(xml(tip(edge, nodes))).append("</title></g>\n");
    }

    /** An edge's title: "from → to: label" with the nodes' labels (no ": label" for a blank one). */
    private static String tip(Edge edge, Map<String, Node> nodes) {
        return nodes.get(edge.from()).label() + " \u2192 " + nodes.get(edge.to()).label()
                + (edge.label().isBlank() ? "" : ": " + edge.label());
    }

    /** The element ids "e3 e4 e9" of these edges, as {@code npg:edges} lists them. */
    private static void edgeIds(StringBuilder b, List<Integer> edges) {
        for (int k = 0; k < edges.size(); k++) {
            b.append(k == 0 ? "e" : " e").append(edges.get(k));
        }
    }

    /** A mesh's note in its group's header, a pill like an edge label; {@code npg:edges} are its edges' ids. */
    private static void mesh(StringBuilder b, int k, Layout.PlacedMesh pm, Group group, List<Integer> edges) {
        Box box = pm.box();
        b.append("<g class=\"mesh\" id=\"m").append(k).append("\" npg:group=\"").append(xml(group.id()))
                .append("\" npg:edges=\"");
        edgeIds(b, edges);
        b.append("\">");
        b.append("<title>").append(xml("the " + pm.mesh().workloads() + " workloads of " + group.label()
                + " may each reach every other: " + pm.mesh().label())).append("</title>");
        b.append("<rect x=\"").append(num(box.x())).append("\" y=\"").append(num(box.y())).append("\" width=\"")
                .append(num(box.w())).append("\" height=\"").append(num(box.h())).append("\" rx=\"")
                .append(num(box.h() / 2)).append("\" fill=\"#ffffff\" stroke=\"").append(SLATE)
                .append("\" stroke-width=\"0.9\"/>");
        b.append("<text x=\"").append(num(box.x() + box.w() / 2)).append("\" y=\"").append(num(box.y() + 11.8))
                .append("\" fill=\"#243b53\">").append(xml(pm.mesh().text())).append("</text></g>\n");
    }

    /** SVG path data: M, then C (cubic, horizontal tangents at both ends) or L per piece. */
    static String path(double[][] p, boolean[] curve) {
        StringBuilder d = new StringBuilder(32 * p.length);
        d.append('M').append(num(p[0][0])).append(',').append(num(p[0][1]));
        for (int i = 1; i < p.length; i++) {
            double[] a = p[i - 1];
            double[] q = p[i];
            if (curve[i - 1]) {
                double dx = (q[0] - a[0]) / 2;
                d.append(" C").append(num(a[0] + dx)).append(',').append(num(a[1])).append(' ')
                        .append(num(q[0] - dx)).append(',').append(num(q[1])).append(' ')
                        .append(num(q[0])).append(',').append(num(q[1]));
            } else {
                d.append(" L").append(num(q[0])).append(',').append(num(q[1]));
            }
        }
        return d.toString();
    }

    private static void edgeLabel(StringBuilder b, int i, Layout.PlacedLabel label, String colour) {
        Box box = label.box();
        b.append("<g class=\"edge-label\" id=\"l").append(i).append("\" npg:edges=\"");
        edgeIds(b, label.edges());
        b.append("\">");
        b.append("<rect x=\"").append(num(box.x())).append("\" y=\"").append(num(box.y())).append("\" width=\"")
                .append(num(box.w())).append("\" height=\"").append(num(box.h())).append("\" rx=\"")
                .append(num(Math.min(8, box.h() / 2))).append("\" fill=\"#ffffff\" stroke=\"").append(colour)
                .append("\" stroke-width=\"0.9\"/>");
        List<String> lines = label.lines();
        b.append("<text fill=\"#243b53\">");
        double cx = box.x() + box.w() / 2;
        for (int k = 0; k < lines.size(); k++) {
            double baseline = box.y() + 2.5 + Layout.LABEL_LINE * k + 10;
            b.append("<tspan x=\"").append(num(cx)).append("\" y=\"").append(num(baseline)).append("\">")
                    .append(xml(lines.get(k))).append("</tspan>");
        }
        b.append("</text></g>\n");
    }
}
