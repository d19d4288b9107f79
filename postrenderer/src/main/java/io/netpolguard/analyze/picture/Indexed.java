package io.netpolguard.analyze.picture;

import io.netpolguard.analyze.Diagram;
import io.netpolguard.analyze.Diagram.Edge;
import io.netpolguard.analyze.Diagram.Group;
import io.netpolguard.analyze.Diagram.Node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The first stage of the {@link Layout}. Takes a {@link Diagram}; checks its ids and gives it with its lists in a
 * fixed order and every id replaced by an index.
 *
 * @param graph the graph with groups, nodes and edges sorted by id (edges by ends and label)
 * @param groupOf each node's group (an index in the graph's groups), or -1: outside any group
 * @param from each edge's source (an index in the graph's nodes)
 * @param to each edge's target
 */
record Indexed(Diagram graph, int[] groupOf, int[] from, int[] to) {

    static Indexed of(Diagram input) {
        Diagram g = canonical(input);
        List<Group> groupList = g.groups();
        List<Node> nodeList = g.nodes();
        List<Edge> edgeList = g.edges();
        int n = nodeList.size();
        int m = edgeList.size();

        Map<String, Integer> groupIndex = new HashMap<>();
        for (int i = 0; i < groupList.size(); i++) {
            if (groupIndex.put(groupList.get(i).id(), i) != null) {
                throw new IllegalArgumentException("two groups have the id " + groupList.get(i).id());
            }
        }
        Map<String, Integer> nodeIndex = new HashMap<>();
        int[] groupOf = new int[n];
        for (int i = 0; i < n; i++) {
            Node node = nodeList.get(i);
            if (nodeIndex.put(node.id(), i) != null) {
                throw new IllegalArgumentException("two nodes have the id " + node.id());
            }
            if (node.groupId() == null) {
                groupOf[i] = -1;
            } else {
                Integer gi = groupIndex.get(node.groupId());
                if (gi == null) {
                    throw new IllegalArgumentException("node " + node.id() + " is in an unknown group " + node.groupId());
                }
                groupOf[i] = gi;
            }
        }
        int[] from = new int[m];
        int[] to = new int[m];
        for (int e = 0; e < m; e++) {
            Edge edge = edgeList.get(e);
            Integer f = nodeIndex.get(edge.from());
            Integer t = nodeIndex.get(edge.to());
            if (f == null || t == null) {
                throw new IllegalArgumentException("edge " + edge.from() + " -> " + edge.to() + " names an unknown node "
                        + (f == null ? edge.from() : edge.to()));
            }
            from[e] = f;
            to[e] = t;
        }
        return new Indexed(g, groupOf, from, to);
    }

    /** The graph with its lists in a fixed order: groups, nodes and edges sorted by id (edges by ends and label). */
    private static Diagram canonical(Diagram g) {
        List<Group> groups = new ArrayList<>(g.groups());
        groups.sort(Comparator.comparing(Group::id).thenComparing(Group::label)
                .thenComparing(Group::highlighted));
        List<Node> nodes = new ArrayList<>(g.nodes());
        nodes.sort(Comparator.comparing(Node::id));
        List<Edge> edges = new ArrayList<>(g.edges());
        edges.sort(Comparator.comparing(Edge::from).thenComparing(Edge::to).thenComparing(Edge::label)
                .thenComparing(Edge::exposure));
        return new Diagram(g.title(), groups, nodes, edges);
    }

    int nodes() {
        return groupOf.length;
    }

    int edges() {
        return from.length;
    }
}
