package io.netpolguard.model;

import java.util.List;
import java.util.Set;

/**
 * A kind of object that creates pods, and where its pod template is.
 *
 * @param groups           API groups the kind is served from ("" is the core group)
 * @param kind             the kind
 * @param podTemplatePath  dotted path of the pod template; "" when the object is the pod itself
 * @param selectorPath     dotted path of the workload's own label selector, or null
 * @param guessed          neither built in nor configured: netpol-guard took an object of this kind for a workload
 *                         because it has a pod template ({@link #TEMPLATE_PATHS})
 */
public record WorkloadKind(Set<String> groups, String kind, String podTemplatePath, String selectorPath,
                           boolean guessed) {

    public static final String POD = "Pod";
    public static final String REPLICATION_CONTROLLER = "ReplicationController";
    public static final String DEPLOYMENT = "Deployment";
    public static final String STATEFUL_SET = "StatefulSet";
    public static final String DAEMON_SET = "DaemonSet";
    public static final String REPLICA_SET = "ReplicaSet";
    public static final String JOB = "Job";
    public static final String CRON_JOB = "CronJob";

    /** The kinds Gatekeeper's require-networkpolicy rule looks at. */
    public static final List<WorkloadKind> BUILT_IN = List.of(
            new WorkloadKind(Set.of(""), POD, "", null),
            new WorkloadKind(Set.of(""), REPLICATION_CONTROLLER, "spec.template", "spec.selector"),
            new WorkloadKind(Set.of("apps", "extensions"), DEPLOYMENT, "spec.template", "spec.selector"),
            new WorkloadKind(Set.of("apps", "extensions"), STATEFUL_SET, "spec.template", "spec.selector"),
            new WorkloadKind(Set.of("apps", "extensions"), DAEMON_SET, "spec.template", "spec.selector"),
            new WorkloadKind(Set.of("apps", "extensions"), REPLICA_SET, "spec.template", "spec.selector"),
            new WorkloadKind(Set.of("batch"), JOB, "spec.template", null),
            new WorkloadKind(Set.of("batch"), CRON_JOB, "spec.jobTemplate.spec.template", null));

    /**
     * Where an object of a kind netpol-guard does not know has a pod template, if it has one: where the built-in
     * kinds have theirs (an Argo Rollout, an OpenKruise CloneSet, an OpenShift DeploymentConfig, a Knative Service;
     * a CronJob-like kind), with containers.
     */
    public static final List<String> TEMPLATE_PATHS = List.of("spec.template", "spec.jobTemplate.spec.template");

    /**
     * Not a kind: at the end of a list of kinds, it says that objects of other kinds with a pod template are refused
     * instead of covered ({@code coverUnknownKinds: false}).
     */
    public static final WorkloadKind NO_OTHERS = new WorkloadKind(Set.of(), "", "", null);

    /** A built-in or configured kind. */
    public WorkloadKind(Set<String> groups, String kind, String podTemplatePath, String selectorPath) {
        this(groups, kind, podTemplatePath, selectorPath, false);
    }

    /** Where the pod labels are, e.g. {@code spec.template.metadata.labels}. */
    public String labelsPath() {
        return podTemplatePath.isEmpty() ? "metadata.labels" : podTemplatePath + ".metadata.labels";
    }

    public boolean matches(String group, String kind) {
        return this.kind.equals(kind) && groups.contains(group);
    }

    /** The kind as a {@code workloadKinds} entry: "{apiVersion: argoproj.io/v1alpha1, kind: Rollout, ...}". */
    public String entry(String apiVersion) {
        return "{apiVersion: " + apiVersion + ", kind: " + kind + ", podTemplatePath: " + podTemplatePath
                + (selectorPath == null ? "" : ", selectorPath: " + selectorPath) + "}";
    }

    /** Whether objects of kinds not in this list that have a pod template are covered (no {@link #NO_OTHERS}). */
    public static boolean coversOthers(List<WorkloadKind> kinds) {
        for (WorkloadKind k : kinds) {
            if (k == NO_OTHERS) {
                return false;
            }
        }
        return true;
    }
}
