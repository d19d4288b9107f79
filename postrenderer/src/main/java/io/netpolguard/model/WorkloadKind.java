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
 */
public record WorkloadKind(Set<String> groups, String kind, String podTemplatePath, String selectorPath) {

    /** The kinds Gatekeeper's require-networkpolicy rule looks at. */
    public static final List<WorkloadKind> BUILT_IN = List.of(
            new WorkloadKind(Set.of(""), "Pod", "", null),
            new WorkloadKind(Set.of(""), "ReplicationController", "spec.template", "spec.selector"),
            new WorkloadKind(Set.of("apps", "extensions"), "Deployment", "spec.template", "spec.selector"),
            new WorkloadKind(Set.of("apps", "extensions"), "StatefulSet", "spec.template", "spec.selector"),
            new WorkloadKind(Set.of("apps", "extensions"), "DaemonSet", "spec.template", "spec.selector"),
            new WorkloadKind(Set.of("apps", "extensions"), "ReplicaSet", "spec.template", "spec.selector"),
            new WorkloadKind(Set.of("batch"), "Job", "spec.template", null),
            new WorkloadKind(Set.of("batch"), "CronJob", "spec.jobTemplate.spec.template", null));

    /** Where the pod labels are, e.g. {@code spec.template.metadata.labels}. */
    public String labelsPath() {
        return podTemplatePath.isEmpty() ? "metadata.labels" : podTemplatePath + ".metadata.labels";
    }

    public boolean matches(String group, String kind) {
        return this.kind.equals(kind) && groups.contains(group);
    }
}
