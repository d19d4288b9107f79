package io.netpolguard.connectivity;

import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.Labels;
import io.netpolguard.model.NetworkPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One rule of a {@link Network}'s policies, ready to be asked: its ipBlocks parsed, its ports computed once when they
 * name no port, and which endpoints its peers admit.
 */
final class CompiledRule {

    final RuleRef ref;
    /** Its position among all the network's rules. */
    final int id;
    /** Per peer: the ranges of its ipBlock, or null for a pod peer. */
    private final List<List<AddressRange>> blocks = new ArrayList<>();
    /** The rule's connections when no entry names a port; null when they depend on the destination. */
    private final Connections fixedPorts;

    /** @throws IllegalArgumentException when an ipBlock holds no valid CIDR (the message names the rule and peer) */
    CompiledRule(RuleRef ref, int id) {
        this.ref = ref;
        this.id = id;
        for (int i = 0; i < ref.rule().peers().size(); i++) {
            NetworkPolicy.IpBlock b = ref.rule().peers().get(i).ipBlock();
            if (b == null) {
                blocks.add(null);
                continue;
            }
            try {
                blocks.add(AddressRange.block(b.cidr(), b.except()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ref.where() + " (" + ref.direction().peerField() + "[" + i
                        + "].ipBlock): " + e.getMessage(), e);
            }
        }
        boolean named = ref.rule().ports().stream().anyMatch(p -> p.port() != null && p.port().isNamed());
        fixedPorts = named ? null : Network.ports(ref.rule(), null);
    }

    /** The ranges of its ipBlocks, peer by peer. */
    List<AddressRange> ranges() {
        List<AddressRange> result = new ArrayList<>();
        for (List<AddressRange> b : blocks) {
            if (b != null) {
                result.addAll(b);
            }
        }
        return result;
    }

    /** The connections its ports admit to a destination. */
    Connections ports(Endpoint destination) {
        return fixedPorts != null ? fixedPorts : Network.ports(ref.rule(), destination);
    }

    /**
     * True when a peer of the rule admits the endpoint (every endpoint when it has no peers).
     *
     * @param nsLabels the labels of the namespace of pods; empty for the other endpoints
     */
    boolean admits(Endpoint endpoint, Map<String, String> nsLabels) {
        List<NetworkPolicy.Peer> peers = ref.rule().peers();
        if (peers.isEmpty()) {
            return true;
        }
        for (int i = 0; i < peers.size(); i++) {
            NetworkPolicy.Peer peer = peers.get(i);
            boolean match;
            if (endpoint instanceof Endpoint.Addresses a) {
                match = blocks.get(i) != null && within(a.range(), blocks.get(i));
            } else if (peer.ipBlock() != null || (peer.podSelector() == null && peer.namespaceSelector() == null)) {
                match = false; // addresses only, or a peer without selectors, which Kubernetes refuses
            } else if (endpoint instanceof Endpoint.Pods p) {
                match = selects(peer, p, nsLabels);
            } else {
                match = represents(peer, (Endpoint.Representative) endpoint);
            }
            if (match) {
                return true;
            }
        }
        return false;
    }

    private boolean selects(NetworkPolicy.Peer peer, Endpoint.Pods pods, Map<String, String> nsLabels) {
        boolean namespace = peer.namespaceSelector() == null ? pods.namespace().equals(ref.namespace())
                : peer.namespaceSelector().matches(nsLabels);
        return namespace && (peer.podSelector() == null || peer.podSelector().matches(pods.labels()));
    }

    private boolean represents(NetworkPolicy.Peer peer, Endpoint.Representative r) {
        boolean namespace = peer.namespaceSelector() == null
                ? Selectors.sameRequirements(r.namespaces(), LabelSelector.of(Map.of(Labels.NAMESPACE_NAME,
                ref.namespace())))
                : peer.namespaceSelector().isEmpty() || Selectors.sameRequirements(peer.namespaceSelector(),
                r.namespaces());
        if (!namespace) {
            return false;
        }
        LabelSelector pods = peer.podSelector();
        return pods == null || pods.isEmpty()
                || (r.pods() != null && Selectors.sameRequirements(pods, r.pods()));
    }

    private static boolean within(AddressRange range, List<AddressRange> block) {
        for (AddressRange b : block) {
            if (b.contains(range)) {
                return true;
            }
        }
        return false;
    }
}
