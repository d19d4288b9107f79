package io.netpolguard.oracle;

import io.netpolguard.oracle.Policy.Direction;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the networking.k8s.io/v1 NetworkPolicies of a manifest stream allow, written from the Kubernetes API
 * documentation and independent of netpol-guard's own code. A connection is allowed iff the source's egress and the
 * destination's ingress both allow it; a side no policy selects in that direction allows everything, a selected
 * side allows what some rule of some selecting policy admits. Addresses (outside the cluster's pods) have no
 * policies of their own.
 *
 * <p>An Oracle is immutable: {@link #releaseNamespace} and {@link #namespaceLabels} return new Oracles, and pods
 * taken from one Oracle keep the namespace they had there.
 *
 * <p>Not modelled: labels that controllers add to pods (pod-template-hash, job-name, ...), hostNetwork pods,
 * Ingress objects and Services, and policies of other API groups (ignored).
 */
public final class Oracle {

    private static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");

    private final List<Map<String, Object>> objects;
    private final String releaseNamespace;
    private final Map<String, Map<String, String>> extraNamespaceLabels;
    private final Map<String, Map<String, String>> declaredNamespaceLabels = new HashMap<>();
    private final List<Policy> policies = new ArrayList<>();
    private final List<Pod> pods = new ArrayList<>();

    private Oracle(List<Map<String, Object>> objects, String releaseNamespace, Map<String, Map<String, String>> extraNamespaceLabels) {
        this.objects = List.copyOf(objects);
        this.releaseNamespace = releaseNamespace;
        this.extraNamespaceLabels = Map.copyOf(extraNamespaceLabels);
        for (Map<String, Object> object : objects) {
            if (Policy.isPolicy(object)) {
                policies.add(new Policy(object, releaseNamespace));
            }
            Pod pod = Manifests.pod(object, releaseNamespace);
            if (pod != null) {
                pods.add(pod);
            }
            if ("Namespace".equals(object.get("kind"))) {
                String name = Manifests.string(Manifests.at(object, "metadata", "name"));
                declaredNamespaceLabels.merge(name, Manifests.labels(Manifests.at(object, "metadata", "labels")), Oracle::union);
            }
        }
        extraNamespaceLabels.forEach((namespace, labels) -> declaredNamespaceLabels.merge(namespace, labels, Oracle::union));
    }

    /** Every object of a manifest stream (YAML/JSON; several documents; List and typed lists such as PodList). */
    public static Oracle of(String stream) {
        return new Oracle(Manifests.parse(stream), "default", Map.of());
    }

    /** Reads every *.yaml, *.yml, *.json file under a folder, recursively. */
    public static Oracle ofFolder(Path dir) {
        return new Oracle(Manifests.parseFolder(dir), "default", Map.of());
    }

    /** A new Oracle in which objects without metadata.namespace are in this namespace (instead of "default"). */
    public Oracle releaseNamespace(String namespace) {
        return new Oracle(objects, namespace, extraNamespaceLabels);
    }

    /** A new Oracle in which that namespace also has these labels (besides kubernetes.io/metadata.name=namespace). */
    public Oracle namespaceLabels(String namespace, Map<String, String> labels) {
        Map<String, Map<String, String>> extra = new HashMap<>(extraNamespaceLabels);
        extra.merge(namespace, labels, Oracle::union);
        return new Oracle(objects, releaseNamespace, extra);
    }

    /** The labels a namespace has: those declared (stream Namespace objects, namespaceLabels) and its name label. */
    public Map<String, String> labelsOf(String namespace) {
        Map<String, String> labels = new TreeMap<>(declaredNamespaceLabels.getOrDefault(namespace, Map.of()));
        labels.put("kubernetes.io/metadata.name", namespace);
        return labels;
    }

    /** Every object of the stream, lists replaced by their items, as SnakeYAML read them. */
    public List<Map<String, Object>> objects() {
        return objects;
    }

    /** One Pod per workload of the stream (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob). */
    public List<Pod> pods() {
        return Collections.unmodifiableList(pods);
    }

    /** The pod of the one workload of that kind and name; fails when there is none or several (then use the namespace too). */
    public Pod pod(String kind, String name) {
        return only(pods.stream().filter(p -> p.kind().equals(kind) && p.name().equals(name)).toList(), kind + " " + name);
    }

    public Pod pod(String namespace, String kind, String name) {
        return only(pods.stream().filter(p -> p.namespace().equals(namespace) && p.kind().equals(kind) && p.name().equals(name)).toList(),
                kind + " " + namespace + "/" + name);
    }

    /** A pod that is not in the stream (another tenant, an ingress controller...), of kind "Pod", named after its labels. */
    public static Pod pod(String namespace, Map<String, String> labels, Port... ports) {
        return new Pod(namespace, "Pod", new TreeMap<>(labels).toString(), labels, List.of(ports));
    }

    public boolean allows(Pod src, Pod dst, String protocol, int port) {
        return allowed(src, dst, protocol, port);
    }

    /** Whether some policy of the pod's namespace selects it and affects that direction. */
    public boolean isolated(Pod pod, boolean ingress) {
        Direction direction = ingress ? Direction.INGRESS : Direction.EGRESS;
        return policies.stream().anyMatch(p -> p.selects(pod) && p.affects(direction));
    }

    /** Egress from a pod to an address outside the cluster's pods. */
    public boolean allows(Pod src, String dstAddress, String protocol, int port) {
        return allowed(src, dstAddress, protocol, port);
    }

    /** Ingress to a pod from an address outside the cluster's pods. */
    public boolean allows(String srcAddress, Pod dst, String protocol, int port) {
        return allowed(srcAddress, dst, protocol, port);
    }

    /**
     * One line for assertion messages: the verdict, then for each side the policies that select it in that
     * direction and the rule that admits the connection. src and dst are each a Pod or an address.
     */
    public String why(Object src, Object dst, String protocol, int port) {
        Side egress = side(src, Direction.EGRESS, dst, protocol, port);
        Side ingress = side(dst, Direction.INGRESS, src, protocol, port);
        return protocol + " " + port + " " + src + " -> " + dst + ": "
                + (egress.allows() && ingress.allows() ? "allowed" : "denied") + "; " + egress + "; " + ingress;
    }

    private boolean allowed(Object src, Object dst, String protocol, int port) {
        return side(src, Direction.EGRESS, dst, protocol, port).allows()
                && side(dst, Direction.INGRESS, src, protocol, port).allows();
    }

    /** What the policies of one endpoint say about one direction towards a peer. */
    private record Side(Object self, Direction direction, List<Policy> selecting, String admittedBy) {
        boolean allows() {
            return selecting.isEmpty() || admittedBy != null;
        }

        @Override
        public String toString() {
            String of = direction.rules + " of " + self + ": ";
            if (!(self instanceof Pod)) {
                return of + "an address, no policies";
            }
            if (selecting.isEmpty()) {
                return of + "not isolated";
            }
            String by = selecting.stream().map(Policy::toString).collect(Collectors.joining(", ", "isolated by [", "]"));
            return of + by + (admittedBy == null ? ", no rule admits" : ", admitted by " + admittedBy);
        }
    }

    private Side side(Object self, Direction direction, Object peer, String protocol, int port) {
        check(self, protocol, port);
        check(peer, protocol, port);
        if (!(self instanceof Pod pod)) {
            return new Side(self, direction, List.of(), null);
        }
        List<Policy> selecting = policies.stream().filter(p -> p.selects(pod) && p.affects(direction)).toList();
        Pod destination = direction == Direction.INGRESS ? pod : peer instanceof Pod p ? p : null;
        for (Policy policy : selecting) {
            String rule = policy.admitting(direction, peer, protocol, port, destination, this::labelsOf);
            if (rule != null) {
                return new Side(self, direction, selecting, rule);
            }
        }
        return new Side(self, direction, selecting, null);
    }

    private static void check(Object endpoint, String protocol, int port) {
        if (!PROTOCOLS.contains(protocol) || port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a protocol and port: " + protocol + " " + port);
        }
        if (endpoint instanceof String address) {
            Selectors.address(address); // fails on anything but an IP address
        } else if (!(endpoint instanceof Pod)) {
            throw new IllegalArgumentException("neither a Pod nor an address: " + endpoint);
        }
    }

    private static Map<String, String> union(Map<String, String> a, Map<String, String> b) {
        Map<String, String> union = new LinkedHashMap<>(a);
        union.putAll(b);
        return union;
    }

    private Pod only(List<Pod> found, String what) {
        if (found.size() != 1) {
            throw new IllegalArgumentException((found.isEmpty() ? "no " : "several: ") + what + " in the stream"
                    + (found.isEmpty() ? "" : " " + found + ", give the namespace") + "; its workloads: " + pods);
        }
        return found.get(0);
    }
}
