package io.netpolguard.connectivity;

import io.netpolguard.model.Direction;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.Protocol;

import java.util.List;

/**
 * Why one connection (protocol and port from a source to a destination) is allowed or not: the egress side at the
 * source and the ingress side at the destination. The connection is allowed when both sides allow it.
 *
 * @param source      the source
 * @param destination the destination
 * @param protocol    the protocol
 * @param port        the destination port
 * @param egress      the source's side
 * @param ingress     the destination's side
 */
public record Explanation(Endpoint source, Endpoint destination, Protocol protocol, int port, Side egress,
                         Side ingress) {

    /** True when both sides allow the connection. */
    public boolean allowed() {
        return egress.allows() && ingress.allows();
    }

    /**
     * One side of a connection.
     *
     * @param direction  egress (at the source) or ingress (at the destination)
     * @param isolated   some policy selects the pods in this direction, so only what its rules admit is allowed
     * @param policies   the policies that select them in this direction
     * @param admitting  the rules of those policies that admit the connection (peer and port)
     * @param peerOnly   the rules that admit the peer, but not on this protocol and port
     */
    public record Side(Direction direction, boolean isolated, List<NetworkPolicy> policies, List<RuleRef> admitting,
                       List<RuleRef> peerOnly) {

        public Side {
            policies = List.copyOf(policies);
            admitting = List.copyOf(admitting);
            peerOnly = List.copyOf(peerOnly);
        }

        /** An unisolated side allows everything; an isolated one what some rule admits. */
        public boolean allows() {
            return !isolated || !admitting.isEmpty();
        }
    }
}
