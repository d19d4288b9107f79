package io.netpolguard.analyze;

import io.netpolguard.config.Words;
import io.netpolguard.model.Direction;
import io.netpolguard.model.Protocol;
import io.netpolguard.report.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ways an {@link Analysis} is written. Every format gives the same bytes for the same analysis.
 * {@link #TXT} is np-guard's netpol-analyzer text, line for line; {@link #CSV} and {@link #MD} follow its layouts.
 */
public enum Format {
    /** "SRC => DST : CONNS" lines; with exposure, np-guard's "Exposure Analysis Result:" sections. */
    TXT,
    /** One object: peers, connections, exposure and warnings. */
    JSON,
    /** "src,dst,conn" rows (RFC 4180 quoting); with exposure, np-guard's sub-tables. */
    CSV,
    /**
     * A Markdown table "| src | dst | conn |"; with exposure, np-guard's sub-sections; then the {@link Diagram} as a
     * Mermaid block, which GitHub and GitLab draw.
     */
    MD,
    /** Graphviz text: workloads in one box per namespace, External peers, edges labelled with connections. */
    DOT;

    /** The format of a name such as "txt" or "JSON"; null when there is none. */
    public static Format of(String name) {
        for (Format f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return f;
            }
        }
        return null;
    }

    /** "txt", "json", ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The analysis in this format, for the command line. */
    public String render(Analysis analysis) {
        return render(analysis, Words.COMMAND);
    }

    /**
     * The analysis in this format; {@code words} are the front end's, for the one sentence that names a setting (a
     * graph too large for a Mermaid diagram says where to see it).
     */
    public String render(Analysis analysis, Words words) {
        return switch (this) {
            case TXT -> txt(analysis);
            case JSON -> json(analysis);
            case CSV -> csv(analysis);
            case MD -> md(analysis) + mermaid(analysis, words);
            case DOT -> Diagram.of(analysis).dot();
        };
    }

    // --- txt ---------------------------------------------------------------------------------------------------------

    static String txt(Analysis analysis) {
        StringBuilder sb = new StringBuilder();
        for (Connection c : analysis.connections()) {
            sb.append(c.line()).append('\n');
        }
        Exposure exposure = analysis.exposure();
        if (exposure == null) {
            return sb.toString();
        }
        if (sb.length() > 0) {
            sb.append('\n');
        }
        sb.append("Exposure Analysis Result:\n");
        int width = 0;
        for (Exposure.Line l : exposure.egress()) {
            width = Math.max(width, l.workload().name().length());
        }
        for (Exposure.Line l : exposure.ingress()) {
            width = Math.max(width, l.workload().name().length());
        }
        if (!exposure.egress().isEmpty()) {
            sb.append("Egress Exposure:\n");
            for (Exposure.Line l : exposure.egress()) {
                sb.append(pad(l.workload().name(), width)).append(" \t=> \t").append(l.other().name()).append(" : ")
                        .append(l.connections()).append('\n');
            }
        }
        if (!exposure.ingress().isEmpty()) {
            sb.append(exposure.egress().isEmpty() ? "" : "\n").append("Ingress Exposure:\n");
            for (Exposure.Line l : exposure.ingress()) {
                sb.append(pad(l.workload().name(), width)).append(" \t<= \t").append(l.other().name()).append(" : ")
                        .append(l.connections()).append('\n');
            }
        }
        if (!exposure.unprotected().isEmpty()) {
            sb.append("\nWorkloads not protected by network policies:\n");
            for (Exposure.Unprotected u : exposure.unprotected()) {
                sb.append(u.line()).append('\n');
            }
        }
        if (!analysis.unreached().isEmpty()) { // netpol-guard's own section, after all of np-guard's
            sb.append('\n').append(Unreached.HEADING).append('\n');
            for (Unreached u : analysis.unreached()) {
                sb.append(u.line()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String pad(String s, int width) {
        StringBuilder sb = new StringBuilder(s);
        while (sb.length() < width) {
            sb.append(' ');
        }
        return sb.toString();
    }

    // --- json --------------------------------------------------------------------------------------------------------

    static String json(Analysis analysis) {
        Map<String, Object> root = new LinkedHashMap<>();
        List<Object> peers = new ArrayList<>();
        for (Peer p : analysis.peers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("kind", switch (p.kind()) {
                case WORKLOAD -> "workload";
                case EXTERNAL -> "external";
                case INGRESS_CONTROLLER -> "ingress-controller";
            });
            if (p.kind() == Peer.Kind.WORKLOAD) {
                m.put("namespace", p.namespace());
                m.put("workload", p.workload());
                m.put("workloadKind", p.workloadKind());
            } else if (p.kind() == Peer.Kind.EXTERNAL) {
                m.put("first", p.range().firstAddress());
                m.put("last", p.range().lastAddress());
            }
            peers.add(m);
        }
        List<Object> connections = new ArrayList<>();
        for (Connection c : analysis.connections()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("src", c.source().name());
            m.put("dst", c.destination().name());
            m.put("conn", c.connections().toString());
            Map<String, Object> ports = new LinkedHashMap<>();
            for (Protocol p : c.connections().protocols()) {
                ports.put(p.name(), c.connections().ranges(p).stream().map(Object::toString).toList());
            }
            m.put("ports", ports);
            connections.add(m);
        }
        root.put("peers", peers);
        root.put("connections", connections);
        Exposure exposure = analysis.exposure();
        if (exposure != null) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("egress", exposureRows(exposure.egress()));
            e.put("ingress", exposureRows(exposure.ingress()));
            List<Object> unprotected = new ArrayList<>();
            for (Exposure.Unprotected u : exposure.unprotected()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("workload", u.workload().name());
                m.put("direction", u.direction().wireName());
                unprotected.add(m);
            }
            e.put("unprotected", unprotected);
            List<Object> unreached = new ArrayList<>();
            for (Unreached u : analysis.unreached()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("service", u.service());
                m.put("workloads", u.backends().stream().map(Peer::name).toList());
                m.put("ports", u.ports());
                unreached.add(m);
            }
            e.put("unreachedServices", unreached);
            root.put("exposure", e);
        }
        root.put("warnings", analysis.warnings());
        return Json.write(root);
    }

    private static List<Object> exposureRows(List<Exposure.Line> lines) {
        List<Object> rows = new ArrayList<>();
        for (Exposure.Line l : lines) {
            Map<String, Object> m = new LinkedHashMap<>();
            boolean egress = l.direction() == Direction.EGRESS;
            m.put("src", egress ? l.workload().name() : l.other().name());
            m.put("dst", egress ? l.other().name() : l.workload().name());
            m.put("conn", l.connections());
            m.put("peer", switch (l.other().kind()) {
                case ENTIRE_CLUSTER -> "entire-cluster";
                case EXTERNAL -> "external";
                case REPRESENTATIVE -> "representative";
            });
            rows.add(m);
        }
        return rows;
    }

    // --- csv ---------------------------------------------------------------------------------------------------------

    static String csv(Analysis analysis) {
        StringBuilder sb = new StringBuilder();
        row(sb, "src", "dst", "conn");
        for (Connection c : analysis.connections()) {
            row(sb, c.source().name(), c.destination().name(), c.connections().toString());
        }
        Exposure exposure = analysis.exposure();
        if (exposure != null) {
            row(sb, "Exposure Analysis Result:", "", "");
            if (!exposure.egress().isEmpty()) {
                row(sb, "Egress Exposure:", "", "");
                row(sb, "src", "dst", "conn");
                for (Exposure.Line l : exposure.egress()) {
                    row(sb, l.workload().name(), l.other().name(), l.connections());
                }
            }
            if (!exposure.ingress().isEmpty()) {
                row(sb, "Ingress Exposure:", "", "");
                row(sb, "dst", "src", "conn");
                for (Exposure.Line l : exposure.ingress()) {
                    row(sb, l.workload().name(), l.other().name(), l.connections());
                }
            }
            if (!analysis.unreached().isEmpty()) {
                row(sb, Unreached.HEADING, "", "");
                row(sb, "service", "workloads", "ports");
                for (Unreached u : analysis.unreached()) {
                    row(sb, u.service(), String.join(" ", u.backends().stream().map(Peer::name).toList()), u.ports());
                }
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(csvField(fields[i]));
        }
        sb.append('\n');
    }

    static String csvField(String s) {
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || (!s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(0) == '\t'));
        return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    // --- md: np-guard's layout, which the Mermaid block follows ----------------------------------------------------------------------------------------------------------

    static String md(Analysis analysis) {
        List<String> lines = new ArrayList<>();
        lines.add("| src | dst | conn |\n|-----|-----|------|");
        for (Connection c : analysis.connections()) {
            lines.add(mdRow(c.source().name(), c.destination().name(), c.connections().toString()));
        }
        Exposure exposure = analysis.exposure();
        if (exposure == null) {
            return String.join("\n", lines) + "\n";
        }
        lines.add("## Exposure Analysis Result:");
        lines.add(mdSection(exposure.egress(), "### Egress Exposure:\n| src | dst | conn |\n|-----|-----|------|\n"));
        lines.add(mdSection(exposure.ingress(), "### Ingress Exposure:\n| dst | src | conn |\n|-----|-----|------|\n"));
        if (!analysis.unreached().isEmpty()) {
            List<String> rows = new ArrayList<>();
            for (Unreached u : analysis.unreached()) {
                rows.add(mdRow(u.service(), String.join(", ", u.backends().stream().map(Peer::name).toList()),
                        u.ports()));
            }
            lines.add("## " + Unreached.HEADING + "\n| service | workloads | ports |\n|-----|-----|------|\n"
                    + String.join("\n", rows) + "\n");
        }
        return String.join("\n", lines);
    }

    /** The Mermaid block after a blank line, or nothing when there is nothing to draw. */
    private static String mermaid(Analysis analysis, Words words) {
        String block = Mermaid.block(Diagram.of(analysis), words);
        return block.isEmpty() ? "" : "\n" + block;
    }

    private static String mdSection(List<Exposure.Line> lines, String header) {
        if (lines.isEmpty()) {
            return "";
        }
        List<String> rows = new ArrayList<>();
        for (Exposure.Line l : lines) {
            rows.add(mdRow(l.workload().name(), l.other().name(), l.connections()));
        }
        return header + String.join("\n", rows) + "\n";
    }

    private static String mdRow(String a, String b, String c) {
        return "| " + mdCell(a) + " | " + mdCell(b) + " | " + mdCell(c) + " |";
    }

    private static String mdCell(String s) {
        return s.replace("|", "\\|");
    }
}
