package io.netpolguard.analyze;

import io.netpolguard.model.Direction;
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

    /**
     * A group whose workloads, {@link #MIN} or more, may each reach every other on the same connections: what the
     * post-renderer's "pods of the release reach each other" gives. No drawing of n(n-1) arrows between n boxes is
     * legible, so the pictures (SVG, HTML, Mermaid) say it once in the group's header instead of drawing those edges.
     *
     * @param group     the group
     * @param label     the connections every one of the edges has
     * @param workloads how many workloads reach each other
     * @param edges     the edges it stands for, in the graph's order
     */
    public record Mesh(Group group, String label, int workloads, List<Edge> edges) {

        /** The least number of workloads drawn as a mesh: two that reach each other are two arrows, which read well. */
        public static final int MIN = 3;

        /** What a group's header says of its mesh: "5 workloads reach each other: TCP 8080". */
        public static String text(int workloads, String label) {
            return workloads + " workloads reach each other: " + label;
        }
    }

    /**
     * The meshes, in the order of the groups: a group is one when all its workloads (at least {@link Mesh#MIN}) have,
     * for every ordered pair of different ones, exactly one edge, all with the same non-empty label.
     */
    public List<Mesh> meshes() {
        Map<String, Node> byId = new LinkedHashMap<>();
        for (Node n : nodes) {
            byId.put(n.id(), n);
        }
        Map<String, Integer> workloads = new LinkedHashMap<>();
        for (Node n : nodes) {
            if (n.groupId() != null && n.kind() == Node.Kind.WORKLOAD) {
                workloads.merge(n.groupId(), 1, Integer::sum);
            }
        }
        Map<String, List<Edge>> inside = new LinkedHashMap<>();
        for (Edge e : edges) {
            Node from = byId.get(e.from());
            Node to = byId.get(e.to());
            if (from != null && to != null && from != to && from.groupId() != null
                    && from.groupId().equals(to.groupId()) && workloads.get(from.groupId()) >= Mesh.MIN
                    && from.kind() == Node.Kind.WORKLOAD && to.kind() == Node.Kind.WORKLOAD) {
                inside.computeIfAbsent(from.groupId(), k -> new ArrayList<>()).add(e);
            }
        }
        List<Mesh> meshes = new ArrayList<>();
        for (Group g : groups) {
            int n = workloads.getOrDefault(g.id(), 0);
            List<Edge> es = inside.getOrDefault(g.id(), List.of());
            if (n < Mesh.MIN || es.size() != n * (n - 1)) {
                continue;
            }
            String label = es.get(0).label();
            Set<String> pairs = new TreeSet<>();
            boolean complete = !label.isBlank();
            for (Edge e : es) {
                complete &= e.label().equals(label) && pairs.add(e.from() + "\n" + e.to());
            }
            if (complete) {
                meshes.add(new Mesh(g, label, n, es));
            }
        }
        return meshes;
    }

    /** How a workload's label marks the Services nothing in the input reaches: "web[Deployment] (nothing reaches ...)". */
    public static final String UNREACHED = "nothing reaches";

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
     * known, else "Connectivity", with " in namespace NS" when all workloads share one. A workload behind a Service
     * that nothing in the input reaches says so in its label ({@link #UNREACHED}).
     */
    public static Diagram of(Analysis analysis) {
        String release = analysis.options().release();
        Map<String, Group> groups = new TreeMap<>();
        Map<String, Node> nodes = new TreeMap<>();
        Map<String, Edge> edges = new LinkedHashMap<>();
        Map<String, List<String>> unreached = new TreeMap<>(); // by workload, the Services nothing reaches
        for (Unreached u : analysis.unreached()) {
            String name = u.service().substring(u.service().indexOf('/') + 1, u.service().length() - "[Service]".length());
            for (Peer b : u.backends()) {
                unreached.computeIfAbsent(b.name(), k -> new ArrayList<>()).add(name);
            }
        }
        for (Peer p : analysis.peers()) {
            if (p.kind() == Peer.Kind.WORKLOAD) {
                groups.putIfAbsent(p.namespace(), new Group(p.namespace(), p.namespace(), false));
                List<String> services = unreached.get(p.name());
                String label = p.workload() + "[" + p.workloadKind() + "]" + (services == null ? ""
                        : " (" + UNREACHED + " Service " + String.join(", ", services) + ")");
                nodes.put(p.name(), new Node(p.name(), label, p.namespace(), Node.Kind.WORKLOAD,
                        release == null || ofRelease(p, release)));
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
