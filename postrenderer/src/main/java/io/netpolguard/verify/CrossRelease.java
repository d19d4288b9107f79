package io.netpolguard.verify;

import io.netpolguard.connectivity.Connections;
import io.netpolguard.model.Direction;
import io.netpolguard.connectivity.Endpoint;
import io.netpolguard.connectivity.Network;
import io.netpolguard.connectivity.RuleRef;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.Labels;
import io.netpolguard.model.Namespace;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.PortRange;
import io.netpolguard.model.Scope;
import io.netpolguard.model.Workload;
import io.netpolguard.plan.allow.Opening;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The connections between a workload of the release and anything outside it that netpol-guard's own policies do not
 * explain: rules of the chart's own NetworkPolicies that select a workload of the release and admit peers outside
 * it (a rule without peers, an ipBlock, a namespaceSelector not pinned to a namespace of the release, every pod of a
 * namespace, other tenants included). A rule whose peers are pods picked by labels within the release's namespaces
 * stays inside. What an allowance derived for the same workload (an opening to any source, or to the same peers)
 * explains the connection, and is not a finding.
 */
public final class CrossRelease {

    /**
     * @param findings one per workload and rule
     * @param warnings one sentence per rule, naming the workloads it concerns
     */
    public record Outcome(List<Finding> findings, List<String> warnings) {
    }

    private static final String ANYWHERE = "anywhere (every pod and every address)";
    /** The destination standing for "outside": no pod, so a named port resolves to nothing. */
    private static final Endpoint OUTSIDE = new Endpoint.Representative(LabelSelector.EVERYTHING, null);

    private final ChartNetwork chart;
    private final Scope scope;
    private final Network network;
    private final Map<Workload, Endpoint.Pods> pods = new LinkedHashMap<>();
    private final Set<String> releaseNamespaces = new LinkedHashSet<>();
    private final List<Opening> openings;

    private CrossRelease(ChartNetwork chart, Map<Workload, Map<String, String>> podLabels, List<Opening> openings) {
        this.chart = chart;
        this.scope = chart.scope;
        this.openings = openings;
        this.network = chart.network;
        for (Map.Entry<Workload, Map<String, String>> e : podLabels.entrySet()) {
            Workload w = e.getKey();
            releaseNamespaces.add(scope.engineName(scope.of(w.object())));
            if (!w.hostNetwork()) { // no policy governs such pods; ChartReview says so
                pods.put(w, chart.pods(w, e.getValue()));
            }
        }
    }

    /**
     * @param podLabels the in-scope workloads' pod labels as they will be created
     * @param openings  what the allowances derived for them (explained connections)
     */
    public static Outcome find(ChartNetwork chart, Map<Workload, Map<String, String>> podLabels,
                               List<Opening> openings) {
        List<NetworkPolicy> chartPolicies = chart.policies;
        CrossRelease c = new CrossRelease(chart, podLabels, openings);
        List<Finding> findings = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (NetworkPolicy p : chartPolicies) {
            for (Direction d : Direction.values()) {
                if (!p.isolates(d)) {
                    continue;
                }
                List<NetworkPolicy.Rule> rules = p.rules(d);
                for (int i = 0; i < rules.size(); i++) {
                    List<Finding> ofRule = c.rule(p, d, i, rules.get(i));
                    if (!ofRule.isEmpty()) {
                        findings.addAll(ofRule);
                        warnings.add(c.sentence(p, d, i, ofRule));
                    }
                }
            }
        }
        return new Outcome(List.copyOf(findings), List.copyOf(warnings));
    }

    private String name(Namespace ns) {
        return scope.engineName(ns);
    }

    private List<Finding> rule(NetworkPolicy p, Direction d, int index, NetworkPolicy.Rule rule) {
        String policyNamespace = name(scope.of(p.object()));
        List<NetworkPolicy.Peer> outside = new ArrayList<>();
        List<String> admits = new ArrayList<>();
        if (rule.anyPeer()) {
            admits.add(ANYWHERE);
        }
        for (NetworkPolicy.Peer peer : rule.peers()) {
            if (isOutside(peer)) {
                outside.add(peer);
                admits.add(RuleRef.peer(peer, policyNamespace));
            }
        }
        if (admits.isEmpty()) {
            return List.of();
        }
        boolean voided = rule.anyPeer() && rule.ports().isEmpty();
        String where = where(d, index);
        String who = String.join("; ", admits);
        List<Finding> result = new ArrayList<>();
        for (Map.Entry<Workload, Endpoint.Pods> e : pods.entrySet()) {
            Workload w = e.getKey();
            if (network.selecting(e.getValue(), d).stream().noneMatch(s -> s == p)) {
                continue;
            }
            // A voided direction is open whatever an allowance explains; otherwise what one explains is no finding.
            Connections on = voided ? Connections.ALL : Network.ports(rule, d == Direction.INGRESS ? e.getValue()
                    : OUTSIDE).minus(explained(w, d, rule.anyPeer() ? List.of() : outside));
            List<String> named = d == Direction.EGRESS ? namedPorts(rule) : List.of();
            if (on.isEmpty() && named.isEmpty()) {
                continue;
            }
            String connections = on.isEmpty() ? String.join(",", named)
                    : named.isEmpty() ? on.toString() : on + "," + String.join(",", named);
            String message = describe(w) + ": " + policy(p) + " " + where + (voided
                    ? " has neither peers nor ports, so " + d.lowerName() + " of its pods is not isolated at all."
                    : " admits " + admitted(d) + who + ", outside the release, on " + connections + ".");
            result.add(new Finding(voided ? Finding.Kind.ISOLATION_VOIDED : Finding.Kind.CROSS_RELEASE, w,
                    d, p.object(), where, who, connections, message));
        }
        return result;
    }

    /**
     * A peer outside the release: addresses, a namespaceSelector that does not pin one of the release's namespaces,
     * or every pod of a namespace (other tenants' included). A peer without selectors admits nothing.
     */
    private boolean isOutside(NetworkPolicy.Peer peer) {
        if (peer.ipBlock() != null) {
            return true;
        }
        if (peer.podSelector() == null && peer.namespaceSelector() == null) {
            return false;
        }
        LabelSelector ns = peer.namespaceSelector();
        if (ns != null && releaseNamespaces.stream().noneMatch(n -> ns.requires(Labels.NAMESPACE_NAME, n))) {
            return true;
        }
        return peer.podSelector() == null || peer.podSelector().isEmpty();
    }

    /** What the allowances opened for this workload in this direction, to any peer or to exactly these peers. */
    private Connections explained(Workload w, Direction d, List<NetworkPolicy.Peer> peers) {
        Connections result = Connections.NONE;
        for (Opening o : openings) {
            if (o.workload() != w || o.direction() != d
                    || !(o.peers().isEmpty() || (!peers.isEmpty() && o.peers().containsAll(peers)))) {
                continue;
            }
            if (o.ports().isEmpty()) {
                return Connections.ALL; // an opening of every port (the release's own ingress controller)
            }
            for (PortRange r : o.ports()) {
                result = result.union(Connections.of(r.protocol(), r.first(), r.last()));
            }
        }
        return result;
    }

    /** Egress to a port by name: it depends on the pods reached, which are outside the stream. */
    private static List<String> namedPorts(NetworkPolicy.Rule rule) {
        List<String> result = new ArrayList<>();
        for (NetworkPolicy.Port p : rule.ports()) {
            if (p.port() != null && p.port().isNamed()) {
                result.add(p.protocol() + " port named " + p.port().name());
            }
        }
        return result;
    }

    /** "Deployment team-a/web"; "Deployment (release namespace)/web" when that namespace was not given. */
    private String describe(Workload w) {
        Namespace ns = scope.of(w.object());
        return scope.name(ns) == null ? w.describe() : w.kind() + " " + scope.qualify(ns, w.name());
    }

    private String policy(NetworkPolicy p) {
        KubeObject o = p.object();
        return "NetworkPolicy " + scope.qualify(scope.of(o), o.name()) + " (from the chart"
                + (o.source() == null ? "" : ", " + o.source()) + ")";
    }

    /** One sentence for a rule, naming every workload it concerns. */
    private String sentence(NetworkPolicy p, Direction d, int index, List<Finding> ofRule) {
        String where = where(d, index);
        String advice = " " + Finding.NARROW_THE_RULE;
        if (ofRule.get(0).kind() == Finding.Kind.ISOLATION_VOIDED) {
            List<String> names = ofRule.stream().map(f -> describe(f.workload())).toList();
            return policy(p) + " " + where + " has neither peers nor ports, so " + d.lowerName() + " of " + and(names)
                    + " is not isolated at all: " + (d == Direction.INGRESS
                    ? "anything may reach " + (names.size() == 1 ? "its pods" : "their pods")
                    : (names.size() == 1 ? "its pods" : "their pods") + " may reach anything") + ", outside the release"
                    + " too." + advice;
        }
        Map<String, List<String>> byConnections = new LinkedHashMap<>();
        for (Finding f : ofRule) {
            byConnections.computeIfAbsent(f.connections(), k -> new ArrayList<>()).add(describe(f.workload()));
        }
        List<String> parts = new ArrayList<>();
        byConnections.forEach((connections, names) -> parts.add(and(names) + " on " + connections));
        return policy(p) + " " + where + " admits " + admitted(d) + ofRule.get(0).admits() + ", outside the release, "
                + (d == Direction.INGRESS ? "into " : "from ") + and(parts) + "." + advice;
    }

    /** "spec.ingress[0]": the rule's place in its policy. */
    private static String where(Direction d, int index) {
        return "spec." + d.lowerName() + "[" + index + "]";
    }

    /** "ingress from " or "egress to ", before the peers a rule admits. */
    private static String admitted(Direction d) {
        return d.lowerName() + " " + d.peerField() + " ";
    }

    private static String and(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
