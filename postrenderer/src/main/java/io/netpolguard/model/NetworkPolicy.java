package io.netpolguard.model;

import java.util.List;

/**
 * A NetworkPolicy found in the stream, reduced to what decides selection and isolation.
 *
 * @param object      the object
 * @param podSelector {@code spec.podSelector}; {@link LabelSelector#EVERYTHING} when empty or absent
 * @param ingress     true when it isolates its pods for ingress (policyTypes, or Kubernetes' defaulting)
 * @param egress      true when it isolates its pods for egress
 * @param ingressPeers the peers its ingress rules admit
 * @param egressPeers  the peers its egress rules admit
 */
public record NetworkPolicy(KubeObject object, LabelSelector podSelector, boolean ingress, boolean egress,
                            List<Peer> ingressPeers, List<Peer> egressPeers) {

    /**
     * One peer of a rule. A rule without peers is written as one peer with {@code anywhere} true.
     *
     * @param anywhere          the rule has no from/to: every source or destination
     * @param podSelector       the peer's podSelector, or null when absent
     * @param namespaceSelector the peer's namespaceSelector, or null when absent
     * @param ipBlock           the peer's ipBlock CIDR, or null
     */
    public record Peer(boolean anywhere, LabelSelector podSelector, LabelSelector namespaceSelector,
                       String ipBlock) {
    }

    /** True when the policy is one that netpol-guard generated on an earlier run. */
    public boolean isGenerated() {
        return object.isGenerated();
    }
}
