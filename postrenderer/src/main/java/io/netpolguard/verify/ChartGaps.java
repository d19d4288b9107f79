package io.netpolguard.verify;

import io.netpolguard.connectivity.Connections;
import io.netpolguard.model.Backends;
import io.netpolguard.model.Direction;
import io.netpolguard.model.HookEvents;
import io.netpolguard.connectivity.Endpoint;
import io.netpolguard.connectivity.Network;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.NamedPorts;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.PortRange;
import io.netpolguard.model.Scope;
import io.netpolguard.model.Service;
import io.netpolguard.model.Workload;
import io.netpolguard.plan.allow.Opening;
import io.netpolguard.plan.allow.Peers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Where a chart's own policies isolate a pod in a direction, netpol-guard adds nothing there (it never widens a
 * chart's policy). This says where such a policy blocks what the pod needs: a flow an allowance would have opened,
 * or a {@code helm test} pod that can reach none of the release's Services.
 */
public final class ChartGaps {

    private final Manifest manifest;
    private final Map<Workload, Map<String, String>> podLabels;
    private final ChartNetwork chart;
    private final Scope scope;
    private final Network network;

    private ChartGaps(ChartNetwork chart, Manifest manifest, Map<Workload, Map<String, String>> podLabels) {
        this.manifest = manifest;
        this.podLabels = podLabels;
        this.chart = chart;
        this.scope = chart.scope;
        this.network = chart.network;
    }

    /**
     * @param chartDecides the openings in directions the chart's own policies isolate
     * @param podLabels    the in-scope workloads' pod labels as they will be created
     */
    public static List<Finding> findings(ChartNetwork chart, List<Opening> chartDecides, Manifest manifest,
                                         Map<Workload, Map<String, String>> podLabels) {
        ChartGaps gaps = new ChartGaps(chart, manifest, podLabels);
        Map<String, Finding> findings = new LinkedHashMap<>(); // by message: one warning says it once
        chartDecides.forEach(o -> gaps.blocked(o, findings));
        for (Workload w : podLabels.keySet()) {
            if (HookEvents.anyOf(w.object(), HookEvents.TEST) && !w.hostNetwork()) {
                gaps.testPod(w, findings);
            }
        }
        return List.copyOf(findings.values());
    }

    private Endpoint.Pods pods(Workload w) {
        return chart.pods(w, podLabels.get(w));
    }

    private void blocked(Opening o, Map<String, Finding> findings) {
        Endpoint.Pods pods = pods(o.workload());
        List<String> missing = new ArrayList<>();
        List<Endpoint> peers = o.peers().isEmpty() ? List.of(Endpoint.addresses("0.0.0.0/0"))
                : o.peers().stream().map(p -> peer(p, pods.namespace())).toList();
        for (Endpoint peer : peers) {
            Connections allowed = o.direction() == Direction.INGRESS ? network.ingress(peer, pods)
                    : network.egress(pods, peer);
            if (o.ports().isEmpty() && !Connections.ALL.minus(allowed).isEmpty()) {
                missing.add("every port"); // an opening of every port (the release's own ingress controller)
            }
            for (PortRange r : o.ports()) {
                if (!allowed.contains(r.protocol(), r.first()) || !allowed.contains(r.protocol(), r.last())) {
                    missing.add(r.toString());
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        Direction direction = o.direction();
        add(findings, o.workload(), direction, policies(pods, direction) + " (from the chart) isolates "
                + direction.lowerName() + " of " + o.workload().describe() + " and does not allow "
                + o.describeFlow() + ", which it needs (" + o.reason().describe() + "). netpol-guard never widens a"
                + " chart's own policy: open it in the chart (its values for that policy), or turn the chart's policy"
                + " off and let netpol-guard isolate the workload.");
    }

    /** A {@code helm test} pod whose egress the chart isolates must reach at least one Service of the release. */
    private void testPod(Workload test, Map<String, Finding> findings) {
        Endpoint.Pods pods = pods(test);
        if (!network.isolated(pods, Direction.EGRESS)) {
            return;
        }
        List<String> targets = new ArrayList<>();
        for (Service s : manifest.services()) {
            for (Workload w : podLabels.keySet()) {
                if (w == test || w.hostNetwork() || !s.sendsTo(w, scope)) {
                    continue;
                }
                for (Service.Port p : s.ports()) {
                    int port = Backends.port(p, w.pod(), NamedPorts.KUBERNETES);
                    if (port == 0) {
                        continue;
                    }
                    if (network.egress(pods, pods(w)).contains(p.protocol(), port)) {
                        return;
                    }
                    targets.add(s.object().name() + ":" + p.port());
                }
            }
        }
        if (!targets.isEmpty()) {
            add(findings, test, Direction.EGRESS, policies(pods, Direction.EGRESS) + " (from the chart) isolates egress of "
                    + test.describe()
                    + ", a helm test, and lets it reach none of the release's Services (" + String.join(", ",
                    new LinkedHashSet<>(targets)) + "), so `helm test` fails. netpol-guard never widens a chart's own"
                    + " policy: let the test pod reach the Service in the chart.");
        }
    }

    private void add(Map<String, Finding> findings, Workload w, Direction direction, String message) {
        List<NetworkPolicy> selecting = network.selecting(pods(w), direction);
        findings.putIfAbsent(message, new Finding(Finding.Kind.CHART_GAP, w, direction,
                selecting.isEmpty() ? null : selecting.get(0).object(), null, null, null, message));
    }

    private String policies(Endpoint.Pods pods, Direction direction) {
        List<String> names = network.selecting(pods, direction).stream()
                .map(p -> scope.qualify(p.object())).toList();
        return (names.size() == 1 ? "NetworkPolicy " : "NetworkPolicies ") + String.join(", ", names);
    }

    /**
     * The pods of the release's workload a peer names (segregation names a workload's own pods), with every label
     * they carry; otherwise a {@link #representative} pod or address.
     */
    private Endpoint peer(NetworkPolicy.Peer peer, String ownNamespace) {
        LabelSelector selector = peer.podSelector();
        String named = peer.namespaceSelector() == null ? ownNamespace : Peers.namespaceName(peer.namespaceSelector());
        if (peer.ipBlock() == null && selector != null && !selector.isEmpty() && named != null) {
            for (Map.Entry<Workload, Map<String, String>> e : podLabels.entrySet()) {
                Endpoint.Pods candidate = pods(e.getKey());
                if (named.equals(candidate.namespace()) && selector.matches(e.getValue())) {
                    return candidate;
                }
            }
        }
        return representative(peer, ownNamespace);
    }

    /** A pod or address standing for a peer of an opening, for asking whether the chart admits it. */
    private static Endpoint representative(NetworkPolicy.Peer peer, String ownNamespace) {
        if (peer.ipBlock() != null) {
            return Endpoint.addresses(peer.ipBlock().cidr());
        }
        LabelSelector ns = peer.namespaceSelector();
        LabelSelector pods = peer.podSelector();
        String named = ns == null ? ownNamespace : Peers.namespaceName(ns);
        if (named != null) {
            return pods == null || pods.isEmpty() ? Endpoint.anyPodOf(named)
                    : pods.expressions().isEmpty() ? Endpoint.pod(named, pods.matchLabels())
                    : new Endpoint.Representative(Peers.namespaceNamed(named), pods);
        }
        return new Endpoint.Representative(ns, pods);
    }
}
