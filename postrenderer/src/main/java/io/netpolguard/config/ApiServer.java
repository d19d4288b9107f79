package io.netpolguard.config;

import io.netpolguard.model.PortRange;

import java.util.List;

/**
 * Where pods reach the Kubernetes API server. A policy sees the API server's endpoint after the {@code kubernetes}
 * Service is translated (6443 on kubeadm, kind and OpenShift, 443 on GKE, EKS and AKS), on the host network, where
 * pod and namespace selectors do not match it on every CNI: with no CIDRs, egress on these ports to any address.
 *
 * @param cidrs     the API server's addresses (the control-plane nodes); empty for any address
 * @param ports     its ports after translation
 * @param workloads workloads that use the API though no binding of the release names their service account
 */
public record ApiServer(List<String> cidrs, List<PortRange> ports, List<WorkloadMatch> workloads) {

    public static final ApiServer DEFAULT = new ApiServer(List.of(), List.of(PortRange.tcp(443), PortRange.tcp(6443)),
            List.of());
}
