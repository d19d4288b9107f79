package io.netpolguard.observe;

import io.netpolguard.model.Protocol;

/**
 * One observed flow: who opened a connection to whom, on which protocol and destination port. Records that differ
 * only in what a flow log adds (times, source ports, verdicts) fold into one flow with a count.
 *
 * @param source      who opened it
 * @param destination who accepted it
 * @param protocol    TCP, UDP or SCTP
 * @param port        the destination port
 */
public record ObservedFlow(FlowEnd source, FlowEnd destination, Protocol protocol, int port) {

    /** "team-a/web-7d4b9c-x2x9z => 203.0.113.7 on TCP 443". */
    public String describe() {
        return source.describe() + " => " + destination.describe() + " on " + protocol + " " + port;
    }
}
