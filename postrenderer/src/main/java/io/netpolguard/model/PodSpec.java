package io.netpolguard.model;

import java.util.List;
import java.util.Map;

/**
 * What a pod template says about its pods' traffic.
 *
 * @param annotations    the pod template's annotations (e.g. {@code prometheus.io/scrape})
 * @param ports          the ports its containers and init containers declare, in order
 * @param serviceAccount the service account its pods run as ({@code default} when not written)
 * @param hostNetwork    its pods use the node's network: NetworkPolicies do not apply to them
 * @param inputs         what its containers are given that can name other components; read only to segregate
 */
public record PodSpec(Map<String, String> annotations, List<ContainerPort> ports, String serviceAccount,
                      boolean hostNetwork, PodInputs inputs) {

    public static final PodSpec NONE = new PodSpec(Map.of(), List.of(), "default", false);

    /** Without inputs. */
    public PodSpec(Map<String, String> annotations, List<ContainerPort> ports, String serviceAccount,
                   boolean hostNetwork) {
        this(annotations, ports, serviceAccount, hostNetwork, PodInputs.NONE);
    }
}
