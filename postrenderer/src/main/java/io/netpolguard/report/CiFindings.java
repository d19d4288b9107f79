package io.netpolguard.report;

import io.netpolguard.Result;
import io.netpolguard.Settings;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.Namespace;
import io.netpolguard.model.Workload;
import io.netpolguard.verify.Coverage;
import io.netpolguard.verify.Finding;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's findings as CI tools take them ({@link Sarif}, {@link JUnitXml}): every workload with its checks, and each
 * finding with its rule, level, message, chart template and object. Unselected workloads and a drifted lock are
 * errors; voided isolation and cross-release connections are errors in strict mode, warnings otherwise; what a
 * chart policy blocks is a warning.
 *
 * @param release   the release, or null
 * @param workloads every workload checked, in stream order
 * @param items     the findings, unselected workloads first, then the chart policies' findings, then the lock
 * @param lock      the lock comparison, or null without {@code --expect}
 */
public record CiFindings(String release, List<Checked> workloads, List<Item> items, LockCheck lock) {

    /** The namespace of a workload in the release namespace when that was not given. */
    private static final String RELEASE_NAMESPACE = Namespace.UNNAMED_RELEASE;

    /** The kinds of findings, as SARIF rules. */
    public enum Rule {
        UNSELECTED("unselected-workload", "UnselectedWorkload", "A workload is selected by no NetworkPolicy",
                "A workload of the release is selected by no NetworkPolicy of its namespace, so a cluster that"
                        + " requires NetworkPolicies (Gatekeeper's require-networkpolicy) refuses it. netpol-guard"
                        + " refuses the release.", "error"),
        ISOLATION_VOIDED(Finding.Kind.ISOLATION_VOIDED.id(), "IsolationVoided",
                "A chart NetworkPolicy rule voids a workload's isolation",
                "A rule of the chart's own NetworkPolicy has neither peers nor ports: the direction it isolates is"
                        + " not isolated at all, and the workload may reach, or be reached from, anything outside"
                        + " the release.", "warning"),
        CROSS_RELEASE(Finding.Kind.CROSS_RELEASE.id(), "CrossRelease",
                "A chart NetworkPolicy rule admits peers outside the release",
                "A rule of the chart's own NetworkPolicy admits peers outside the release into or out of a"
                        + " workload (a rule without peers, an ipBlock, a namespaceSelector not pinned to the"
                        + " release's namespace, or every pod of the namespace), on the connections named.",
                "warning"),
        CHART_GAP(Finding.Kind.CHART_GAP.id(), "ChartPolicyGap",
                "A chart NetworkPolicy blocks what a workload needs",
                "A chart's own NetworkPolicy isolates a workload and does not allow a flow it needs (one an"
                        + " allowance would open, or a helm test's Service); netpol-guard never widens a chart's"
                        + " policy.", "warning"),
        LOCK_DRIFT("connectivity-drift", "ConnectivityDrift",
                "The release's connectivity differs from its lock file",
                "What the output's NetworkPolicies allow (np-guard's connection list and exposure analysis) is no"
                        + " longer what the release's connectivity lock file says.", "error");

        private final String id;
        private final String name;
        private final String shortDescription;
        private final String fullDescription;
        private final String defaultLevel;

        Rule(String id, String name, String shortDescription, String fullDescription, String defaultLevel) {
            this.id = id;
            this.name = name;
            this.shortDescription = shortDescription;
            this.fullDescription = fullDescription;
            this.defaultLevel = defaultLevel;
        }

        public String id() {
            return id;
        }

        public String ruleName() {
            return name;
        }

        public String shortDescription() {
            return shortDescription;
        }

        public String fullDescription() {
            return fullDescription;
        }

        /** "error" or "warning". */
        public String defaultLevel() {
            return defaultLevel;
        }

        static Rule of(Finding.Kind kind) {
            return switch (kind) {
                case ISOLATION_VOIDED -> ISOLATION_VOIDED;
                case CROSS_RELEASE -> CROSS_RELEASE;
                case CHART_GAP -> CHART_GAP;
            };
        }
    }

    /**
     * One workload and where it comes from.
     *
     * @param workload  the workload
     * @param namespace its namespace, "(release namespace)" when not known
     * @param selected  whether some NetworkPolicy selects it
     */
    public record Checked(Workload workload, String namespace, boolean selected) {

        /** "team-a/Deployment/web". */
        public String qualifiedName() {
            return namespace + "/" + workload.kind() + "/" + workload.name();
        }

        /** The chart template it came from, or null. */
        public String template() {
            return workload.object().source();
        }
    }

    /**
     * One finding.
     *
     * @param rule     its kind
     * @param level    "error" or "warning"
     * @param message  what it is and what to do
     * @param workload the workload concerned, or null (the lock)
     * @param policy   the chart policy behind it, or null
     * @param check    the workload's check it fails: "selected", "isolation" or "cross-release"; null for the lock
     */
    public record Item(Rule rule, String level, String message, Checked workload, KubeObject policy, String check) {

        public boolean isError() {
            return "error".equals(level);
        }
    }

    /**
     * @param lock     the lock comparison, or null
     * @param settings what the run was asked to do (check-only, label injection), and the front end's words
     */
    public static CiFindings of(Result result, LockCheck lock, Settings settings) {
        Map<Workload, Checked> checked = new IdentityHashMap<>();
        List<Checked> workloads = new ArrayList<>();
        for (Coverage c : result.coverage()) {
            Checked w = new Checked(c.workload(), c.namespace() == null ? RELEASE_NAMESPACE : c.namespace(),
                    c.isSelected());
            checked.put(c.workload(), w);
            workloads.add(w);
        }
        List<Item> items = new ArrayList<>();
        for (Coverage c : result.unselected()) {
            items.add(new Item(Rule.UNSELECTED, "error", Report.workload(c) + " is selected by no NetworkPolicy of"
                    + " its namespace; a cluster that requires NetworkPolicies refuses it. "
                    + Report.fix(c, result.release(), settings), checked.get(c.workload()), null, "selected"));
        }
        for (Finding f : result.findings()) {
            Rule rule = Rule.of(f.kind());
            String level = f.kind().crossesRelease() && result.strict() ? "error" : rule.defaultLevel();
            Checked w = checked.computeIfAbsent(f.workload(), k -> new Checked(k, k.namespace() == null
                    ? RELEASE_NAMESPACE : k.namespace(), true));
            String message = f.kind().advice().isEmpty() ? f.message() : f.message() + " " + f.kind().advice();
            items.add(new Item(rule, level, message, w, f.policy(),
                    f.kind() == Finding.Kind.CROSS_RELEASE ? "cross-release" : "isolation"));
        }
        if (lock != null && lock.drifted()) {
            items.add(new Item(Rule.LOCK_DRIFT, "error", lock.driftMessage(settings.words()).stripTrailing(), null,
                    null, null));
        }
        return new CiFindings(result.release(), List.copyOf(workloads), List.copyOf(items), lock);
    }
}
