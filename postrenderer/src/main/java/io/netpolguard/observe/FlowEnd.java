package io.netpolguard.observe;

import java.util.Map;
import java.util.TreeMap;

/**
 * One end of an observed flow, as the flow log tells it: a pod (its namespace, and what the log knows of it) or an
 * address outside the cluster's pods.
 *
 * @param namespace       the pod's namespace; null for an address
 * @param pod             the pod's name, or in the plain format a workload's or a pod's name; null when not known
 * @param workload        the name of the workload that made the pod, when the log says it (Hubble's
 *                        {@code workloads}, Inspektor Gadget's owner); null otherwise
 * @param labels          the pod's labels; with {@code selector}, only some of them
 * @param selector        true when {@code labels} are a selector (a Service's, or written in the plain format) rather
 *                        than all the pod's labels
 * @param namespaceLabels the labels of the pod's namespace, when the log says them (Hubble); empty otherwise
 * @param address         the address (or, in the plain format, a CIDR); for a pod, null or its address
 */
public record FlowEnd(String namespace, String pod, String workload, Map<String, String> labels, boolean selector,
                      Map<String, String> namespaceLabels, String address) {

    public FlowEnd {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        namespaceLabels = namespaceLabels == null ? Map.of() : Map.copyOf(namespaceLabels);
    }

    /** An address outside the cluster's pods. */
    public static FlowEnd address(String address) {
        return new FlowEnd(null, null, null, Map.of(), false, Map.of(), address);
    }

    /** A pod, not an address. */
    public boolean isPod() {
        return namespace != null;
    }

    /** "team-a/web-7d4b9c-x2x9z", "team-b/[pods {app=api}]", "203.0.113.7". */
    public String describe() {
        if (!isPod()) {
            return address;
        }
        if (pod != null) {
            return namespace + "/" + pod;
        }
        if (workload != null) {
            return namespace + "/" + workload;
        }
        return namespace + "/[pods " + (labels.isEmpty() ? "without labels" : new TreeMap<>(labels).toString()) + "]";
    }
}
