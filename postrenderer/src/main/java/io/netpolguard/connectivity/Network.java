package io.netpolguard.connectivity;

import io.netpolguard.model.Direction;
import io.netpolguard.model.ContainerPort;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.Labels;
import io.netpolguard.model.NamedPorts;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.Protocol;
import io.netpolguard.model.Selection;
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
    private final List<CompiledRule> rules = new ArrayList<>();
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

    /**
     * The address ranges that ipBlocks of one direction's rules (of every policy) refer to: each cidr minus its
     * excepts, as maximal ranges. Ingress blocks divide the sources, egress blocks the destinations: their
     * {@link AddressRange#partition} is np-guard's External peers.
     */
    public List<AddressRange> referencedAddresses(Direction direction) {
        return List.copyOf(direction == Direction.INGRESS ? ingressBlocks : egressBlocks);
    }

    /**
     * What the network allows from {@code source} to {@code destination}: what both the source's egress side and the
     * destination's ingress side allow.
     */
    public Connections allowed(Endpoint source, Endpoint destination) {
        Connections out = egress(source, destination);
        return out.isEmpty() ? out : out.intersect(ingress(source, destination));
    }

    /** What the source's side allows to this destination (everything when the source is not isolated for egress). */
    public Connections egress(Endpoint source, Endpoint destination) {
        return allows(source, destination, Direction.EGRESS, destination);
    }

    /** What the destination's side allows from this source (everything when it is not isolated for ingress). */
    public Connections ingress(Endpoint source, Endpoint destination) {
        return allows(destination, source, Direction.INGRESS, destination);
    }

    /**
     * What one side allows: everything when no policy selects {@code selected} in this direction, else the union of
     * what the rules of the policies selecting it admit of {@code peer}, on their ports to {@code destination}.
     */
    private Connections allows(Endpoint selected, Endpoint peer, Direction direction, Endpoint destination) {
        Policy[] selecting = profile(selected).policies(direction);
        if (selecting.length == 0) {
            return Connections.ALL;
        }
        BitSet admitted = profile(peer).admittedBy;
        Connections result = Connections.NONE;
        for (Policy policy : selecting) {
            for (CompiledRule rule : policy.rules(direction)) {
                if (admitted.get(rule.id)) {
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
        List<NetworkPolicy> result = new ArrayList<>();
        for (Policy policy : profile(endpoint).policies(direction)) {
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
        Policy[] selecting = profile(selected).policies(direction);
        BitSet admitted = profile(peer).admittedBy;
        List<RuleRef> result = new ArrayList<>();
        for (Policy policy : selecting) {
            for (CompiledRule rule : policy.rules(direction)) {
                if (admitted.get(rule.id)) {
                    result.add(rule.ref);
                }
            }
        }
        return result;
    }

    /** Why the network allows, or not, a connection on one protocol and port, side by side. */
    public Explanation explain(Endpoint source, Endpoint destination, Protocol protocol, int port) {
        // Named ports resolve on the destination's pods on both sides, as egress() and ingress() resolve them.
        return new Explanation(source, destination, protocol, port,
                side(source, destination, Direction.EGRESS, destination, protocol, port),
                side(destination, source, Direction.INGRESS, destination, protocol, port));
    }

    private Explanation.Side side(Endpoint selected, Endpoint peer, Direction direction, Endpoint destination,
                                  Protocol protocol, int port) {
        Policy[] selecting = profile(selected).policies(direction);
        BitSet admitted = profile(peer).admittedBy;
        List<NetworkPolicy> policies = new ArrayList<>();
        List<RuleRef> admitting = new ArrayList<>();
        List<RuleRef> peerOnly = new ArrayList<>();
        for (Policy policy : selecting) {
            policies.add(policy.source);
            for (CompiledRule rule : policy.rules(direction)) {
                if (admitted.get(rule.id)) {
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
        if (p.port() == null || !p.port().isNamed()) {
            return unnamed(p);
        }
        if (destination instanceof Endpoint.Pods pods) {
            ContainerPort c = NamedPorts.NP_GUARD.find(pods.pod(), p.port().name(), p.protocol());
            if (c != null) {
                return Connections.of(p.protocol(), c.port());
            }
        }
        return Connections.NONE;
    }

    /**
     * The connections of a port entry that names no port: every port of its protocol when it has no {@code port}, else
     * its number or its range up to {@code endPort}; nothing when that is not within 1-65535.
     */
    public static Connections unnamed(NetworkPolicy.Port p) {
        if (p.port() == null) {
            return Connections.all(p.protocol());
        }
        int from = p.port().number();
        int to = p.endPort() > 0 ? p.endPort() : from;
        return from < Connections.MIN_PORT || to > Connections.MAX_PORT ? Connections.NONE
                : Connections.of(p.protocol(), from, to);
    }

    // ---------------------------------------------------------------------------------------------------------------

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

    /**
     * Pods are profiled by namespace and labels alone. A class, not a record: the post-renderer asks this map about
     * chart policies (see {@code StartUpTest}).
     */
    private static final class PodsKey {
        final String namespace;
        final Map<String, String> labels;

        PodsKey(String namespace, Map<String, String> labels) {
            this.namespace = namespace;
            this.labels = labels;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PodsKey k && namespace.equals(k.namespace) && labels.equals(k.labels);
        }

        @Override
        public int hashCode() {
            return namespace.hashCode() * 31 + labels.hashCode();
        }
    }

    /** What is known of one endpoint: the policies selecting it, and the rules whose peers admit it. */
    private final class Profile {
        final Policy[] ingress;
        final Policy[] egress;
        final BitSet admittedBy = new BitSet();

        Profile(Endpoint endpoint) {
            List<Policy> in = new ArrayList<>();
            List<Policy> out = new ArrayList<>();
            Map<String, String> nsLabels = Map.of();
            if (endpoint instanceof Endpoint.Pods pods) {
                for (Policy policy : policiesByNamespace.getOrDefault(pods.namespace(), List.of())) {
                    Map<String, String> labels = pods.labels();
                    if (Selection.selects(policy.namespace, policy.source.podSelector(), pods.namespace(), labels)) {
                        if (policy.source.ingress()) {
                            in.add(policy);
                        }
                        if (policy.source.egress()) {
                            out.add(policy);
                        }
                    }
                }
                nsLabels = namespaceLabels(pods.namespace());
            }
            ingress = in.toArray(new Policy[0]);
            egress = out.toArray(new Policy[0]);
            for (CompiledRule rule : rules) {
                if (rule.admits(endpoint, nsLabels)) {
                    admittedBy.set(rule.id);
                }
            }
        }

        Policy[] policies(Direction direction) {
            return direction == Direction.INGRESS ? ingress : egress;
        }
    }

    /** A policy with its namespace and compiled rules. */
    private final class Policy {
        final NetworkPolicy source;
        final String namespace;
        final CompiledRule[] ingress;
        final CompiledRule[] egress;

        Policy(NetworkPolicy source, String namespace) {
            this.source = source;
            this.namespace = namespace;
            this.ingress = compile(source.ingressRules(), Direction.INGRESS);
            this.egress = compile(source.egressRules(), Direction.EGRESS);
        }

        private CompiledRule[] compile(List<NetworkPolicy.Rule> list, Direction direction) {
            CompiledRule[] result = new CompiledRule[list.size()];
            for (int i = 0; i < list.size(); i++) {
                result[i] = new CompiledRule(new RuleRef(source, namespace, direction, i, list.get(i)), rules.size());
                rules.add(result[i]);
                (direction == Direction.INGRESS ? ingressBlocks : egressBlocks).addAll(result[i].ranges());
            }
            return result;
        }

        CompiledRule[] rules(Direction direction) {
            return direction == Direction.INGRESS ? ingress : egress;
        }
    }

    /** For tests: how many distinct endpoints were profiled so far. */
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
