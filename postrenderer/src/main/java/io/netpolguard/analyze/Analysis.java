package io.netpolguard.analyze;

import io.netpolguard.connectivity.Network;

import java.util.List;
import java.util.Optional;

/**
 * The connectivity of a manifest: every pair of peers with the connections the policies allow between them.
 *
 * @param options     how it was analysed
 * @param network     the policies, for questions about single connections ({@link Explain})
 * @param peers       the workloads, the External ranges and (when an Ingress reaches a workload) the ingress
 *                    controller, sorted by name
 * @param connections one per ordered pair of different peers with a non-empty connection set (none between two
 *                    External peers), sorted by source and destination name
 * @param exposure    the exposure analysis; null unless asked for
 * @param warnings    what the analysis could not use (an Ingress to a missing Service, ...), in input order
 * @param unreached   the Services of the input that nothing in it reaches, in input order
 */
public record Analysis(Options options, Network network, List<Peer> peers, List<Connection> connections,
                       Exposure exposure, List<String> warnings, List<Unreached> unreached) {

    public Analysis {
        peers = List.copyOf(peers);
        connections = List.copyOf(connections);
        warnings = List.copyOf(warnings);
        unreached = List.copyOf(unreached);
    }

    /** The peer with exactly this name ("ns/web[Deployment]"). */
    public Optional<Peer> peer(String name) {
        return peers.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
