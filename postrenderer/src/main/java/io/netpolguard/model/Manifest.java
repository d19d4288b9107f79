package io.netpolguard.model;

import java.util.List;
import java.util.Map;

/**
 * Everything read from one stream: its raw documents in order, and what netpol-guard understood of them.
 *
 * @param documents  the raw documents, in order
 * @param objects    every object, in order
 * @param workloads  the objects that create pods
 * @param policies   the NetworkPolicies
 * @param services   the Services
 * @param references the documents that send traffic to a Service (Ingress and route backends, webhooks, APIs)
 * @param monitors   the ServiceMonitors and PodMonitors
 * @param bindings   the RoleBindings and ClusterRoleBindings
 * @param namespaces the labels of each Namespace object, by name
 * @param helmFilenames true when Helm 4 named the documents with its {@code postrenderer.helm.sh/postrender-filename}
 *                   annotation: documents netpol-guard adds are named the same way
 * @param configData the ConfigMaps and Secrets, with their values; read only to segregate the release
 */
public record Manifest(List<RawDocument> documents, List<KubeObject> objects, List<Workload> workloads,
                       List<NetworkPolicy> policies, List<Service> services, List<ServiceReference> references,
                       List<Monitor> monitors, List<Binding> bindings, Map<String, Map<String, String>> namespaces,
                       boolean helmFilenames, List<ConfigData> configData) {

    /** The chart's own NetworkPolicies: all but those netpol-guard generated on an earlier run. */
    public List<NetworkPolicy> chartPolicies() {
        return policies.stream().filter(p -> !p.isGenerated()).toList();
    }
}
