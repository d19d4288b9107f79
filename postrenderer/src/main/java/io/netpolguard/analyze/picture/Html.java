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

import static io.netpolguard.analyze.picture.Text.xml;

/**
 * A standalone HTML page: the {@link Svg} drawing inline and, below it, a table of the connections sorted by
 * source, target and label. Nothing is loaded from anywhere: no scripts, no fonts, no images (its
 * Content-Security-Policy forbids them), only an inline style sheet.
 */
public final class Html {

    private Html() {
    }

    /** The page, UTF-8. */
    public static String render(Diagram g) {
        Layout layout = Layout.of(g);
        Diagram graph = layout.graph;
        String title = graph.title().isBlank() ? "Connectivity" : graph.title();
        Map<String, Node> nodes = new HashMap<>();
        for (Node n : graph.nodes()) {
            nodes.put(n.id(), n);
        }
        Map<String, String> groups = new HashMap<>();
        for (Group group : graph.groups()) {
            groups.put(group.id(), group.label());
        }

        StringBuilder b = new StringBuilder(128 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(xml(title)).append("</title>\n")
                .append("<style>\n")
                .append("body { font-family: ").append(Text.FONT_FAMILY).append("; color: #1f2933; margin: 24px; }\n")
                .append("h1 { font-size: 20px; margin: 0 0 12px; }\n")
                .append("h2 { font-size: 16px; margin: 28px 0 8px; }\n")
                .append(".picture { overflow: auto; border: 1px solid #d9dee5; border-radius: 8px; max-height: 90vh; }\n")
                .append(".picture svg { display: block; }\n")
                .append("table { border-collapse: collapse; font-size: 13px; }\n")
                .append("th, td { text-align: left; padding: 5px 12px; border-bottom: 1px solid #e4e7eb; vertical-align: top; }\n")
                .append("th { background: #f4f6f8; }\n")
                .append("tbody tr:nth-child(even) { background: #fafbfc; }\n")
                .append(".ns { color: #7b8794; font-size: 12px; }\n")
                .append(".release { font-weight: bold; color: #1c4f9c; }\n")
                .append("</style>\n</head>\n<body>\n")
                .append("<h1>").append(xml(title)).append("</h1>\n")
                .append("<div class=\"picture\">\n").append(Svg.element(layout)).append("</div>\n");

        List<Edge> edges = new ArrayList<>(graph.edges());
        Comparator<Edge> order = Comparator
                .comparing((Edge e) -> nodes.get(e.from()).label())
                .thenComparing(e -> groupOf(nodes.get(e.from()), groups))
                .thenComparing(e -> nodes.get(e.to()).label())
                .thenComparing(e -> groupOf(nodes.get(e.to()), groups))
                .thenComparing(Edge::label)
                .thenComparing(Edge::from)
                .thenComparing(Edge::to);
        edges.sort(order);
        b.append("<h2>Connections (").append(edges.size()).append(")</h2>\n");
        b.append("<table class=\"connections\">\n<thead><tr><th>From</th><th>To</th><th>Protocols and ports</th></tr></thead>\n<tbody>\n");
        for (Edge e : edges) {
            b.append("<tr><td>");
            cell(b, nodes.get(e.from()), groups);
            b.append("</td><td>");
            cell(b, nodes.get(e.to()), groups);
            b.append("</td><td>").append(xml(e.label())).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n</body>\n</html>\n");
        return b.toString();
    }

    private static String groupOf(Node n, Map<String, String> groups) {
        return n.groupId() == null ? "" : groups.get(n.groupId());
    }

    private static void cell(StringBuilder b, Node n, Map<String, String> groups) {
        if (n.highlighted()) {
            b.append("<span class=\"release\">").append(xml(n.label())).append("</span>");
        } else {
            b.append(xml(n.label()));
        }
        if (n.groupId() != null) {
            b.append(" <span class=\"ns\">").append(xml(groups.get(n.groupId()))).append("</span>");
        }
    }
}
