package io.netpolguard.observe;

import io.netpolguard.model.Protocol;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cilium Hubble's flows ({@code hubble observe -o json}, {@code -o jsonpb}; cilium/cilium
 * {@code api/v1/flow/flow.proto}): one JSON object per line, the flow itself or wrapped as {@code {"flow": {...},
 * "node_name": ..., "time": ...}}. Each end has {@code namespace}, {@code pod_name}, {@code labels}
 * ({@code "k8s:app=web"}, {@code "reserved:world"}) and {@code workloads} ({@code [{"name", "kind"}]}); the
 * addresses are in {@code IP.source} and {@code IP.destination}, the ports in {@code l4.TCP|UDP|SCTP}.
 *
 * <p>Kept: flows of any verdict (a DROPPED flow is an attempt the application made). Skipped, and counted:
 * replies ({@code is_reply}), L7 records (DNS, HTTP: their connection has its own L3/L4 record), records without
 * L4 or of another protocol (ICMP), traffic from the pod's own node ({@code reserved:host}: kubelet probes, which
 * CNIs always allow), and responses that are not flows (node status, lost events).
 */
final class HubbleReader implements FlowFormat.LineReader {

    private static final String K8S = "k8s:";
    private static final String NAMESPACE_LABELS = "io.cilium.k8s.namespace.labels.";

    @Override
    public void read(String line, Observed into) {
        Map<String, Object> record = Records.object(JsonLine.parse(line), "the record");
        Map<String, Object> flow = record.containsKey("flow") ? Records.object(record, "flow", "")
                : record.containsKey("verdict") || record.containsKey("l4") || record.containsKey("IP")
                || record.containsKey("source") ? record : null;
        if (flow == null) {
            into.skip("Hubble responses that are not flows (node status, lost events)");
            return;
        }
        String p = record == flow ? "" : "flow.";
        if (Records.isTrue(flow, "is_reply") || Records.isTrue(flow, "reply")) {
            into.skip("replies");
            return;
        }
        if ("L7".equals(flow.get("Type")) || flow.containsKey("l7")) {
            into.skip("L7 records (DNS, HTTP): their connection has an L3/L4 record");
            return;
        }
        Map<String, Object> l4 = Records.object(flow, "l4", p);
        if (l4 == null || l4.isEmpty()) {
            into.skip("records without L4 (dropped before L4, or not IP)");
            return;
        }
        Protocol protocol = null;
        Map<String, Object> ports = null;
        for (Protocol candidate : Protocol.values()) {
            if (l4.containsKey(candidate.name())) {
                protocol = candidate;
                ports = Records.object(l4, candidate.name(), p + "l4.");
            }
        }
        if (protocol == null) {
            into.skip("records of other protocols than TCP, UDP and SCTP (ICMP)");
            return;
        }
        String at = p + "l4." + protocol + ".";
        int port = Records.port(ports, "destination_port", at);
        if (port == 0) {
            throw new IllegalArgumentException(at + "destination_port is missing");
        }
        Map<String, Object> ip = Records.object(flow, "IP", p);
        Map<String, Object> source = Records.object(flow, "source", p);
        Map<String, Object> destination = Records.object(flow, "destination", p);
        if (hasLabel(source, "reserved:host")) {
            into.skip("traffic from the pod's own node (kubelet probes: CNIs always allow it)");
            return;
        }
        FlowEnd from = end(source, Records.string(ip, "source", p + "IP."), p + "source.");
        FlowEnd to = end(destination, Records.string(ip, "destination", p + "IP."), p + "destination.");
        if (Records.loopback(Records.string(ip, "destination", p + "IP."))) {
            into.skip("loopback traffic");
            return;
        }
        into.add(from, to, protocol, port, 1);
    }

    private static boolean hasLabel(Map<String, Object> endpoint, String label) {
        return endpoint != null && endpoint.get("labels") instanceof List<?> l && l.contains(label);
    }

    private static FlowEnd end(Map<String, Object> endpoint, String address, String path) {
        String namespace = Records.string(endpoint, "namespace", path);
        if (namespace == null) {
            if (address == null) {
                throw new IllegalArgumentException(path + "namespace and the IP address are both missing");
            }
            return FlowEnd.address(address);
        }
        Map<String, String> labels = new TreeMap<>();
        Map<String, String> namespaceLabels = new TreeMap<>();
        for (Object o : Records.list(endpoint, "labels", path)) {
            if (!(o instanceof String s) || !s.startsWith(K8S)) {
                continue;
            }
            int eq = s.indexOf('=');
            String key = s.substring(K8S.length(), eq < 0 ? s.length() : eq);
            String value = eq < 0 ? "" : s.substring(eq + 1);
            if (key.startsWith(NAMESPACE_LABELS)) {
                namespaceLabels.put(key.substring(NAMESPACE_LABELS.length()), value);
            } else if (!key.startsWith("io.cilium.k8s.") && !key.equals("io.kubernetes.pod.namespace")) {
                labels.put(key, value);
            }
        }
        String workload = null;
        List<?> workloads = Records.list(endpoint, "workloads", path);
        if (!workloads.isEmpty()) {
            workload = Records.string(Records.object(workloads.get(0), path + "workloads[0]"), "name",
                    path + "workloads[0].");
        }
        // The pod's address is left out: the pod is known by its name and labels, and its replicas fold together.
        return new FlowEnd(namespace, Records.string(endpoint, "pod_name", path), workload, labels, false,
                namespaceLabels, null);
    }
}
