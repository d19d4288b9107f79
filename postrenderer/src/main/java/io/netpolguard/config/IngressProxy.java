package io.netpolguard.config;

import io.netpolguard.model.PortRange;

import java.util.List;
import java.util.Map;

/**
 * Where the release's own ingress or gateway controller may proxy to ({@code ingressProxy:}): its backends are in
 * other releases and namespaces, on ports no manifest of its release shows.
 *
 * @param namespaces      the backends' namespaces; with no namespaceLabels either, every namespace
 * @param namespaceLabels labels of the backends' namespaces; null when not written
 * @param ports           the backends' ports; empty for every port
 * @param workloads       controllers of the release that neither a class nor outside traffic shows
 */
public record IngressProxy(List<String> namespaces, Map<String, String> namespaceLabels, List<PortRange> ports,
                           List<WorkloadMatch> workloads) {

    /** Pods in every namespace, on every port; the controllers found from the release's documents. */
    public static final IngressProxy DEFAULT = new IngressProxy(List.of(), null, List.of(), List.of());

    /** Whether backends are everywhere: no namespace and no namespace labels written. */
    public boolean anyNamespace() {
        return namespaces.isEmpty() && namespaceLabels == null;
    }
}
