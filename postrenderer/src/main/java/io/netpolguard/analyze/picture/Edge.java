package io.netpolguard.analyze.picture;

import java.util.Objects;

/**
 * An allowed connection from one node to another (or to itself).
 *
 * @param from the id of the node that opens the connection
 * @param to the id of the node that accepts it
 * @param label the protocols and ports, e.g. "TCP 8080,UDP 53"; empty when null. A long label is
 *     wrapped after its commas.
 */
public record Edge(String from, String to, String label) {

    public Edge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        label = label == null ? "" : label;
    }
}
