package io.netpolguard.connectivity;

import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.Labels;
import io.netpolguard.model.PodSpec;

import java.util.Map;
import java.util.Objects;

/**
 * One end of a connection: pods, a range of addresses outside the cluster, or a representative of pods that some
 * rule selects.
 */
public sealed interface Endpoint permits Endpoint.Pods, Endpoint.Addresses, Endpoint.Representative {

    /**
     * Pods with these labels in a namespace: the pods of a workload, or a synthetic pod ("an ingress-nginx controller
     * pod in namespace ingress-nginx"). Policies of that namespace select it by its labels; rules select it by its
     * labels and its namespace's labels.
     *
     * @param namespace the namespace
     * @param labels    the pods' labels
     * @param pod       their ports, by which named ports in rules are resolved when they are the destination
     * @param source    the model object they come from (a {@link io.netpolguard.model.Workload}), or null
     */
    record Pods(String namespace, Map<String, String> labels, PodSpec pod, Object source) implements Endpoint {
        public Pods {
            Objects.requireNonNull(namespace, "namespace");
            labels = Map.copyOf(labels);
            pod = pod == null ? PodSpec.NONE : pod;
        }

        // The source compared by identity, not by a workload's field-by-field equality.
        @Override
        public boolean equals(Object o) {
            return o instanceof Pods p && namespace.equals(p.namespace) && labels.equals(p.labels)
                    && pod.equals(p.pod) && source == p.source;
        }

        @Override
        public int hashCode() {
            return Objects.hash(namespace, labels, pod, System.identityHashCode(source));
        }

        @Override
        public String toString() {
            return namespace + "/" + (labels.isEmpty() ? "[pod without labels]" : "[pod with " + new java.util.TreeMap<>(labels) + "]");
        }
    }

    /** Addresses outside the cluster. An ipBlock admits them only when the whole range lies within it. */
    record Addresses(AddressRange range) implements Endpoint {
        public Addresses {
            Objects.requireNonNull(range, "range");
        }

        @Override
        public String toString() {
            return range + "[External]";
        }
    }

    /**
     * Any pod that a rule selects by these selectors, as np-guard's representative peers: a rule's peer admits it
     * when each of the peer's selectors is empty or has the same requirements (a {@code podSelector} without
     * {@code namespaceSelector} also needs {@code namespaces} to be exactly {@code kubernetes.io/metadata.name=<the
     * policy's namespace>}). No policy selects it, so its own side never restricts anything.
     */
    final class Representative implements Endpoint {
        private final LabelSelector namespaces;
        private final LabelSelector pods;

        /**
         * @param namespaces the namespaces it may be in ({@link LabelSelector#EVERYTHING}: any namespace)
         * @param pods       the pods it may be; null or empty: any pod of those namespaces
         */
        public Representative(LabelSelector namespaces, LabelSelector pods) {
            this.namespaces = Objects.requireNonNull(namespaces, "namespaces");
            this.pods = pods;
        }

        public LabelSelector namespaces() {
            return namespaces;
        }

        public LabelSelector pods() {
            return pods;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Representative r && namespaces.equals(r.namespaces) && Objects.equals(pods, r.pods);
        }

        @Override
        public int hashCode() {
            return namespaces.hashCode() * 31 + Objects.hashCode(pods);
        }

        @Override
        public String toString() {
            return "Representative[namespaces=" + namespaces + ", pods=" + pods + "]";
        }
    }

    /** A synthetic pod with these labels in a namespace, e.g. "a pod labelled app.kubernetes.io/name=prometheus". */
    static Pods pod(String namespace, Map<String, String> labels) {
        return new Pods(namespace, labels, PodSpec.NONE, null);
    }

    /** Any pod of a namespace, whatever its labels: admitted only by rules that admit every pod of it. */
    static Representative anyPodOf(String namespace) {
        return new Representative(LabelSelector.of(Map.of(Labels.NAMESPACE_NAME, namespace)), null);
    }

    /** Any pod of any namespace: admitted only by rules that admit the whole cluster. */
    static Representative anyPod() {
        return new Representative(LabelSelector.EVERYTHING, null);
    }

    /** One address such as "10.1.2.3" or "fd00::1". */
    static Addresses address(String address) {
        return new Addresses(AddressRange.address(address));
    }

    /** The addresses of a CIDR such as "0.0.0.0/0". */
    static Addresses addresses(String cidr) {
        return new Addresses(AddressRange.cidr(cidr));
    }
}
