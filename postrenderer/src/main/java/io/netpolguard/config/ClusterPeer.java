package io.netpolguard.config;

import java.util.List;
import java.util.Map;

/**
 * Pods outside the release that the cluster runs for everyone (an ingress controller, Prometheus), or the
 * addresses they use when they run on the host network.
 *
 * @param namespace their namespace; null for any namespace
 * @param podLabels labels that select their pods; empty for every pod of the namespace
 * @param cidrs     addresses instead of pods (a controller on the host network); empty when selected by labels
 */
public record ClusterPeer(String namespace, Map<String, String> podLabels, List<String> cidrs) {

    /** Compliant Kubernetes and most clusters run ingress-nginx so. */
    public static final ClusterPeer INGRESS_NGINX = new ClusterPeer("ingress-nginx",
            Map.of("app.kubernetes.io/name", "ingress-nginx"), List.of());
    /** Pods that prometheus-operator creates for a Prometheus resource, in any namespace. */
    public static final ClusterPeer PROMETHEUS = new ClusterPeer(null,
            Map.of("app.kubernetes.io/name", "prometheus"), List.of());

    /** "pods {app.kubernetes.io/name=ingress-nginx} in namespace ingress-nginx", for reasons and messages. */
    public String describe() {
        if (!cidrs.isEmpty()) {
            return "addresses " + String.join(", ", cidrs);
        }
        String pods = podLabels.isEmpty() ? "every pod" : "pods " + new java.util.TreeMap<>(podLabels);
        return pods + (namespace == null ? " in any namespace" : " in namespace " + namespace);
    }
}
