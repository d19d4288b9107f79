package io.netpolguard.plan.allow;

import io.netpolguard.config.Allowance;
import io.netpolguard.model.Direction;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.PortRange;
import io.netpolguard.model.Protocol;
import io.netpolguard.model.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Traffic one workload of the release needs beyond its own release and DNS.
 *
 * @param allowance the allowance that derived it
 * @param workload  the workload whose pods it concerns
 * @param direction INGRESS for traffic into its pods, EGRESS for traffic out of them
 * @param peers     who may reach them, or whom they may reach; empty for every source or destination
 * @param ports     on which ports: of the workload's pods for ingress, of the peers for egress; empty for every port
 *                  (only where the ports cannot be known: the backends of the release's own ingress controller)
 * @param reason    why
 * @param named     the release's workloads whose pods its peers name by the labels netpol-guard gives them
 *                  (segregated: the Services it uses, its consumers, the release's own Prometheus and ingress
 *                  controller); empty for the others
 */
public record Opening(Allowance allowance, Workload workload, Direction direction, List<NetworkPolicy.Peer> peers,
                      List<PortRange> ports, Reason reason, List<Workload> named) {

    /** An opening whose peers name no workload of the release. */
    public Opening(Allowance allowance, Workload workload, Direction direction, List<NetworkPolicy.Peer> peers,
                   List<PortRange> ports, Reason reason) {
        this(allowance, workload, direction, peers, ports, reason, List.of());
    }

    /** "ingress from any address on TCP 8443", for summaries. */
    public String describeFlow() {
        String who = peers.isEmpty() ? "any address" : String.join(", ", peers.stream().map(Peers::describe).toList());
        return direction.lowerName() + " " + direction.peerField() + " " + who + " on " + describe(ports);
    }

    /** "TCP 443,6443, UDP 53"; "every port". */
    private static String describe(List<PortRange> ports) {
        if (ports.isEmpty()) {
            return "every port";
        }
        Map<Protocol, List<String>> byProtocol = new TreeMap<>();
        for (PortRange p : ports) {
            byProtocol.computeIfAbsent(p.protocol(), k -> new ArrayList<>())
                    .add(p.first() == p.last() ? Integer.toString(p.first()) : p.first() + "-" + p.last());
        }
        return String.join(", ", byProtocol.entrySet().stream().map(e -> e.getKey() + " " + String.join(",", e.getValue()))
                .toList());
    }
}
