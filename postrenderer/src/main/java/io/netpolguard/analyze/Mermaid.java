package io.netpolguard.analyze;

import io.netpolguard.analyze.Diagram.Edge;
import io.netpolguard.analyze.Diagram.Group;
import io.netpolguard.analyze.Diagram.Node;
import io.netpolguard.config.Words;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Diagram} as a Mermaid flowchart in a fenced block, which GitHub and GitLab draw where Markdown is shown
 * (pull requests, merge requests, files), with no tool. The same graph as the SVG picture: a subgraph per namespace,
 * workloads as boxes (the release's outlined in blue), address ranges as stadiums, the ingress controller as a
 * hexagon, other cluster peers dashed, exposure edges dotted, and a group whose workloads all reach each other
 * ({@link Diagram#meshes()}) said once in its title instead of drawn as n(n-1) arrows.
 *
 * <p>Names are never Mermaid syntax: nodes and subgraphs get generated ids ({@code n0}, {@code g0}), and every label
 * is quoted, with the characters Mermaid or the page could read as markup ({@code " # % & < > | `}) written as
 * Mermaid's entity codes, line breaks as spaces. A graph larger than Mermaid draws by default (more than
 * {@value #MAX_EDGES} arrows, or {@value #MAX_TEXT} characters) gets a sentence saying so instead of a block that
 * would show only an error.
 */
public final class Mermaid {

    /** Mermaid's default {@code maxEdges}: past it, the page shows an error instead of the diagram. */
    static final int MAX_EDGES = 500;
    /** Mermaid's default {@code maxTextSize}. */
    static final int MAX_TEXT = 50_000;

    private Mermaid() {
    }

    /**
     * The fenced block ("```mermaid" ... "```", each line ending in a newline); a one-line note instead when the graph
     * is too large for Mermaid, saying in the front end's {@code words} where to see it; nothing for a graph with no
     * node.
     */
    public static String block(Diagram g, Words words) {
        if (g.nodes().isEmpty()) {
            return "";
        }
        List<Diagram.Mesh> meshes = g.meshes();
        int edges = g.edges().size();
        for (Diagram.Mesh m : meshes) {
            edges -= m.edges().size();
        }
        String text = edges > MAX_EDGES ? null : flowchart(g, meshes);
        if (text == null || text.length() > MAX_TEXT) {
            return "The diagram of these " + g.nodes().size() + " peers and " + edges + " arrows is left out: Mermaid"
                    + " draws at most " + MAX_EDGES + " arrows and " + MAX_TEXT + " characters. "
                    + Words.capitalized(words.pictureOfLargeGraph()) + ".\n";
        }
        return "```mermaid\n" + text + "```\n";
    }

    /** The flowchart's text, without the fence. */
    static String flowchart(Diagram g, List<Diagram.Mesh> meshes) {
        StringBuilder sb = new StringBuilder();
        if (!g.title().isEmpty()) {
            sb.append("---\ntitle: ").append(yaml(g.title())).append("\n---\n");
        }
        sb.append("flowchart LR\n");
        Map<String, String> ids = new HashMap<>();
        for (int i = 0; i < g.nodes().size(); i++) {
            ids.putIfAbsent(g.nodes().get(i).id(), "n" + i);
        }
        Map<String, Diagram.Mesh> meshOf = new HashMap<>();
        Map<Edge, Boolean> inMesh = new IdentityHashMap<>();
        for (Diagram.Mesh m : meshes) {
            meshOf.put(m.group().id(), m);
            for (Edge e : m.edges()) {
                inMesh.put(e, Boolean.TRUE);
            }
        }
        List<String> release = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        for (int gi = 0; gi < g.groups().size(); gi++) {
            Group group = g.groups().get(gi);
            Diagram.Mesh mesh = meshOf.get(group.id());
            String title = mesh == null ? group.label()
                    : group.label() + " (" + Diagram.Mesh.text(mesh.workloads(), mesh.label()) + ")";
            sb.append("  subgraph g").append(gi).append("[\"").append(label(title)).append("\"]\n");
            for (Node n : g.nodes()) {
                if (group.id().equals(n.groupId())) {
                    node(sb.append("    "), n, ids, release, outside);
                }
            }
            sb.append("  end\n");
        }
        for (Node n : g.nodes()) {
            if (n.groupId() == null || !hasGroup(g, n.groupId())) {
                node(sb.append("  "), n, ids, release, outside);
            }
        }
        for (Edge e : g.edges()) {
            String from = ids.get(e.from());
            String to = ids.get(e.to());
            if (from == null || to == null || inMesh.containsKey(e)) {
                continue;
            }
            sb.append("  ").append(from).append(e.exposure() ? " -.->" : " -->");
            if (!e.label().isEmpty()) {
                sb.append("|\"").append(label(e.label())).append("\"|");
            }
            sb.append(' ').append(to).append('\n');
        }
        if (!release.isEmpty()) {
            sb.append("  classDef release stroke:#2f6fd6,stroke-width:2px\n");
            sb.append("  class ").append(String.join(",", release)).append(" release\n");
        }
        if (!outside.isEmpty()) {
            sb.append("  classDef outside stroke-dasharray:4 3\n");
            sb.append("  class ").append(String.join(",", outside)).append(" outside\n");
        }
        return sb.toString();
    }

    private static boolean hasGroup(Diagram g, String id) {
        for (Group group : g.groups()) {
            if (group.id().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /** One node line: its id and its label in the shape of its kind. */
    private static void node(StringBuilder sb, Node n, Map<String, String> ids, List<String> release,
                             List<String> outside) {
        String id = ids.get(n.id());
        String text = "\"" + label(n.label()) + "\"";
        sb.append(id).append(switch (n.kind()) {
            case WORKLOAD -> "[" + text + "]";
            case EXTERNAL -> "([" + text + "])";
            case INGRESS_CONTROLLER -> "{{" + text + "}}";
            case CLUSTER_PEER -> "(" + text + ")";
        }).append('\n');
        if (n.highlighted()) {
            release.add(id);
        }
        if (n.kind() == Node.Kind.CLUSTER_PEER) {
            outside.add(id);
        }
    }

    /**
     * A label's text for inside Mermaid's double quotes: the characters Mermaid or the HTML it makes could read
     * ({@code " # % & < > | `}) as entity codes ({@code #quot;}, {@code #35;}, ...), which Mermaid shows as the
     * characters; control characters and line breaks as spaces.
     */
    static String label(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("#quot;");
                case '#' -> sb.append("#35;");
                case '%' -> sb.append("#37;");
                case '&' -> sb.append("#amp;");
                case '<' -> sb.append("#lt;");
                case '>' -> sb.append("#gt;");
                case '|' -> sb.append("#124;");
                case '`' -> sb.append("#96;");
                default -> sb.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
            }
        }
        return sb.toString();
    }

    /**
     * A YAML double-quoted scalar of one line, for the front matter's title. Mermaid shows the title as text, after
     * removing what looks like HTML, and older Mermaid reads {@code %%{...}%%} anywhere as a directive, so {@code <},
     * {@code >} and {@code %} (which no Kubernetes name holds) become {@code ‹ › ％}.
     */
    static String yaml(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<' || c == '>' || c == '%') {
                sb.append(c == '<' ? '\u2039' : c == '>' ? '\u203a' : '\uff05');
            } else if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
