package io.netpolguard.config;

import io.netpolguard.model.WorkloadKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Settings that stay the same from run to run, usually kept in a file passed with {@code --config}.
 *
 * @param dns              where isolated pods may still resolve names; null to allow no DNS
 * @param exemptNamespaces namespaces whose workloads are neither isolated nor checked
 * @param extraKinds       kinds beyond the built-in ones whose objects create pods
 * @param allowIngress     NetworkPolicy ingress rules added to every generated policy, as written
 * @param allowEgress      NetworkPolicy egress rules added to every generated policy, as written
 */
public record Config(DnsTarget dns, Set<String> exemptNamespaces, List<WorkloadKind> extraKinds,
                     List<Map<String, Object>> allowIngress, List<Map<String, Object>> allowEgress) {

    public static final Set<String> DEFAULT_EXEMPT = Set.of("kube-system", "kube-public", "kube-node-lease");

    public static Config defaults() {
        return new Config(DnsTarget.KUBE_DNS, DEFAULT_EXEMPT, List.of(), List.of(), List.of());
    }

    /** Built-in workload kinds followed by the configured ones. */
    public List<WorkloadKind> workloadKinds() {
        List<WorkloadKind> all = new ArrayList<>(WorkloadKind.BUILT_IN);
        all.addAll(extraKinds);
        return all;
    }
}
