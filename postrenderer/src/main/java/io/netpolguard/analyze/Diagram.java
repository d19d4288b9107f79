package io.netpolguard.analyze;

import io.netpolguard.connectivity.Direction;
import io.netpolguard.connectivity.Endpoint;
import io.netpolguard.model.Labels;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An analysis as a graph to draw: workloads grouped by namespace, External ranges, the ingress controller and (with
 * exposure) the peers outside the input, joined by edges labelled with the connections, the release's part
 * highlighted. This is the one model of the graph for every renderer: {@link #dot()} here, the SVG and HTML
 * pictures of {@code io.netpolguard.analyze.picture} ({@code Svg.render(Diagram.of(analysis))}), which depends
 * on this package and not the other way round. Groups, nodes and edges are sorted by id, so the same analysis always
 * gives the same graph.
 *
 * @param title  a title (empty when none; {@link #of} always gives one)
 * @param groups the namespaces, one box each
 * @param nodes  the peers
 * @param edges  the allowed connections, directed
 */
public record Diagram(String title, List<Group> groups, List<Node> nodes, List<Edge> edges) {

    public Diagram {
        title = title == null ? "" : title;
        groups = List.copyOf(Objects.requireNonNull(groups, "groups"));
        nodes = List.copyOf(Objects.requireNonNull(nodes, "nodes"));
        edges = List.copyOf(Objects.requireNonNull(edges, "edges"));
    }

    /**
     * A namespace, or the namespaces a representative peer stands for ("[all namespaces]").
     *
     * @param id          unique among the groups
     * @param label       shown on the box (the id when null)
     * @param highlighted a namespace of the release: it holds a highlighted node
     */
    public record Group(String id, String label, boolean highlighted) {

        public Group {
            Objects.requireNonNull(id, "id");
            label = label == null ? id : label;
        }
    }

    /**
     * @param id          unique among the nodes: the peer's name
     * @param label       shown in the node ("web[Deployment]"; the id when null)
     * @param groupId     its group, or null
     * @param kind        what it is
     * @param highlighted part of the release
     */
    public record Node(String id, String label, String groupId, Kind kind, boolean highlighted) {

        public Node {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(kind, "kind");
            label = label == null ? id : label;
        }

        public enum Kind {
            /** A workload of the input. */
            WORKLOAD,
            /** A range of addresses outside the cluster. */
            EXTERNAL,
            /** The ingress controller. */
            INGRESS_CONTROLLER,
            /** Pods outside the input: the entire cluster, or those a rule selects. */
            CLUSTER_PEER
        }
    }

    /**
     * @param from     the id of the node that opens the connection
     * @param to       the id of the node that accepts it
     * @param label    the connections, e.g. "TCP 8080,UDP 53" (empty when null)
     * @param exposure true for an exposure to a peer outside the input
     */
    public record Edge(String from, String to, String label, boolean exposure) {

        public Edge {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            label = label == null ? "" : label;
        }
    }

    /** The label of np-guard's "entire-cluster". */
    static final String ANY_POD_OF_ANY_NAMESPACE = "any pod of any namespace";

    /**
     * The graph of an analysis: every connection, and with exposure, the exposures to peers outside the input.
     *
     * <p>The release's part is highlighted: with {@link Options#release()}, the workloads whose pods carry
     * {@code netpol-guard.io/release} or {@code app.kubernetes.io/instance} with the release name; without it,
     * every workload of the input (the input is the release). A group is highlighted when it holds a highlighted
     * node. Peers outside the input keep np-guard's names as ids, but are labelled for people: "entire-cluster" is
     * "any pod of any namespace", a representative's "[all namespaces]" group "any namespace", its "[all pods]"
     * "any pod". The title is "Release NAME in namespace NS" (the namespaces of its workloads) when the release is
     * known, else "Connectivity", with " in namespace NS" when all workloads share one.
     */
    public static Diagram of(Analysis analysis) {
        String release = analysis.options().release();
        Map<String, Group> groups = new TreeMap<>();
        Map<String, Node> nodes = new TreeMap<>();
        Map<String, Edge> edges = new LinkedHashMap<>();
        for (Peer p : analysis.peers()) {
            if (p.kind() == Peer.Kind.WORKLOAD) {
                groups.putIfAbsent(p.namespace(), new Group(p.namespace(), p.namespace(), false));
                nodes.put(p.name(), new Node(p.name(), p.workload() + "[" + p.workloadKind() + "]", p.namespace(),
                        Node.Kind.WORKLOAD, release == null || ofRelease(p, release)));
            }
        }
        for (Connection c : analysis.connections()) {
            node(c.source(), nodes);
            node(c.destination(), nodes);
            edges.put(c.source().name() + "\n" + c.destination().name(),
                    new Edge(c.source().name(), c.destination().name(), c.connections().toString(), false));
        }
        Exposure exposure = analysis.exposure();
        if (exposure != null) {
            for (List<Exposure.Line> lines : List.of(exposure.egress(), exposure.ingress())) {
                for (Exposure.Line l : lines) {
                    if (l.other().kind() == Exposure.Other.Kind.EXTERNAL) {
                        continue; // a connection already drawn
                    }
                    String id = l.other().name();
                    String group = null;
                    String label = ANY_POD_OF_ANY_NAMESPACE;
                    if (l.other().kind() == Exposure.Other.Kind.REPRESENTATIVE) {
                        group = l.other().namespacePart();
                        groups.putIfAbsent(group, new Group(group, group.equals("[all namespaces]") ? "any namespace"
                                : group, false));
                        label = l.other().podPart().equals("[all pods]") ? "any pod" : l.other().podPart();
                    }
                    nodes.putIfAbsent(id, new Node(id, label, group, Node.Kind.CLUSTER_PEER, false));
                    boolean out = l.direction() == Direction.EGRESS;
                    String from = out ? l.workload().name() : id;
                    String to = out ? id : l.workload().name();
                    edges.putIfAbsent(from + "\n" + to, new Edge(from, to, l.connections(), true));
                }
            }
        }
        Set<String> releaseNamespaces = new TreeSet<>();
        Set<String> namespaces = new TreeSet<>();
        for (Node n : nodes.values()) {
            if (n.kind() == Node.Kind.WORKLOAD) {
                namespaces.add(n.groupId());
                if (n.highlighted()) {
                    releaseNamespaces.add(n.groupId());
                    groups.computeIfPresent(n.groupId(), (k, g) -> new Group(g.id(), g.label(), true));
                }
            }
        }
        List<Edge> sorted = new ArrayList<>(edges.values());
        sorted.sort(Comparator.comparing(Edge::from).thenComparing(Edge::to));
        String title = release == null ? "Connectivity" + in(namespaces) : "Release " + release + in(releaseNamespaces);
        return new Diagram(title, List.copyOf(groups.values()), List.copyOf(nodes.values()), sorted);
    }

    /** True when one of the peer's pods carries the release's label. */
    private static boolean ofRelease(Peer p, String release) {
        for (Endpoint.Pods pods : p.pods()) {
            if (release.equals(pods.labels().get(Labels.RELEASE)) || release.equals(pods.labels().get(Labels.INSTANCE))) {
                return true;
            }
        }
        return false;
    }

    /** " in namespace NS", " in namespaces A, B", or nothing for none. */
    private static String in(Set<String> namespaces) {
        return switch (namespaces.size()) {
            case 0 -> "";
            case 1 -> " in namespace " + namespaces.iterator().next();
            default -> " in namespaces " + String.join(", ", namespaces);
        };
    }

    private static void node(Peer p, Map<String, Node> nodes) {
        if (p.kind() == Peer.Kind.EXTERNAL) {
            nodes.putIfAbsent(p.name(), new Node(p.name(), p.name(), null, Node.Kind.EXTERNAL, false));
        } else if (p.kind() == Peer.Kind.INGRESS_CONTROLLER) {
            nodes.putIfAbsent(p.name(), new Node(p.name(), p.name(), null, Node.Kind.INGRESS_CONTROLLER, false));
        }
    }

    /** Graphviz text: one {@code cluster_} subgraph per group, node shapes by kind, exposure edges dashed. */
    public String dot() {
        StringBuilder sb = new StringBuilder("digraph {\n");
        if (!title.isEmpty()) {
            sb.append("\tlabel=").append(quote(title)).append('\n');
        }
        for (Group g : groups) {
            sb.append("\tsubgraph ").append(quote("cluster_" + g.id())).append(" {\n");
            sb.append("\t\tlabel=").append(quote(g.label())).append('\n');
            for (Node n : nodes) {
                if (g.id().equals(n.groupId())) {
                    sb.append("\t\t").append(node(n)).append('\n');
                }
            }
            sb.append("\t}\n");
        }
        for (Node n : nodes) {
            if (n.groupId() == null) {
                sb.append('\t').append(node(n)).append('\n');
            }
        }
        for (Edge e : edges) {
            sb.append('\t').append(quote(e.from())).append(" -> ").append(quote(e.to())).append(" [label=")
                    .append(quote(e.label())).append(e.exposure() ? " style=dashed" : "").append("]\n");
        }
        return sb.append("}\n").toString();
    }

    private static String node(Node n) {
        String shape = switch (n.kind()) {
            case WORKLOAD -> "box";
            case EXTERNAL -> "ellipse";
            case INGRESS_CONTROLLER -> "hexagon";
            case CLUSTER_PEER -> "diamond";
        };
        return quote(n.id()) + " [label=" + quote(n.label()) + " shape=" + shape + "]";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
