package io.netpolguard.analyze.picture;

import io.netpolguard.analyze.Diagram;
import io.netpolguard.analyze.Diagram.Edge;
import io.netpolguard.analyze.Diagram.Group;
import io.netpolguard.analyze.Diagram.Node;

import java.util.ArrayList;
import java.util.List;

/**
 * A layered (Sugiyama-style) drawing of a {@link Diagram}, left to right, with the groups as horizontal bands.
 * {@link #of} runs its stages in turn, each in its own class:
 *
 * <ol>
 *   <li>{@link Indexed}: the graph in a fixed order, its ids checked and replaced by indexes.</li>
 *   <li>{@link Mesh}: the edges of a group whose workloads all reach each other on the same connections are left
 *       out of the later stages; a note in the group's header stands for them.</li>
 *   <li>{@link Ranks}: cycles are broken by turning round the edges that go backwards in a greedy
 *       feedback-arc-set order (Eades, Lin and Smyth); such an edge is still drawn with its arrow at its real
 *       target. Ranks by longest path, sources pulled next to their first successor.</li>
 *   <li>{@link Bands}: each group is a band, and the bands are stacked in the order that keeps connected groups
 *       near each other (exact for up to 7 bands). Nodes outside any group form one band without a box per
 *       rank.</li>
 *   <li>{@link Columns}: node ranks become the even columns; every edge gets a label element in an odd column
 *       between its ends (so that labels are laid out like nodes and never lie on a node or on another label),
 *       and a pass-through element in every other column it crosses (so that long edges run between nodes, not
 *       through them). Edges with the same label into the same node (or out of the same node) share one label
 *       beside that node and run as one line from it: twelve workloads that may ask kube-dns on UDP 53 make one
 *       arrow and one label there.</li>
 *   <li>{@link Ordering}: order within the columns by barycentre sweeps, a band's elements kept together in
 *       every column, keeping the order with the fewest crossings.</li>
 *   <li>{@link Placement}: a group's box spans its band's height and its nodes' columns, so boxes never overlap
 *       and always contain their nodes. Bands that share no column may stand side by side. Vertical positions by
 *       repeated isotonic regression ({@link Isotonic}): each element goes as near as the order and spacing allow
 *       to the mean height of its neighbours, inside its band; then each band moves up or down, as far as the
 *       bands above and below it allow, towards the nodes it is connected to.</li>
 *   <li>{@link Routing}: edges leave a node's right side and enter the next one's left side at spread ports, as
 *       cubic curves with horizontal tangents between columns and straight lines through them.</li>
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
    /** A mesh's note: its height, and the room between it and the group's label. */
    static final double MESH_H = 16;
    static final double MESH_GAP = 10;
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

    /** A mesh and the box of its note in its group's header. */
    record PlacedMesh(Mesh mesh, Box box) {
    }

    /** The graph in a fixed order, with every edge (those of the meshes too). */
    final Diagram graph;
    final List<PlacedGroup> groups;
    final List<PlacedNode> nodes;
    final List<PlacedEdge> edges;
    final List<PlacedLabel> labels;
    /** The meshes, by group; their edges are not in {@link #edges}. */
    final List<PlacedMesh> meshes;
    /** The right and bottom end of the drawing (without the legend). */
    final double right;
    final double bottom;

    private Layout(Diagram graph, List<PlacedGroup> groups, List<PlacedNode> nodes, List<PlacedEdge> edges,
                   List<PlacedLabel> labels, List<PlacedMesh> meshes, double right, double bottom) {
        this.graph = graph;
        this.groups = groups;
        this.nodes = nodes;
        this.edges = edges;
        this.labels = labels;
        this.meshes = meshes;
        this.right = right;
        this.bottom = bottom;
    }

    static Layout of(Diagram input) {
        Indexed all = Indexed.of(input);
        List<Mesh> meshes = Mesh.of(all);
        Indexed g = meshes.isEmpty() ? all : Indexed.of(Mesh.without(all.graph(), meshes));
        Ranks ranks = Ranks.of(g);
        Bands bands = Bands.of(g, ranks);
        Columns columns = new Columns(g, ranks, bands);
        Ordering.order(columns.layers);
        double[] notes = new double[g.graph().groups().size()];
        for (Mesh m : meshes) {
            notes[m.group()] = MESH_GAP + noteWidth(m);
        }
        Placement placement = Placement.of(g, bands, columns, notes);
        Routing routing = Routing.of(g.graph(), columns);
        List<PlacedMesh> placedMeshes = new ArrayList<>(meshes.size());
        for (Mesh m : meshes) {
            Box group = placement.groups().get(m.group()).box();
            // Right of the label, which ends 10 px before the header width.
            double x = group.x() + Placement.headerWidth(g.graph().groups().get(m.group())) - 10 + MESH_GAP;
            placedMeshes.add(new PlacedMesh(m, new Box(x, group.y() + 4, noteWidth(m), MESH_H)));
        }
        return new Layout(all.graph(), placement.groups(), placement.nodes(), routing.edges(), routing.labels(),
                placedMeshes, placement.right(), placement.bottom());
    }

    private static double noteWidth(Mesh m) {
        return Math.ceil(Text.width(m.text(), LABEL_FONT, false) + 2 * PILL_PAD_X);
    }
}
