package io.netpolguard.model;

import java.util.List;

/**
 * A prometheus-operator ServiceMonitor or PodMonitor: which Services or pods Prometheus scrapes, on which ports.
 *
 * @param object       the object
 * @param target       Services (ServiceMonitor) or pods (PodMonitor)
 * @param selector     {@code spec.selector}
 * @param anyNamespace {@code spec.namespaceSelector.any}
 * @param namespaces   {@code spec.namespaceSelector.matchNames}; empty (and not any) means the monitor's own namespace
 * @param endpoints    {@code endpoints} or {@code podMetricsEndpoints}
 */
public record Monitor(KubeObject object, Target target, LabelSelector selector, boolean anyNamespace,
                      List<String> namespaces, List<Endpoint> endpoints) {

    public enum Target { SERVICES, PODS }

    /**
     * One scraped endpoint.
     *
     * @param port       ServiceMonitor: the Service port's name; PodMonitor: the container port's name, or its
     *                   {@code portNumber}; null when not written
     * @param targetPort the pods' port by number or name (deprecated, still served); null when not written
     */
    public record Endpoint(PortRef port, PortRef targetPort) {
    }
}
