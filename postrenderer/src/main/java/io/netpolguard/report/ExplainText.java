package io.netpolguard.report;

import io.netpolguard.Result;
import io.netpolguard.model.Direction;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.Workload;
import io.netpolguard.plan.PolicySpec;
import io.netpolguard.plan.allow.Opening;
import io.netpolguard.plan.allow.Peers;
import io.netpolguard.plan.allow.Reason;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The words for what the generated policies let through, and why: the {@code --explain} summary, and the report's
 * rules and openings (not {@link io.netpolguard.connectivity.Explanation}, the engine's account of one connection).
 */
public final class ExplainText {

    private ExplainText() {
    }

    /** A short human summary, one line per opening, grouped by workload (for {@code --explain}). */
    public static String summary(Result result) {
        StringBuilder sb = new StringBuilder();
        if (result.release() == null) {
            return "netpol-guard: nothing to isolate.\n";
        }
        sb.append("netpol-guard: release ").append(result.release()).append(result.segregated()
                ? ": segregated, each workload reaches only cluster DNS and the Services it uses" // listed below
                : ": its pods may reach each other and cluster DNS");
        if (result.openings().isEmpty()) {
            return sb.append("; nothing else is open.\n").append(ClosedFlowNotes.explain(result.closedFlows()))
                    .toString();
        }
        sb.append("; beyond that:\n");
        Map<Workload, List<Opening>> byWorkload = new LinkedHashMap<>(); // a Workload is equal to itself only
        for (Opening o : result.openings()) {
            byWorkload.computeIfAbsent(o.workload(), k -> new ArrayList<>()).add(o);
        }
        for (List<Opening> openings : byWorkload.values()) {
            sb.append("  ").append(openings.get(0).workload().describe()).append('\n');
            List<Opening> widestFirst = new ArrayList<>(openings.size()); // all ports (no port given) first
            for (Opening o : openings) {
                if (o.reason().allPorts()) {
                    widestFirst.add(o);
                }
            }
            for (Opening o : openings) {
                if (!o.reason().allPorts()) {
                    widestFirst.add(o);
                }
            }
            for (Opening o : widestFirst) {
                sb.append("    ").append(o.describeFlow());
                if (result.leftToChart(o)) {
                    sb.append(" [left to the chart's own policies, which isolate this direction]");
                }
                sb.append("\n      because ").append(o.reason().describe()).append('\n');
            }
        }
        return sb.append(ClosedFlowNotes.explain(result.closedFlows())).toString();
    }

    /** A rule of a generated policy, for the JSON report. */
    static Map<String, Object> rule(PolicySpec.Rule rule, Direction direction) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("direction", direction.lowerName());
        r.put(direction.peerField(), rule.peers().isEmpty() ? List.of("anywhere")
                : rule.peers().stream().map(Peers::describe).toList());
        r.put("ports", rule.ports().isEmpty() ? List.of("all") : rule.ports().stream().map(Object::toString).toList());
        reason(rule.reason(), r);
        return r;
    }

    /** An opening, for the JSON report: where it went, or that the chart decides it. */
    static Map<String, Object> opening(Opening o, boolean chartDecides) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workload", o.workload().kind() + " " + o.workload().name());
        m.put("namespace", o.workload().namespace());
        m.put("direction", o.direction().lowerName());
        m.put(o.direction().peerField(), o.peers().isEmpty() ? List.of("anywhere")
                : o.peers().stream().map(Peers::describe).toList());
        m.put("ports", o.ports().isEmpty() ? List.of("all") : o.ports().stream().map(Object::toString).toList());
        reason(o.reason(), m);
        m.put("addedBy", chartDecides ? "none: the chart's own policies isolate this direction" : "netpol-guard");
        return m;
    }

    private static void reason(Reason reason, Map<String, Object> into) {
        into.put("allowance", reason.kind().key());
        into.put("why", reason.why());
        KubeObject cause = reason.cause();
        if (cause != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("kind", cause.kind());
            c.put("namespace", cause.namespace());
            c.put("name", cause.name());
            c.put("template", cause.source());
            into.put("cause", c);
        }
    }
}
