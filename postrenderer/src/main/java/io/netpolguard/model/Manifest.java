package io.netpolguard.model;

import java.util.List;

/**
 * Everything read from one stream: its raw documents in order, and what netpol-guard understood of them.
 */
public record Manifest(List<RawDocument> documents, List<KubeObject> objects, List<Workload> workloads,
                       List<NetworkPolicy> policies) {
}
