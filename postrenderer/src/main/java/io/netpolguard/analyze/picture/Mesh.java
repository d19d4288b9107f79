package io.netpolguard.analyze.picture;

import io.netpolguard.analyze.Diagram;
import io.netpolguard.analyze.Diagram.Edge;
import io.netpolguard.analyze.Diagram.Node;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A group whose workloads, three or more, may each reach every other on the same connections: what the
 * post-renderer's "pods of the release reach each other" gives. No layered drawing of n(n-1) arrows between n
 * boxes is legible (every order of them is a cycle), so the {@link Layout} leaves those edges out and the group's
 * header says it once ("5 workloads reach each other: All Connections"). The edges stay in the graph: the SVG
 * still has an element per edge, without a path, and the HTML table a row.
 *
 * @param group the group's index in the graph's groups
 * @param label the connections every one of the edges has
 * @param workloads how many workloads reach each other
 * @param edges the edges it stands for (indexes in the graph's edges), in the graph's order
 */
record Mesh(int group, String label, int workloads, List<Integer> edges) {

    /** The least number of workloads drawn as a mesh: two that reach each other are two arrows, which read well. */
    static final int MIN = 3;

    /**
     * The meshes of the graph, by group: a group is one when all its workloads (at least {@link #MIN}) have, for
     * every ordered pair of different ones, exactly one edge, all with the same non-empty label.
     */
    static List<Mesh> of(Indexed g) {
        List<Node> nodes = g.graph().nodes();
        List<Edge> edges = g.graph().edges();
        int groups = g.graph().groups().size();
        int[] workloads = new int[groups];
        for (int i = 0; i < nodes.size(); i++) {
            if (g.groupOf()[i] >= 0 && nodes.get(i).kind() == Node.Kind.WORKLOAD) {
                workloads[g.groupOf()[i]]++;
            }
        }
        List<List<Integer>> inside = new ArrayList<>();
        for (int gi = 0; gi < groups; gi++) {
            inside.add(new ArrayList<>());
        }
        for (int e = 0; e < edges.size(); e++) {
            int f = g.from()[e];
            int t = g.to()[e];
            int gi = g.groupOf()[f];
            if (f != t && gi >= 0 && gi == g.groupOf()[t] && workloads[gi] >= MIN
                    && nodes.get(f).kind() == Node.Kind.WORKLOAD && nodes.get(t).kind() == Node.Kind.WORKLOAD) {
                inside.get(gi).add(e);
            }
        }
        List<Mesh> meshes = new ArrayList<>();
        for (int gi = 0; gi < groups; gi++) {
            int n = workloads[gi];
            List<Integer> es = inside.get(gi);
            if (n < MIN || es.size() != n * (n - 1)) {
                continue;
            }
            String label = edges.get(es.get(0)).label();
            Map<Long, Integer> pairs = new HashMap<>();
            boolean complete = !label.isBlank();
            for (int e : es) {
                complete &= edges.get(e).label().equals(label)
                        && pairs.put((long) g.from()[e] << 32 | g.to()[e], e) == null;
            }
            if (complete) {
                meshes.add(new Mesh(gi, label, n, List.copyOf(es)));
            }
        }
        return meshes;
    }

    /** The graph without the edges of the meshes. */
    static Diagram without(Diagram graph, List<Mesh> meshes) {
        boolean[] drop = new boolean[graph.edges().size()];
        for (Mesh m : meshes) {
            for (int e : m.edges()) {
                drop[e] = true;
            }
        }
        List<Edge> kept = new ArrayList<>();
        for (int e = 0; e < drop.length; e++) {
            if (!drop[e]) {
                kept.add(graph.edges().get(e));
            }
        }
        return new Diagram(graph.title(), graph.groups(), graph.nodes(), kept);
    }

    /** What the group's header says. */
    String text() {
        return workloads + " workloads reach each other: " + Text.shorten(label, Layout.LABEL_CHARS);
    }
}
