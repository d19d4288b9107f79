package io.netpolguard.config;

import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.Workload;

import java.util.Map;

/**
 * Names workloads of the release in the configuration: by kind and name, or by pod labels.
 *
 * @param kind      the kind, or null for any kind
 * @param name      the name, or null when the pod labels decide
 * @param podLabels labels the pod template must carry; empty when the name decides
 */
public record WorkloadMatch(String kind, String name, Map<String, String> podLabels) {

    public boolean matches(Workload w) {
        if (kind != null && !kind.equals(w.kind())) {
            return false;
        }
        if (name != null && !name.equals(w.name())) {
            return false;
        }
        return LabelSelector.matchesAll(podLabels, w.podLabels());
    }

    /** "Deployment shop-backend", "pods {app=web}". */
    public String describe() {
        if (name != null) {
            return (kind == null ? "workload" : kind) + " " + name;
        }
        return (kind == null ? "" : kind + " ") + "pods " + new java.util.TreeMap<>(podLabels);
    }
}
