package io.netpolguard.analyze;

import io.netpolguard.connectivity.Connections;
import io.netpolguard.model.Direction;
import io.netpolguard.connectivity.Endpoint;
import io.netpolguard.connectivity.Endpoint.Representative;
import io.netpolguard.connectivity.Network;
import io.netpolguard.connectivity.RuleRef;
import io.netpolguard.connectivity.Selectors;
import io.netpolguard.model.ContainerPort;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.Labels;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.NamedPorts;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.PodSpec;
import io.netpolguard.model.Protocol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * np-guard's exposure analysis. For each workload and direction:
 * <ul>
 *   <li>selected by no policy: "not protected", and exposed to the entire cluster and every address;</li>
 *   <li>otherwise exposed to the entire cluster on what the rules that admit every pod of every namespace allow (a
 *       rule without peers, or a peer {@code namespaceSelector: {}} without pod requirements), and to each
 *       representative peer (the pods a rule's selectors describe when no input pod matches them) on what the rules
 *       admitting it allow, unless that equals the entire-cluster exposure;</li>
 *   <li>plus its connections with External peers from the connection list.</li>
 * </ul>
 * Named ports stay names where no pod resolves them: towards representative peers on egress, and in the entire-cluster
 * exposure on egress (on ingress the workload's own container ports resolve them).
 */
final class ExposureAnalysis {

    private static final String ENTIRE_CLUSTER = "entire-cluster";

    private ExposureAnalysis() {
    }

    static Exposure compute(Manifest manifest, Network network, List<Peer> workloads, List<Connection> connections,
                            Function<KubeObject, String> namespaceOf) {
        List<Representative> representatives = representatives(manifest, network, workloads, namespaceOf);
        List<Exposure.Line> egress = new ArrayList<>();
        List<Exposure.Line> ingress = new ArrayList<>();
        List<Exposure.Unprotected> unprotected = new ArrayList<>();
        Set<Peer> exposed = new LinkedHashSet<>();
        for (Peer peer : workloads) {
            for (Direction direction : new Direction[] {Direction.EGRESS, Direction.INGRESS}) {
                List<Exposure.Line> lines = direction == Direction.EGRESS ? egress : ingress;
                boolean isolated = peer.pods().stream().allMatch(p -> network.isolated(p, direction));
                if (!isolated) {
                    unprotected.add(new Exposure.Unprotected(peer, direction));
                    lines.add(new Exposure.Line(peer, direction, entireCluster(), "All Connections"));
                    exposed.add(peer);
                    continue;
                }
                PotentialConnections general = PotentialConnections.NONE;
                for (Endpoint.Pods pods : peer.pods()) {
                    general = general.union(entireCluster(network, pods, direction));
                }
                if (!general.isEmpty()) {
                    lines.add(new Exposure.Line(peer, direction, entireCluster(), general.toString()));
                    exposed.add(peer);
                }
                for (Representative r : representatives) {
                    PotentialConnections towards = PotentialConnections.NONE;
                    for (Endpoint.Pods pods : peer.pods()) {
                        towards = towards.union(towards(network, pods, r, direction));
                    }
                    if (general.isEmpty() ? towards.isEmpty() : towards.equals(general)) {
                        continue;
                    }
                    lines.add(new Exposure.Line(peer, direction, other(r), towards.toString()));
                    exposed.add(peer);
                }
            }
        }
        for (Connection c : connections) {
            if (c.destination().isExternal() && exposed.contains(c.source())) {
                egress.add(new Exposure.Line(c.source(), Direction.EGRESS, external(c.destination()),
                        c.connections().toString()));
            } else if (c.source().isExternal() && exposed.contains(c.destination())) {
                ingress.add(new Exposure.Line(c.destination(), Direction.INGRESS, external(c.source()),
                        c.connections().toString()));
            }
        }
        Comparator<Exposure.Line> order = Comparator.comparing((Exposure.Line l) -> l.workload().name())
                .thenComparing(l -> l.other().name());
        egress.sort(order);
        ingress.sort(order);
        unprotected.sort(Comparator.comparing(Exposure.Unprotected::line));
        return new Exposure(egress, ingress, unprotected);
    }

    /**
     * The representative peers: one per distinct pair of selectors in the rules of every policy (in the directions it
     * affects), except ipBlocks and peers of rules that admit the entire cluster; a podSelector without
     * namespaceSelector stands for that policy's namespace. Dropped when both selectors use matchLabels only and an
     * input pod matches them.
     */
    private static List<Representative> representatives(Manifest manifest, Network network, List<Peer> workloads,
                                                        Function<KubeObject, String> namespaceOf) {
        // By what their selectors require: a peer written twice, or written differently, is one representative.
        Map<String, Representative> found = new LinkedHashMap<>();
        for (NetworkPolicy policy : manifest.policies()) {
            String ns = namespaceOf.apply(policy.object());
            for (Direction direction : new Direction[] {Direction.INGRESS, Direction.EGRESS}) {
                if (!policy.isolates(direction)) {
                    continue;
                }
                for (NetworkPolicy.Rule rule : policy.rules(direction)) {
                    List<Representative> ofRule = new ArrayList<>();
                    for (NetworkPolicy.Peer peer : rule.peers()) {
                        if (peer.ipBlock() != null || (peer.podSelector() == null && peer.namespaceSelector() == null)) {
                            continue;
                        }
                        if (admitsEntireCluster(peer)) {
                            ofRule.clear();
                            break;
                        }
                        ofRule.add(new Representative(peer.namespaceSelector() != null ? peer.namespaceSelector()
                                : LabelSelector.of(Map.of(Labels.NAMESPACE_NAME, ns)), peer.podSelector()));
                    }
                    for (Representative r : ofRule) {
                        found.putIfAbsent(Selectors.requirements(r.namespaces()) + "/"
                                + Selectors.requirements(r.pods()), r);
                    }
                }
            }
        }
        for (Iterator<Representative> it = found.values().iterator(); it.hasNext(); ) {
            Representative r = it.next();
            boolean plain = r.namespaces().expressions().isEmpty() && !r.namespaces().matchLabels().isEmpty()
                    && r.pods() != null && r.pods().expressions().isEmpty() && !r.pods().matchLabels().isEmpty();
            if (plain && matchesSomePod(r, network, workloads)) {
                it.remove();
            }
        }
        return List.copyOf(found.values());
    }

    private static boolean matchesSomePod(Representative r, Network network, List<Peer> workloads) {
        for (Peer peer : workloads) {
            for (Endpoint.Pods pods : peer.pods()) {
                if (r.pods().matches(pods.labels()) && r.namespaces().matches(network.namespaceLabels(pods.namespace()))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A peer that admits every pod of every namespace: {@code namespaceSelector: {}} without pod requirements. */
    private static boolean admitsEntireCluster(NetworkPolicy.Peer peer) {
        return peer.namespaceSelector() != null && peer.namespaceSelector().isEmpty()
                && (peer.podSelector() == null || peer.podSelector().isEmpty());
    }

    /** What the policies selecting these pods in a direction allow with any pod of any namespace. */
    private static PotentialConnections entireCluster(Network network, Endpoint.Pods pods, Direction direction) {
        PotentialConnections result = PotentialConnections.NONE;
        for (NetworkPolicy policy : network.selecting(pods, direction)) {
            for (NetworkPolicy.Rule rule : policy.rules(direction)) {
                if (rule.anyPeer() || rule.peers().stream().anyMatch(p -> p.ipBlock() == null && admitsEntireCluster(p))) {
                    result = result.union(PotentialConnections.ofRule(rule));
                }
            }
        }
        return direction == Direction.INGRESS ? resolveNames(result, pods.pod()) : result;
    }

    /** Named ports replaced by the pod's container port numbers of that name, where it has one. */
    private static PotentialConnections resolveNames(PotentialConnections c, PodSpec pod) {
        if (c.names().isEmpty()) {
            return c;
        }
        Connections numbers = c.numbers();
        Map<Protocol, SortedSet<String>> left = new EnumMap<>(Protocol.class);
        for (Map.Entry<Protocol, SortedSet<String>> e : c.names().entrySet()) {
            for (String name : e.getValue()) {
                ContainerPort port = NamedPorts.NP_GUARD_ANY_PROTOCOL.find(pod, name, e.getKey());
                if (port != null) {
                    numbers = numbers.union(Connections.of(e.getKey(), port.port()));
                } else {
                    left.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(name);
                }
            }
        }
        return new PotentialConnections(numbers, left);
    }

    /** What the rules of the policies selecting these pods admit with a representative peer. */
    private static PotentialConnections towards(Network network, Endpoint.Pods pods, Representative other,
                                                Direction direction) {
        PotentialConnections result = PotentialConnections.NONE;
        for (RuleRef rule : network.rulesAdmitting(pods, other, direction)) {
            result = result.union(direction == Direction.EGRESS ? PotentialConnections.ofRule(rule.rule())
                    : PotentialConnections.of(Network.ports(rule.rule(), pods)));
        }
        return result;
    }

    private static Exposure.Other entireCluster() {
        return new Exposure.Other(Exposure.Other.Kind.ENTIRE_CLUSTER, ENTIRE_CLUSTER, null, null);
    }

    private static Exposure.Other external(Peer peer) {
        return new Exposure.Other(Exposure.Other.Kind.EXTERNAL, peer.name(), null, null);
    }

    /** "[namespace with {...}]/[pod with {...}]" as np-guard writes a representative peer. */
    private static Exposure.Other other(Representative r) {
        String ns = namespacePart(r.namespaces());
        String pods = r.pods() == null || r.pods().isEmpty() ? "[all pods]" : "[pod with {" + text(r.pods()) + "}]";
        return new Exposure.Other(Exposure.Other.Kind.REPRESENTATIVE, ns + "/" + pods, ns, pods);
    }

    private static String namespacePart(LabelSelector s) {
        if (s.matchLabels().size() == 1 && s.expressions().isEmpty() && s.matchLabels().containsKey(Labels.NAMESPACE_NAME)) {
            return s.matchLabels().get(Labels.NAMESPACE_NAME);
        }
        return s.isEmpty() ? "[all namespaces]" : "[namespace with {" + text(s) + "}]";
    }

    /**
     * A selector as np-guard writes it: matchLabels as "k=v,k2=v2" (sorted by key), then each expression in Go's
     * struct syntax "{Key:k,Operator:In,Values:[a b],}", sorted.
     */
    static String text(LabelSelector s) {
        List<String> parts = new ArrayList<>();
        s.matchLabels().forEach((k, v) -> parts.add(k + "=" + v));
        String labels = String.join(",", parts);
        List<String> expressions = new ArrayList<>();
        for (LabelSelector.Requirement r : s.expressions()) {
            expressions.add("{Key:" + r.key() + ",Operator:" + r.operator().wireName() + ",Values:["
                    + String.join(" ", r.values()) + "],}");
        }
        expressions.sort(null);
        if (expressions.isEmpty()) {
            return labels;
        }
        return labels.isEmpty() ? String.join(",", expressions) : labels + "," + String.join(",", expressions);
    }
}
