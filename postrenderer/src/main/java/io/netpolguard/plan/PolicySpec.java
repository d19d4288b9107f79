package io.netpolguard.plan;

import io.netpolguard.model.LabelSelector;

import java.util.List;

/**
 * A NetworkPolicy netpol-guard will add.
 *
 * @param name        its name
 * @param namespace   its namespace, or null for the release namespace (Helm fills it in)
 * @param hookEvents  the Helm hook events it is created for; empty for a regular manifest
 * @param hookWeight  its hook weight (lower than every hook of the stream)
 * @param podSelector the pods it isolates
 * @param ingress     whether it isolates them for ingress
 * @param egress      whether it isolates them for egress
 * @param peers       the pods of the release that may reach and be reached
 * @param covers      the workloads it was generated for, e.g. "Deployment shop-web", for the report
 */
public record PolicySpec(String name, String namespace, List<String> hookEvents, int hookWeight,
                         LabelSelector podSelector, boolean ingress, boolean egress, List<Peer> peers,
                         List<String> covers) {

    /**
     * Pods of the release that are allowed peers.
     *
     * @param namespace the peer's namespace when it differs from the policy's; null for the same namespace
     * @param pods      the peer pods
     */
    public record Peer(String namespace, LabelSelector pods) {
        // Written out: the generated ones are bootstrapped through invokedynamic at start-up.
        @Override
        public boolean equals(Object o) {
            return o instanceof Peer p && java.util.Objects.equals(namespace, p.namespace) && pods.equals(p.pods);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hashCode(namespace) * 31 + pods.hashCode();
        }
    }

    public boolean isHook() {
        return !hookEvents.isEmpty();
    }
}
