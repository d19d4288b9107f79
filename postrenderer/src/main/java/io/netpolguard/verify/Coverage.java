package io.netpolguard.verify;

import io.netpolguard.model.Workload;

import java.util.List;
import java.util.Map;

/**
 * Which NetworkPolicies of its namespace select a workload's pods.
 *
 * @param workload   the workload
 * @param namespace  its namespace, or null for the release namespace when its name was not given
 * @param labels     its pod labels as they will be created
 * @param selectedBy every policy whose podSelector matches, whatever its policyTypes (the admission rule)
 * @param ingress    the policies among them that isolate ingress
 * @param egress     the policies among them that isolate egress
 */
public record Coverage(Workload workload, String namespace, Map<String, String> labels, List<String> selectedBy,
                       List<String> ingress, List<String> egress) {

    /** "team-a/shop-web", or "shop-web" when the namespace is the unnamed release namespace. */
    public String qualifiedName() {
        return namespace == null ? workload.name() : namespace + "/" + workload.name();
    }

    public boolean isSelected() {
        return !selectedBy.isEmpty();
    }
}
