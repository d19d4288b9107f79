package io.netpolguard.analyze.picture;

import io.netpolguard.analyze.Diagram;
import io.netpolguard.analyze.Diagram.Edge;
import io.netpolguard.analyze.Diagram.Group;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Diagram.Mesh} of the graph, by index: what the post-renderer's "pods of the release reach each other"
 * gives. No layered drawing of n(n-1) arrows between n boxes is legible (every order of them is a cycle), so the
 * {@link Layout} leaves those edges out and the group's header says it once ("5 workloads reach each other: All
 * Connections"). The edges stay in the graph: the SVG still has an element per edge, without a path, and the HTML
 * table a row.
 *
 * @param group the group's index in the graph's groups
 * @param label the connections every one of the edges has
 * @param workloads how many workloads reach each other
 * @param edges the edges it stands for (indexes in the graph's edges), in the graph's order
 */
record Mesh(int group, String label, int workloads, List<Integer> edges) {

    /** The meshes of the graph ({@link Diagram#meshes()}), by group, with indexes for ids. */
    static List<Mesh> of(Indexed g) {
        List<Diagram.Mesh> found = g.graph().meshes();
        if (found.isEmpty()) {
            return List.of();
        }
        List<Group> groups = g.graph().groups();
        Map<Edge, Integer> edgeIndex = new IdentityHashMap<>();
        for (int e = 0; e < g.graph().edges().size(); e++) {
            edgeIndex.put(g.graph().edges().get(e), e);
        }
        List<Mesh> meshes = new ArrayList<>();
        for (Diagram.Mesh m : found) {
            List<Integer> es = new ArrayList<>(m.edges().size());
            for (Edge e : m.edges()) {
                es.add(edgeIndex.get(e));
            }
            meshes.add(new Mesh(groups.indexOf(m.group()), m.label(), m.workloads(), List.copyOf(es)));
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
        return Diagram.Mesh.text(workloads, Text.shorten(label, Layout.LABEL_CHARS));
    }
}
