package io.netpolguard.model;

import java.util.List;
import java.util.Objects;

/**
 * A NetworkPolicy found in the stream, with every field that decides what it selects and admits.
 *
 * @param object       the object
 * @param podSelector  {@code spec.podSelector}; {@link LabelSelector#EVERYTHING} when empty or absent
 * @param ingress      true when it isolates its pods for ingress (policyTypes, or Kubernetes' defaulting)
 * @param egress       true when it isolates its pods for egress
 * @param ingressRules {@code spec.ingress}
 * @param egressRules  {@code spec.egress}
 */
public record NetworkPolicy(KubeObject object, LabelSelector podSelector, boolean ingress, boolean egress,
                            List<Rule> ingressRules, List<Rule> egressRules) {

    /**
     * One ingress or egress rule.
     *
     * @param peers its {@code from} or {@code to}; empty when it has none: every source or destination
     * @param ports its {@code ports}; empty when it has none: every port of every protocol
     */
    public record Rule(List<Peer> peers, List<Port> ports) {

        /** True for a rule without peers, which admits every source or destination. */
        public boolean anyPeer() {
            return peers.isEmpty();
        }
    }

    /**
     * One peer of a rule: pods (by pod and namespace selectors) or addresses (an IP block).
     */
    public static final class Peer {
        private final LabelSelector podSelector;
        private final LabelSelector namespaceSelector;
        private final IpBlock ipBlock;

        /**
         * @param podSelector       the peer's podSelector, or null when absent
         * @param namespaceSelector the peer's namespaceSelector, or null when absent
         * @param ipBlock           the peer's ipBlock, or null
         */
        public Peer(LabelSelector podSelector, LabelSelector namespaceSelector, IpBlock ipBlock) {
            this.podSelector = podSelector;
            this.namespaceSelector = namespaceSelector;
            this.ipBlock = ipBlock;
        }

        public LabelSelector podSelector() {
            return podSelector;
        }

        public LabelSelector namespaceSelector() {
            return namespaceSelector;
        }

        public IpBlock ipBlock() {
            return ipBlock;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Peer p && Objects.equals(podSelector, p.podSelector)
                    && Objects.equals(namespaceSelector, p.namespaceSelector) && Objects.equals(ipBlock, p.ipBlock);
        }

        @Override
        public int hashCode() {
            return Objects.hash(podSelector, namespaceSelector, ipBlock);
        }
    }

    /**
     * An {@code ipBlock} peer.
     */
    public static final class IpBlock {
        private final String cidr;
        private final List<String> except;

        /**
         * @param cidr   the block
         * @param except the blocks inside it that are not admitted
         */
        public IpBlock(String cidr, List<String> except) {
            this.cidr = cidr;
            this.except = except;
        }

        public String cidr() {
            return cidr;
        }

        public List<String> except() {
            return except;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IpBlock b && cidr.equals(b.cidr) && except.equals(b.except);
        }

        @Override
        public int hashCode() {
            return cidr.hashCode() * 31 + except.hashCode();
        }
    }

    /**
     * One entry of a rule's {@code ports}.
     *
     * @param protocol its protocol (TCP when not written)
     * @param port     the port by number or name; null when not written: every port of the protocol
     * @param endPort  the last port of a range starting at {@code port}; 0 when not written
     */
    public record Port(Protocol protocol, PortRef port, int endPort) {
    }

    /** The rules of one direction. */
    public List<Rule> rules(Direction direction) {
        return direction == Direction.INGRESS ? ingressRules : egressRules;
    }

    /** Whether it isolates its pods in one direction. */
    public boolean isolates(Direction direction) {
        return direction == Direction.INGRESS ? ingress : egress;
    }

    /** True when the policy is one that netpol-guard generated on an earlier run. */
    public boolean isGenerated() {
        return object.isGenerated();
    }
}
