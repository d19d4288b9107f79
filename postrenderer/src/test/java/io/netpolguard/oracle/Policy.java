package io.netpolguard.oracle;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import static io.netpolguard.oracle.Manifests.at;
import static io.netpolguard.oracle.Manifests.integer;
import static io.netpolguard.oracle.Manifests.list;
import static io.netpolguard.oracle.Manifests.map;
import static io.netpolguard.oracle.Manifests.string;

/** One networking.k8s.io/v1 NetworkPolicy, read straight from its manifest. */
final class Policy {

    enum Direction {
        INGRESS("Ingress", "ingress", "from"), EGRESS("Egress", "egress", "to");

        final String type;
        final String rules;
        final String peers;

        Direction(String type, String rules, String peers) {
            this.type = type;
            this.rules = rules;
            this.peers = peers;
        }
    }

    final String namespace;
    final String name;
    private final Map<String, Object> spec;

    Policy(Map<String, Object> object, String defaultNamespace) {
        this.namespace = Manifests.namespace(object, defaultNamespace);
        this.name = string(at(object, "metadata", "name"));
        this.spec = map(object.get("spec"));
    }

    static boolean isPolicy(Map<String, Object> object) {
        Object apiVersion = object.get("apiVersion");
        return "NetworkPolicy".equals(object.get("kind")) && (apiVersion == null || "networking.k8s.io/v1".equals(apiVersion));
    }

    /** The policy applies to pods of its own namespace that its podSelector (absent or {}: all) matches. */
    boolean selects(Pod pod) {
        return pod.namespace().equals(namespace) && Selectors.matches(spec.get("podSelector"), pod.labels());
    }

    /** policyTypes when given; otherwise Ingress, and Egress only when there is some egress rule. */
    boolean affects(Direction direction) {
        if (spec.get("policyTypes") == null) {
            return direction == Direction.INGRESS || !list(spec.get("egress")).isEmpty();
        }
        return list(spec.get("policyTypes")).contains(direction.type);
    }

    /**
     * The first rule of that direction that admits the peer on (protocol, port), as "ns/name egress[i]", or null.
     * {@code destination} is the pod whose container ports resolve named ports (null: an address, none resolve).
     */
    String admitting(Direction direction, Object peer, String protocol, int port, Pod destination,
                     Function<String, Map<String, String>> namespaceLabels) {
        List<?> rules = list(spec.get(direction.rules));
        for (int i = 0; i < rules.size(); i++) {
            Map<String, Object> rule = map(rules.get(i));
            if (anyOrNone(rule.get(direction.peers), p -> peerMatches(map(p), peer, namespaceLabels))
                    && anyOrNone(rule.get("ports"), p -> portMatches(map(p), protocol, port, destination))) {
                return this + " " + direction.rules + "[" + i + "]";
            }
        }
        return null;
    }

    /** An absent or empty list admits everything; otherwise some element must. */
    private static boolean anyOrNone(Object entries, Predicate<Object> matches) {
        List<?> list = list(entries);
        return list.isEmpty() || list.stream().anyMatch(matches);
    }

    /** A peer is an ipBlock (addresses only) or selectors (pods only): podSelector, namespaceSelector or both (AND). */
    private boolean peerMatches(Map<String, Object> peer, Object endpoint, Function<String, Map<String, String>> namespaceLabels) {
        Object podSelector = peer.get("podSelector");
        Object namespaceSelector = peer.get("namespaceSelector");
        if (peer.get("ipBlock") != null) {
            if (podSelector != null || namespaceSelector != null) {
                throw new IllegalArgumentException(this + ": a peer has an ipBlock and selectors; the API server refuses it");
            }
            return endpoint instanceof String address && Selectors.inBlock(peer.get("ipBlock"), address);
        }
        if (podSelector == null && namespaceSelector == null) {
            throw new IllegalArgumentException(this + ": a peer without podSelector, namespaceSelector or ipBlock; the API server refuses it");
        }
        if (!(endpoint instanceof Pod pod)) {
            return false;
        }
        boolean inNamespace = namespaceSelector == null
                ? pod.namespace().equals(namespace)
                : Selectors.matches(namespaceSelector, namespaceLabels.apply(pod.namespace()));
        return inNamespace && (podSelector == null || Selectors.matches(podSelector, pod.labels()));
    }

    /** protocol (default TCP) and port: absent = all, a number (..endPort), or a name of the destination's container ports. */
    private boolean portMatches(Map<String, Object> entry, String protocol, int port, Pod destination) {
        String entryProtocol = entry.get("protocol") == null ? "TCP" : string(entry.get("protocol"));
        if (!List.of("TCP", "UDP", "SCTP").contains(entryProtocol)) {
            throw new IllegalArgumentException(this + ": unknown protocol " + entryProtocol + "; the API server refuses it");
        }
        Object number = entry.get("port");
        if (number instanceof String portName) {
            if (entry.get("endPort") != null || portName.chars().noneMatch(Character::isLetter)) {
                throw new IllegalArgumentException(this + ": port " + portName + " is not a valid port name"
                        + (entry.get("endPort") != null ? " with endPort" : "") + "; the API server refuses it");
            }
            return entryProtocol.equals(protocol) && destination != null && destination.ports().stream().anyMatch(
                    p -> portName.equals(p.name()) && p.protocol().equals(protocol) && p.number() == port);
        }
        if (number == null && entry.get("endPort") != null) {
            throw new IllegalArgumentException(this + ": endPort without port; the API server refuses it");
        }
        int first = number == null ? 1 : integer(number);
        int last = number == null ? 65535 : entry.get("endPort") == null ? first : integer(entry.get("endPort"));
        if (last < first) {
            throw new IllegalArgumentException(this + ": endPort " + last + " below port " + first + "; the API server refuses it");
        }
        return entryProtocol.equals(protocol) && first <= port && port <= last;
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
