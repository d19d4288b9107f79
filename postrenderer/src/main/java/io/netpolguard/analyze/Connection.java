package io.netpolguard.analyze;

import io.netpolguard.connectivity.Connections;

/**
 * Connections the policies allow from one peer to another.
 *
 * @param source      the peer that opens them
 * @param destination the peer that accepts them
 * @param connections what is allowed; never empty
 */
public record Connection(Peer source, Peer destination, Connections connections) {

    /** np-guard's line: "SRC => DST : CONNS". */
    public String line() {
        return source.name() + " => " + destination.name() + " : " + connections;
    }
}
