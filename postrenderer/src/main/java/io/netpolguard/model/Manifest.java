package io.netpolguard.model;

import java.util.List;

/**
 * Everything read from one stream: its raw documents in order, and what netpol-guard understood of them.
 */
public record Manifest(List<RawDocument> documents, List<KubeObject> objects, List<Workload> workloads,
                       List<NetworkPolicy> policies) {

    /** The chart's own NetworkPolicies: all but those netpol-guard generated on an earlier run. */
    public List<NetworkPolicy> chartPolicies() {
        return policies.stream().filter(p -> !p.isGenerated()).toList();
    }
}
