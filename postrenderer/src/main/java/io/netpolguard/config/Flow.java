package io.netpolguard.config;

import io.netpolguard.model.Direction;
import io.netpolguard.model.PortRange;

import java.util.List;
import java.util.Map;

/**
 * A flow no manifest shows (an app's call to an internet API, a database in another release), declared in the
 * configuration under {@code flows:}.
 *
 * @param description what it is for, as the user wrote it; null when not written
 * @param workload    the workloads it concerns; null for every workload of the release
 * @param direction   INGRESS for traffic into those pods ({@code from:}), EGRESS for traffic out of them ({@code to:})
 * @param peers       who they talk to
 * @param ports       on which ports (of the release's pods for ingress, of the peers for egress)
 */
public record Flow(String description, WorkloadMatch workload, Direction direction, List<Peer> peers,
                   List<PortRange> ports) {

    /**
     * One peer of a flow: addresses, the pods of another netpol-guard release, or pods by namespace and labels.
     *
     * @param cidrs           addresses (an IP block per CIDR); empty otherwise
     * @param except          addresses inside those CIDRs that are not meant
     * @param release         another release isolated by netpol-guard (its pods carry netpol-guard.io/release); null
     * @param namespace       the peer's namespace; null for the policy's own (with release or podLabels) or any (with
     *                        namespaceLabels)
     * @param namespaceLabels labels of the peer's namespaces; null when not written
     * @param podLabels       labels of the peer's pods; null when not written
     */
    public record Peer(List<String> cidrs, List<String> except, String release, String namespace,
                       Map<String, String> namespaceLabels, Map<String, String> podLabels) {
    }
}
