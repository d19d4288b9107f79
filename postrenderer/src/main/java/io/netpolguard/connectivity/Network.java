package io.netpolguard.connectivity;

import io.netpolguard.model.ContainerPort;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.Labels;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.PodSpec;
import io.netpolguard.model.Protocol;
import io.netpolguard.model.Workload;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a set of NetworkPolicies allows, with Kubernetes' semantics: a connection is allowed when the source's egress
 * side and the destination's ingress side both allow it. A side selected by no policy in that direction (policyTypes,
 * or their defaulting) allows everything; an isolated side allows the union of what the rules of the policies
 * selecting it admit. A rule admits a peer by its pod and namespace selectors (both in one peer: both must hold; a
 * podSelector alone: the policy's namespace), addresses by ipBlock (cidr minus except; only {@link Endpoint.Addresses}
 * match it, never pods), everything when it has no peers; and ports by number, by range ({@code endPort}) or by name,
 * which is resolved against the destination pod's container ports and must have the rule's protocol.
 *
 * <p>Work is done once per distinct endpoint (namespace and labels, or address range): which policies select it and
 * which rules admit it as a peer. Asking about many pairs therefore costs (distinct label sets x rules) plus the
 * pairs. Not safe for use by several threads at once.
 */
public final class Network {

    private final Function<KubeObject, String> namespaceOf;
    private final Map<String, Map<String, String>> declaredNamespaces;
    private final Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
    private final List<Policy> policies = new ArrayList<>();
    private final Map<String, List<Policy>> policiesByNamespace = new HashMap<>();
    private final List<Rule> rules = new ArrayList<>();
    private final Map<Object, Profile> profiles = new HashMap<>();
    private final List<AddressRange> ingressBlocks = new ArrayList<>();
    private final List<AddressRange> egressBlocks = new ArrayList<>();

    /**
     * @param policies    the NetworkPolicies
     * @param namespaces  the labels of the Namespace objects, by name; every namespace also carries
     *                    {@code kubernetes.io/metadata.name=<name>}, and one not listed carries only that
     * @param namespaceOf the namespace of an object (e.g. its {@code metadata.namespace}, or a default when it has
     *                    none)
     * @throws IllegalArgumentException when an ipBlock holds no valid CIDR (the message names the policy)
     */
    public Network(Collection<NetworkPolicy> policies, Map<String, Map<String, String>> namespaces,
                   Function<KubeObject, String> namespaceOf) {
        this.namespaceOf = namespaceOf;
        this.declaredNamespaces = Map.copyOf(namespaces);
        for (NetworkPolicy p : policies) {
            Policy policy = new Policy(p, namespaceOf.apply(p.object()));
            this.policies.add(policy);
            policiesByNamespace.computeIfAbsent(policy.namespace, k -> new ArrayList<>()).add(policy);
        }
    }

    /** The namespace of an object, as this network names it. */
    public String namespaceOf(KubeObject object) {
        return namespaceOf.apply(object);
    }

    /** The pods of a workload: its namespace, pod labels and pod spec. */
    public Endpoint.Pods pods(Workload workload) {
        return new Endpoint.Pods(namespaceOf(workload.object()), workload.podLabels(), workload.pod(), workload);
    }

    /** The labels of a namespace, {@code kubernetes.io/metadata.name} included. */
    public Map<String, String> namespaceLabels(String namespace) {
        return namespaceLabels.computeIfAbsent(namespace, ns -> {
            Map<String, String> labels = new TreeMap<>(declaredNamespaces.getOrDefault(ns, Map.of()));
            labels.put(Labels.NAMESPACE_NAME, ns);
            return Map.copyOf(labels);
        });
    }

    /** The policies, in the order given. */
    public List<NetworkPolicy> policies() {
        return policies.stream().map(p -> p.source).toList();
    }

    /**
     * The address ranges that ipBlocks of one direction's rules (of every policy) refer to: each cidr minus its
     * excepts, as maximal ranges. Ingress blocks divide the sources, egress blocks the destinations.
     */
    public List<AddressRange> referencedAddresses(Direction direction) {
        return List.copyOf(direction == Direction.INGRESS ? ingressBlocks : egressBlocks);
    }

    /** The partition of the address space into External sources: np-guard's split by every ingress ipBlock. */
    public List<AddressRange> sources() {
        return AddressRange.partition(ingressBlocks);
    }

    /** The partition of the address space into External destinations: split by every egress ipBlock. */
    public List<AddressRange> destinations() {
        return AddressRange.partition(egressBlocks);
    }

    /** What the network allows from {@code source} to {@code destination}: egress there and ingress here. */
    public Connections allowed(Endpoint source, Endpoint destination) {
        Connections out = egress(source, destination);
        return out.isEmpty() ? out : out.intersect(ingress(source, destination));
    }

    /** What the source's side allows to this destination (everything when the source is not isolated for egress). */
    public Connections egress(Endpoint source, Endpoint destination) {
        Profile src = profile(source);
        if (src.egress.length == 0) {
            return Connections.ALL;
        }
        Profile dst = profile(destination);
        Connections result = Connections.NONE;
        for (Policy policy : src.egress) {
            for (Rule rule : policy.egress) {
                if (dst.admittedBy.get(rule.id)) {
                    result = result.union(rule.ports(destination));
                    if (result.isAll()) {
                        return result;
                    }
                }
            }
        }
        return result;
    }

    /** What the destination's side allows from this source (everything when it is not isolated for ingress). */
    public Connections ingress(Endpoint source, Endpoint destination) {
        Profile dst = profile(destination);
        if (dst.ingress.length == 0) {
            return Connections.ALL;
        }
        Profile src = profile(source);
        Connections result = Connections.NONE;
        for (Policy policy : dst.ingress) {
            for (Rule rule : policy.ingress) {
                if (src.admittedBy.get(rule.id)) {
                    result = result.union(rule.ports(destination));
                    if (result.isAll()) {
                        return result;
                    }
                }
            }
        }
        return result;
    }

    /** True when some policy selects these pods in this direction. Addresses and representatives never are. */
    public boolean isolated(Endpoint endpoint, Direction direction) {
        return !selecting(endpoint, direction).isEmpty();
    }

    /** The policies that select the endpoint in this direction, in the order given. */
    public List<NetworkPolicy> selecting(Endpoint endpoint, Direction direction) {
        Profile p = profile(endpoint);
        List<NetworkPolicy> result = new ArrayList<>();
        for (Policy policy : direction == Direction.INGRESS ? p.ingress : p.egress) {
            result.add(policy.source);
        }
        return result;
    }

    /**
     * The rules of the policies selecting {@code selected} in this direction whose peers admit {@code peer} (on
     * whatever ports): for egress, {@code selected} is the source and {@code peer} the destination; for ingress the
     * other way round.
     */
    public List<RuleRef> rulesAdmitting(Endpoint selected, Endpoint peer, Direction direction) {
        Profile s = profile(selected);
        Profile other = profile(peer);
        List<RuleRef> result = new ArrayList<>();
        for (Policy policy : direction == Direction.INGRESS ? s.ingress : s.egress) {
            for (Rule rule : direction == Direction.INGRESS ? policy.ingress : policy.egress) {
                if (other.admittedBy.get(rule.id)) {
                    result.add(rule.ref);
                }
            }
        }
        return result;
    }

    /** Why the network allows, or not, a connection on one protocol and port, side by side. */
    public Explanation explain(Endpoint source, Endpoint destination, Protocol protocol, int port) {
        return new Explanation(source, destination, protocol, port,
                side(source, destination, source, Direction.EGRESS, protocol, port),
                side(destination, source, destination, Direction.INGRESS, protocol, port));
    }

    private Explanation.Side side(Endpoint selected, Endpoint peer, Endpoint destination, Direction direction,
                                  Protocol protocol, int port) {
        Profile s = profile(selected);
        Profile other = profile(peer);
        Policy[] selecting = direction == Direction.INGRESS ? s.ingress : s.egress;
        List<NetworkPolicy> policies = new ArrayList<>();
        List<RuleRef> admitting = new ArrayList<>();
        List<RuleRef> peerOnly = new ArrayList<>();
        for (Policy policy : selecting) {
            policies.add(policy.source);
            for (Rule rule : direction == Direction.INGRESS ? policy.ingress : policy.egress) {
                if (other.admittedBy.get(rule.id)) {
                    (rule.ports(destination).contains(protocol, port) ? admitting : peerOnly).add(rule.ref);
                }
            }
        }
        return new Explanation.Side(direction, selecting.length > 0, policies, admitting, peerOnly);
    }

    /**
     * The connections a rule's {@code ports} admit to a destination: every connection when it lists none; a named
     * port only on pods whose container port of that name has the entry's protocol.
     */
    public static Connections ports(NetworkPolicy.Rule rule, Endpoint destination) {
        if (rule.ports().isEmpty()) {
            return Connections.ALL;
        }
        Connections result = Connections.NONE;
        for (NetworkPolicy.Port p : rule.ports()) {
            result = result.union(port(p, destination));
        }
        return result;
    }

    private static Connections port(NetworkPolicy.Port p, Endpoint destination) {
        if (p.port() == null) {
            return Connections.all(p.protocol());
        }
        if (!p.port().isNamed()) {
            int from = p.port().number();
            int to = p.endPort() > 0 ? p.endPort() : from;
            return from < Connections.MIN_PORT || to > Connections.MAX_PORT ? Connections.NONE
                    : Connections.of(p.protocol(), from, to);
        }
        if (destination instanceof Endpoint.Pods pods) {
            ContainerPort c = containerPort(pods.pod(), p.port().name());
            if (c != null && c.protocol() == p.protocol()) {
                return Connections.of(p.protocol(), c.port());
            }
        }
        return Connections.NONE;
    }

    /** The first container port with this name, whatever its protocol (names are unique within a pod). */
    public static ContainerPort containerPort(PodSpec pod, String name) {
        for (ContainerPort c : pod.ports()) {
            if (name.equals(c.name())) {
                return c;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------------------------

    private record PodsKey(String namespace, Map<String, String> labels) {
    }

    private Profile profile(Endpoint endpoint) {
        Object key = endpoint instanceof Endpoint.Pods p ? new PodsKey(p.namespace(), p.labels())
                : endpoint instanceof Endpoint.Addresses a ? a.range() : endpoint;
        Profile profile = profiles.get(key);
        if (profile == null) {
            profile = new Profile(endpoint);
            profiles.put(key, profile);
        }
        return profile;
    }

    /** What is known of one endpoint: the policies selecting it, and the rules whose peers admit it. */
    private final class Profile {
        final Policy[] ingress;
        final Policy[] egress;
        final BitSet admittedBy = new BitSet();

        Profile(Endpoint endpoint) {
            List<Policy> in = new ArrayList<>();
            List<Policy> out = new ArrayList<>();
            if (endpoint instanceof Endpoint.Pods pods) {
                for (Policy policy : policiesByNamespace.getOrDefault(pods.namespace(), List.of())) {
                    if (policy.source.podSelector().matches(pods.labels())) {
                        if (policy.source.ingress()) {
                            in.add(policy);
                        }
                        if (policy.source.egress()) {
                            out.add(policy);
                        }
                    }
                }
            }
            ingress = in.toArray(new Policy[0]);
            egress = out.toArray(new Policy[0]);
            Map<String, String> nsLabels = endpoint instanceof Endpoint.Pods pods
                    ? namespaceLabels(pods.namespace()) : Map.of();
            for (Rule rule : rules) {
                if (rule.admits(endpoint, nsLabels)) {
                    admittedBy.set(rule.id);
                }
            }
        }
    }

    /** A policy with its namespace and compiled rules. */
    private final class Policy {
        final NetworkPolicy source;
        final String namespace;
        final Rule[] ingress;
        final Rule[] egress;

        Policy(NetworkPolicy source, String namespace) {
            this.source = source;
            this.namespace = namespace;
            this.ingress = compile(source.ingressRules(), Direction.INGRESS);
            this.egress = compile(source.egressRules(), Direction.EGRESS);
        }

        private Rule[] compile(List<NetworkPolicy.Rule> list, Direction direction) {
            Rule[] result = new Rule[list.size()];
            for (int i = 0; i < list.size(); i++) {
                result[i] = new Rule(new RuleRef(source, namespace, direction, i, list.get(i)), rules.size());
                rules.add(result[i]);
            }
            return result;
        }
    }

    /** A rule, with its ipBlocks parsed and its ports computed once when they name no port. */
    private final class Rule {
        final RuleRef ref;
        final int id;
        /** Per peer: the ranges of its ipBlock, or null for a pod peer. */
        final List<List<AddressRange>> blocks = new ArrayList<>();
        /** The rule's connections when no entry names a port; null when they depend on the destination. */
        final Connections fixedPorts;

        Rule(RuleRef ref, int id) {
            this.ref = ref;
            this.id = id;
            for (int i = 0; i < ref.rule().peers().size(); i++) {
                NetworkPolicy.IpBlock b = ref.rule().peers().get(i).ipBlock();
                if (b == null) {
                    blocks.add(null);
                    continue;
                }
                List<AddressRange> ranges;
                try {
                    ranges = AddressRange.block(b.cidr(), b.except());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(ref.where() + " (" + (ref.direction() == Direction.INGRESS
                            ? "from" : "to") + "[" + i + "].ipBlock): " + e.getMessage(), e);
                }
                blocks.add(ranges);
                (ref.direction() == Direction.INGRESS ? ingressBlocks : egressBlocks).addAll(ranges);
            }
            boolean named = ref.rule().ports().stream().anyMatch(p -> p.port() != null && p.port().isNamed());
            fixedPorts = named ? null : Network.ports(ref.rule(), null);
        }

        Connections ports(Endpoint destination) {
            return fixedPorts != null ? fixedPorts : Network.ports(ref.rule(), destination);
        }

        boolean admits(Endpoint endpoint, Map<String, String> nsLabels) {
            List<NetworkPolicy.Peer> peers = ref.rule().peers();
            if (peers.isEmpty()) {
                return true;
            }
            for (int i = 0; i < peers.size(); i++) {
                NetworkPolicy.Peer peer = peers.get(i);
                boolean match;
                if (endpoint instanceof Endpoint.Addresses a) {
                    match = blocks.get(i) != null && within(a.range(), blocks.get(i));
                } else if (endpoint instanceof Endpoint.Pods p) {
                    match = blocks.get(i) == null && selects(peer, p, nsLabels);
                } else {
                    match = blocks.get(i) == null && represents(peer, (Endpoint.Representative) endpoint);
                }
                if (match) {
                    return true;
                }
            }
            return false;
        }

        private boolean selects(NetworkPolicy.Peer peer, Endpoint.Pods pods, Map<String, String> nsLabels) {
            if (peer.podSelector() == null && peer.namespaceSelector() == null) {
                return false; // Kubernetes refuses such a peer
            }
            boolean namespace = peer.namespaceSelector() == null ? pods.namespace().equals(ref.namespace())
                    : peer.namespaceSelector().matches(nsLabels);
            return namespace && (peer.podSelector() == null || peer.podSelector().matches(pods.labels()));
        }

        private boolean represents(NetworkPolicy.Peer peer, Endpoint.Representative r) {
            if (peer.podSelector() == null && peer.namespaceSelector() == null) {
                return false;
            }
            boolean namespace = peer.namespaceSelector() == null
                    ? Selectors.sameRequirements(r.namespaces(), LabelSelector.of(Map.of(Labels.NAMESPACE_NAME,
                    ref.namespace())))
                    : peer.namespaceSelector().isEmpty() || Selectors.sameRequirements(peer.namespaceSelector(),
                    r.namespaces());
            if (!namespace) {
                return false;
            }
            LabelSelector pods = peer.podSelector();
            return pods == null || pods.isEmpty()
                    || (r.pods() != null && Selectors.sameRequirements(pods, r.pods()));
        }
    }

    private static boolean within(AddressRange range, List<AddressRange> block) {
        for (AddressRange b : block) {
            if (b.contains(range)) {
                return true;
            }
        }
        return false;
    }

    /** For tests and reports: how many distinct endpoints were profiled so far. */
    int profiled() {
        return profiles.size();
    }

    @Override
    public String toString() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        policies.forEach(p -> counts.merge(p.namespace, 1, Integer::sum));
        return "Network" + counts;
    }
}
