package io.netpolguard.analyze.picture;

import java.util.List;
import java.util.Objects;

/**
 * A connectivity graph to draw: who may talk to whom.
 *
 * <p>The picture depends only on the contents, not on the order of the lists: {@link Svg} and {@link Html}
 * sort groups, nodes and edges by their ids before laying them out, so that the same graph always gives
 * the same bytes. Ids must be unique; every {@link Node#groupId()} and every edge end must name an
 * existing group or node ({@link IllegalArgumentException} otherwise).
 *
 * @param title shown above the picture; may be empty
 * @param groups the namespaces drawn as labelled boxes
 * @param nodes the workloads and peers
 * @param edges the allowed connections, directed
 */
public record Graph(String title, List<Group> groups, List<Node> nodes, List<Edge> edges) {

    public Graph {
        title = title == null ? "" : title;
        groups = List.copyOf(Objects.requireNonNull(groups, "groups"));
        nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
        edges = List.copyOf(Objects.requireNonNull(edges, "edges"));
    }
}
