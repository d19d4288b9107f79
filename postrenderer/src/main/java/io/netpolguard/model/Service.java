package io.netpolguard.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Service of the stream: which pods it sends to, and on which ports.
 *
 * @param object      the object
 * @param type        {@code spec.type} (ClusterIP when not written)
 * @param selector    {@code spec.selector}, or null when it has none (its endpoints are managed by hand)
 * @param ports       its ports
 * @param externalIPs {@code spec.externalIPs}
 * @param annotations {@code metadata.annotations} (e.g. {@code prometheus.io/scrape})
 * @param headless    {@code clusterIP: None}: its name resolves to its pods' own addresses, so clients connect to
 *                    their container ports directly
 */
public record Service(KubeObject object, String type, Map<String, String> selector, List<Port> ports,
                      List<String> externalIPs, Map<String, String> annotations, boolean headless) {

    /**
     * One port of a Service.
     *
     * @param name       its name, or null
     * @param protocol   its protocol
     * @param port       the Service's port
     * @param targetPort the pods' port, by number or container port name ({@code port} when not written)
     * @param nodePort   {@code nodePort}, or 0
     */
    public record Port(String name, Protocol protocol, int port, PortRef targetPort, int nodePort) {
    }

    /**
     * An {@code ExternalName} Service: its name stands for a host outside the cluster, so it sends to no pod whatever
     * its selector says.
     */
    public boolean isExternalName() {
        return "ExternalName".equals(type);
    }

    /** True when traffic from outside the cluster reaches its pods: LoadBalancer, NodePort, or external IPs. */
    public boolean reachableFromOutside() {
        return "LoadBalancer".equals(type) || "NodePort".equals(type) || !externalIPs.isEmpty();
    }

    /** Whether this Service sends to pods with these labels (a Service without selector sends to none). */
    public boolean selects(Map<String, String> podLabels) {
        return selector != null && !selector.isEmpty() && LabelSelector.matchesAll(selector, podLabels);
    }

    /** Whether this Service sends to a workload's pods: they are in its namespace and carry its selector. */
    public boolean sendsTo(Workload w, Scope scope) {
        return scope.same(scope.of(object), scope.of(w.object())) && selects(w.podLabels());
    }

    /** Its ports for messages: "http/80", or "9090" for one without a name. */
    public List<String> portNames() {
        List<String> names = new ArrayList<>(ports.size());
        for (Port p : ports) {
            names.add(p.name() == null ? Integer.toString(p.port()) : p.name() + "/" + p.port());
        }
        return names;
    }

    /**
     * How a reference's number picks a Service port.
     */
    public enum PortNumbers {
        /** As Kubernetes does: the number is the Service's {@code port}. */
        SERVICE_PORT,
        /** As np-guard does: the number is the Service's {@code port}, or a {@code targetPort} written as a number. */
        SERVICE_OR_TARGET_PORT
    }

    /** The port a reference names: by number (its port) or by name; null when the Service has no such port. */
    public Port port(PortRef ref) {
        return port(ref, PortNumbers.SERVICE_PORT);
    }

    /**
     * The port a reference names: by name, or by number as {@code numbers} says; the first that matches, null when
     * the Service has no such port.
     */
    public Port port(PortRef ref, PortNumbers numbers) {
        for (Port p : ports) {
            boolean match = ref.isNamed() ? ref.name().equals(p.name())
                    : ref.number() == p.port() || numbers == PortNumbers.SERVICE_OR_TARGET_PORT
                    && !p.targetPort().isNamed() && p.targetPort().number() == ref.number();
            if (match) {
                return p;
            }
        }
        return null;
    }
}
