package io.netpolguard.config;

import java.util.Map;

/**
 * The cluster DNS pods that isolated pods may still reach, on UDP and TCP.
 *
 * @param namespace the namespace of the DNS pods
 * @param podLabels labels that select the DNS pods
 * @param port      the DNS port
 */
public record DnsTarget(String namespace, Map<String, String> podLabels, int port) {

    public static final DnsTarget KUBE_DNS = new DnsTarget("kube-system", Map.of("k8s-app", "kube-dns"), 53);
}
