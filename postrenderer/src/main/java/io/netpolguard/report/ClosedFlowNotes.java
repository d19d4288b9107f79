package io.netpolguard.report;

import io.netpolguard.config.Words;
import io.netpolguard.model.PortRange;
import io.netpolguard.model.Protocol;
import io.netpolguard.model.Workload;
import io.netpolguard.verify.ClosedFlow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The closed flows as users read them: one warning block per workload (its closed flows listed under it, each with
 * the declared flow that would open it) and one release-wide count; in the report, every one; in {@code --explain},
 * one line each.
 */
public final class ClosedFlowNotes {

    private ClosedFlowNotes() {
    }

    /**
     * The warning blocks, one per workload, then the count; empty when nothing is closed. A block's first line is the
     * warning, the others are indented under it (the declared flows, ready to paste).
     */
    public static List<String> blocks(List<ClosedFlow> closed, Words words) {
        if (closed.isEmpty()) {
            return List.of();
        }
        List<String> blocks = new ArrayList<>();
        int outside = 0;
        for (Map.Entry<Workload, List<ClosedFlow>> e : byWorkload(closed).entrySet()) {
            List<ClosedFlow> flows = e.getValue();
            StringBuilder sb = new StringBuilder();
            sb.append(workload(e.getKey())).append(": ").append(flows.size() == 1 ? "a flow its documents show is"
                    : flows.size() + " flows its documents show are").append(" closed; if it needs ")
                    .append(flows.size() == 1 ? "it, declare it" : "them, declare them")
                    .append(" under flows: in the configuration (").append(words.configFile()).append("):");
            for (ClosedFlow c : flows) {
                outside += c.kind().outside() ? 1 : 0;
                sb.append("\n  ").append(oneLine(line(c)));
                for (String yaml : c.declare().split("\n")) {
                    sb.append("\n    ").append(yaml);
                }
            }
            blocks.add(sb.toString());
        }
        int unreached = closed.size() - outside;
        blocks.add(closed.size() + (closed.size() == 1 ? " flow the documents show is" : " flows the documents show"
                + " are") + " closed: " + outside + (outside == 1 ? " address" : " addresses") + " outside the release, "
                + unreached + (unreached == 1 ? " Service nothing reaches" : " Services nothing reaches") + "; "
                + words.report() + " has them all.");
        return List.copyOf(blocks);
    }

    /** "https://api.stripe.com in env STRIPE_URL of container orders (shop/templates/orders.yaml): host ...". */
    static String line(ClosedFlow c) {
        if (c.kind() == ClosedFlow.Kind.UNREACHED) {
            return "Service " + c.target() + (c.source() == null ? "" : " (" + c.source() + ")") + ": " + c.advice();
        }
        return c.target() + " in " + c.where() + (c.source() == null ? "" : " (" + c.source() + ")") + ": "
                + c.advice();
    }

    /** One line per closed flow, for {@code --explain}; empty when nothing is closed. */
    public static String explain(List<ClosedFlow> closed) {
        if (closed.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("closed: flows the documents show that no policy opens (declare those"
                + " needed; the warnings give each declared flow):\n");
        for (Map.Entry<Workload, List<ClosedFlow>> e : byWorkload(closed).entrySet()) {
            sb.append("  ").append(workload(e.getKey())).append('\n');
            for (ClosedFlow c : e.getValue()) {
                sb.append("    ").append(oneLine(line(c))).append('\n');
            }
        }
        return sb.toString();
    }

    /** The report's {@code closedFlows}: every one, with what the warnings say of it. */
    public static List<Object> json(List<ClosedFlow> closed) {
        List<Object> list = new ArrayList<>();
        for (ClosedFlow c : closed) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", c.kind().key());
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("kind", c.workload().kind());
            w.put("namespace", c.workload().namespace());
            w.put("name", c.workload().name());
            m.put("workload", w);
            m.put(c.kind() == ClosedFlow.Kind.UNREACHED ? "service" : "address", c.target());
            List<String> ports = new ArrayList<>();
            for (PortRange p : c.ports()) {
                ports.add((p.first() == p.last() ? Integer.toString(p.first()) : p.first() + "-" + p.last())
                        + (p.protocol() == Protocol.TCP ? "" : "/" + p.protocol()));
            }
            m.put("ports", ports);
            m.put("where", c.where());
            m.put("source", c.source());
            m.put("advice", c.advice());
            m.put("declaredFlow", c.declare());
            list.add(m);
        }
        return list;
    }

    private static Map<Workload, List<ClosedFlow>> byWorkload(List<ClosedFlow> closed) {
        Map<Workload, List<ClosedFlow>> by = new LinkedHashMap<>(); // a Workload is equal to itself only
        for (ClosedFlow c : closed) {
            by.computeIfAbsent(c.workload(), k -> new ArrayList<>()).add(c);
        }
        return by;
    }

    private static String workload(Workload w) {
        String source = w.object().source();
        return oneLine(w.kind() + " " + w.name() + (source == null ? "" : " (" + source + ")"));
    }

    /** Text taken from the input kept on one line: a key or a template path cannot start a line of its own. */
    private static String oneLine(String s) {
        return s.replace('\n', ' ').replace('\r', ' ');
    }
}
