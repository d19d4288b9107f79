package io.netpolguard.report;

import io.netpolguard.Result;
import io.netpolguard.Settings;
import io.netpolguard.config.Words;
import io.netpolguard.model.Direction;
import io.netpolguard.model.Labels;
import io.netpolguard.plan.PolicySpec;
import io.netpolguard.verify.Coverage;
import io.netpolguard.verify.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The JSON report and the refusal message, both made from a {@link Result}. */
public final class Report {

    private Report() {
    }

    public static String json(Result result) {
        return json(result, null);
    }

    /** With how the output's connectivity compared with its lock file ({@code --expect}), when there is one. */
    public static String json(Result result, LockCheck lock) {
        return json(result, lock, null, Map.of());
    }

    /**
     * @param refusal the refusal as printed (without "netpol-guard: refused: "), or null when the run is not refused:
     *                a log that cannot take netpol-guard's message (see HelmStderr) can point to the report
     * @param more    fields the steps after the core add (the observed flows, under "observed"), written after the
     *                others in their order, each value as {@link Json} writes it
     */
    public static String json(Result result, LockCheck lock, String refusal, Map<String, Object> more) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("release", result.release());
        root.put("refused", result.refused());
        root.put("segregated", result.segregated());
        List<Object> workloads = new ArrayList<>();
        for (Coverage c : result.coverage()) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("kind", c.workload().kind());
            w.put("namespace", c.namespace());
            w.put("name", c.workload().name());
            w.put("hook", c.workload().object().isHook());
            w.put("labels", c.labels());
            w.put("selectedBy", c.selectedBy());
            w.put("ingressIsolatedBy", c.ingress());
            w.put("egressIsolatedBy", c.egress());
            workloads.add(w);
        }
        root.put("workloads", workloads);
        List<Object> generated = new ArrayList<>();
        for (PolicySpec p : result.generated()) {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("name", p.name());
            g.put("namespace", p.namespace().written());
            g.put("hookEvents", p.hookEvents());
            g.put("podSelector", p.podSelector().toString());
            g.put("ingress", p.ingress());
            g.put("egress", p.egress());
            g.put("isolates", p.covers());
            List<Object> rules = new ArrayList<>();
            if (p.ingress()) {
                p.ingressRules().forEach(r -> rules.add(ExplainText.rule(r, Direction.INGRESS)));
            }
            if (p.egress()) {
                p.egressRules().forEach(r -> rules.add(ExplainText.rule(r, Direction.EGRESS)));
            }
            g.put("rules", rules);
            generated.add(g);
        }
        root.put("generatedPolicies", generated);
        List<Object> openings = new ArrayList<>();
        result.openings().forEach(o -> openings.add(ExplainText.opening(o, result.leftToChart(o))));
        root.put("allowances", openings);
        root.put("findings", Findings.json(result.findings()));
        root.put("warnings", result.warnings());
        root.put("closedFlows", ClosedFlowNotes.json(result.closedFlows()));
        if (lock != null) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("file", lock.file().toString());
            l.put("status", lock.status().name().toLowerCase(Locale.ROOT));
            l.put("added", lock.added());
            l.put("removed", lock.removed());
            l.put("diff", lock.diff());
            root.put("connectivityLock", l);
        }
        if (refusal != null) {
            root.put("refusal", refusal.stripTrailing());
        }
        root.putAll(more);
        return Json.write(root);
    }

    /**
     * The warnings to print: all of them, except, when {@code --strict} refuses the result, those about the chart rules
     * its refusal lists, so that each finding is printed once.
     */
    public static List<String> warnings(Result result) {
        List<Finding> crossing = result.strict() ? result.crossRelease() : List.of();
        if (crossing.isEmpty()) {
            return result.warnings();
        }
        List<String> rules = new ArrayList<>(); // "NetworkPolicy ns/p (from the chart, ...) spec.ingress[0] "
        for (Finding f : crossing) {
            String m = f.message();
            int policy = m.indexOf(": NetworkPolicy ");
            int rule = f.rule() == null || policy < 0 ? -1 : m.indexOf(" " + f.rule() + " ", policy);
            if (rule > 0) {
                rules.add(m.substring(policy + 2, rule + f.rule().length() + 2));
            }
        }
        List<String> printed = new ArrayList<>();
        for (String w : result.warnings()) {
            if (rules.stream().noneMatch(w::startsWith)) {
                printed.add(w);
            }
        }
        return printed;
    }

    /**
     * Why the result is refused: a line per unselected workload saying what would select it, then, in strict mode, a
     * line per connection across the release's boundary and what to do about them (only those when every workload is
     * selected).
     *
     * @param settings what the run was asked to do (check-only, label injection), and the front end's words
     */
    public static String refusal(Result result, Settings settings) {
        List<Coverage> unselected = result.unselected();
        if (unselected.isEmpty()) {
            return Findings.strictRefusal(result.crossRelease(), settings.words());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(unselected.size()).append(unselected.size() == 1
                        ? " workload is selected by no NetworkPolicy of its namespace"
                        : " workloads are selected by no NetworkPolicy of their namespace")
                .append("; a cluster that requires NetworkPolicies (Gatekeeper's require-networkpolicy) refuses"
                        + " them:\n");
        for (Coverage c : unselected) {
            sb.append("  - ").append(unselected(c, result.release(), settings)).append('\n');
        }
        if (result.strict() && !result.crossRelease().isEmpty()) {
            sb.append(Findings.strictRefusal(result.crossRelease(), settings.words()));
        }
        return sb.toString();
    }

    /** "Deployment team-a/web (pod labels: app=web). Add a NetworkPolicy ...": one unselected workload and its fix. */
    private static String unselected(Coverage c, String release, Settings settings) {
        return workload(c) + ". " + fix(c, release, settings);
    }

    /** "Deployment team-a/web (pod labels: app=web)". */
    static String workload(Coverage c) {
        String labels = labels(c);
        return c.workload().kind() + " " + c.qualifiedName() + " (pod labels: " + (labels.isEmpty() ? "none" : labels)
                + ")";
    }

    /** What would select an unselected workload: "Add a NetworkPolicy in team-a whose podSelector matches ...". */
    static String fix(Coverage c, String release, Settings settings) {
        String labels = selectorLabels(c);
        String namespace = c.namespace() == null ? "the release namespace" : c.namespace();
        StringBuilder sb = new StringBuilder();
        if (settings.checkOnly()) {
            sb.append(Words.capitalized(settings.words().checkOnlyOff())).append(" so netpol-guard labels its pods ")
                    .append(Labels.RELEASE)
                    .append('=').append(release == null ? "RELEASE" : release)
                    .append(" and adds a policy, or add a NetworkPolicy in ").append(namespace)
                    .append(" whose podSelector matches ")
                    .append(labels.isEmpty() ? "its pods (give its pod template labels that stay the same across upgrades first)" : "{" + labels + "}")
                    .append('.');
        } else if (labels.isEmpty() || !settings.injectLabels()) {
            sb.append("Give its pod template (").append(c.workload().labelsPath())
                    .append(") labels of its own, or ").append(settings.words().injectLabelsOn()).append('.');
        } else {
            sb.append("Add a NetworkPolicy in ").append(namespace).append(" whose podSelector matches {")
                    .append(labels).append("}.");
        }
        return sb.toString();
    }

    private static String labels(Coverage c) {
        return c.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** Labels that Kubernetes' recommended set and Helm charts keep across upgrades. */
    private static final Set<String> STABLE = Set.of("app.kubernetes.io/name", "app.kubernetes.io/instance",
            "app.kubernetes.io/component");
    /** Labels that change with the chart's or the application's version, or that every release shares. */
    private static final Set<String> CHANGING = Set.of("app.kubernetes.io/version", "helm.sh/chart", "chart",
            "version", "app.kubernetes.io/managed-by", "heritage");

    /**
     * The labels a podSelector for this workload should match, so that it still selects the pods after an upgrade:
     * app.kubernetes.io/name, instance and component, and the labels the workload's own selector matches (which
     * cannot change); never a version or the chart's. Without any of those, every label but the changing ones.
     */
    private static String selectorLabels(Coverage c) {
        Map<String, String> selector = c.workload().selector() == null ? Map.of()
                : c.workload().selector().matchLabels();
        Map<String, String> stable = new TreeMap<>();
        Map<String, String> rest = new TreeMap<>();
        c.labels().forEach((k, v) -> {
            if (!CHANGING.contains(k)) {
                (STABLE.contains(k) || v.equals(selector.get(k)) ? stable : rest).put(k, v);
            }
        });
        return (stable.isEmpty() ? rest : stable).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
