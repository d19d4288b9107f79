package io.netpolguard.observe;

import io.netpolguard.model.Protocol;

import java.util.Map;

/**
 * Inspektor Gadget's network gadgets with {@code -o json}, one event per line, in either shape its source defines:
 * <ul>
 *   <li>{@code trace_tcp}: {@code src} and {@code dst} endpoints ({@code addr}, {@code port}, {@code proto}, and
 *       {@code k8s} with {@code kind} pod|svc|raw, {@code namespace}, {@code name}, {@code labels}), {@code type}
 *       connect, accept or close, and the traced pod in {@code k8s} ({@code namespace}, {@code podName},
 *       {@code podLabels}, {@code hostnetwork}). A connect goes from src to dst's port; an accept is the remote
 *       peer (dst) connecting to the traced pod's port (src); a close repeats a connection and is skipped.</li>
 *   <li>the network events {@code advise network-policy} reads: {@code egress} 1 or 0, the remote
 *       {@code endpoint} (its {@code port} is the destination port either way) and the pod in {@code k8s}.</li>
 * </ul>
 * Skipped, and counted: pods on the host network (NetworkPolicies do not apply to them), loopback traffic, traffic
 * into a pod from its own node.
 */
final class GadgetReader implements FlowFormat.LineReader {

    @Override
    public void read(String line, Observed into) {
        Map<String, Object> event = Records.object(JsonLine.parse(line), "the event");
        Map<String, Object> k8s = Records.object(event, "k8s", "");
        if (Records.isTrue(k8s, "hostNetwork") || Records.isTrue(k8s, "hostnetwork")) {
            into.skip("pods on the host network (NetworkPolicies do not apply to them)");
            return;
        }
        if (event.containsKey("endpoint")) {
            network(event, k8s, into);
        } else if (event.containsKey("src") && event.containsKey("dst")) {
            tcp(event, k8s, into);
        } else {
            throw new IllegalArgumentException("neither a trace_tcp event (src, dst) nor a network event (endpoint)");
        }
    }

    private static void tcp(Map<String, Object> event, Map<String, Object> k8s, Observed into) {
        String type = Records.string(event, "type", "");
        Map<String, Object> src = Records.object(event, "src", "");
        Map<String, Object> dst = Records.object(event, "dst", "");
        if ("close".equals(type)) {
            into.skip("close events (the connect or accept is counted)");
            return;
        }
        boolean accept = "accept".equals(type);
        if (!accept && !"connect".equals(type)) {
            throw new IllegalArgumentException("type is " + (type == null ? "missing" : "\"" + type + "\"")
                    + ", not connect, accept or close");
        }
        // src is the traced pod's own socket either way: it connects to dst, or accepts dst's connection.
        Protocol protocol = protocol(src.get("proto") != null ? src.get("proto") : dst.get("proto"),
                src.get("proto_raw"));
        int port = Records.port(accept ? src : dst, "port", accept ? "src." : "dst.");
        if (port == 0) {
            throw new IllegalArgumentException((accept ? "src" : "dst") + ".port is missing");
        }
        if (Records.loopback(Records.string(dst, "addr", "dst."))) {
            into.skip("loopback traffic");
            return;
        }
        FlowEnd traced = traced(k8s, Records.string(src, "addr", "src."));
        FlowEnd remote = remote(dst, "dst.");
        if (accept) {
            into.add(remote, traced, protocol, port, 1);
        } else {
            into.add(traced, remote, protocol, port, 1);
        }
    }

    private static void network(Map<String, Object> event, Map<String, Object> k8s, Observed into) {
        Map<String, Object> endpoint = Records.object(event, "endpoint", "");
        Object egress = event.get("egress");
        if (!(egress instanceof Long e) || (e != 0 && e != 1)) {
            throw new IllegalArgumentException("egress is not 0 or 1");
        }
        String address = Records.string(endpoint, "addr", "endpoint.");
        if (Records.loopback(address)) {
            into.skip("loopback traffic");
            return;
        }
        if (e == 0 && address != null && address.equals(Records.string(k8s, "hostIP", "k8s."))) {
            into.skip("traffic from the pod's own node (kubelet probes: CNIs always allow it)");
            return;
        }
        int port = Records.port(endpoint, "port", "endpoint.");
        if (port == 0) {
            throw new IllegalArgumentException("endpoint.port is missing");
        }
        Protocol protocol = protocol(endpoint.get("proto"), endpoint.get("proto_raw"));
        FlowEnd pod = traced(k8s, Records.string(k8s, "podIP", "k8s."));
        FlowEnd remote = remote(endpoint, "endpoint.");
        if (e == 1) {
            into.add(pod, remote, protocol, port, 1);
        } else {
            into.add(remote, pod, protocol, port, 1);
        }
    }

    private static Protocol protocol(Object name, Object number) {
        Object value = name != null ? name : number;
        Protocol p = Records.protocol(value);
        if (p == null) {
            throw new IllegalArgumentException(value == null ? "proto is missing"
                    : "proto " + value + " is not TCP, UDP or SCTP");
        }
        return p;
    }

    /** The pod the gadget traced; an address when the event has no Kubernetes data. */
    private static FlowEnd traced(Map<String, Object> k8s, String address) {
        String namespace = Records.string(k8s, "namespace", "k8s.");
        if (namespace == null) {
            if (address == null) {
                throw new IllegalArgumentException("k8s.namespace and the address are both missing");
            }
            return FlowEnd.address(address);
        }
        return new FlowEnd(namespace, Records.string(k8s, "podName", "k8s."), null,
                Records.labels(k8s == null ? null : k8s.get("podLabels"), "k8s.podLabels"), false, Map.of(), null);
    }

    /** The other end: a pod, a Service's pods (by its selector) or an address. */
    private static FlowEnd remote(Map<String, Object> endpoint, String path) {
        Map<String, Object> k8s = Records.object(endpoint, "k8s", path);
        String kind = Records.string(k8s, "kind", path + "k8s.");
        String namespace = Records.string(k8s, "namespace", path + "k8s.");
        Map<String, String> labels = Records.labels(k8s == null ? null : k8s.get("labels"), path + "k8s.labels");
        String address = Records.string(endpoint, "addr", path);
        if ("pod".equals(kind) && namespace != null) {
            String name = Records.string(k8s, "name", path + "k8s.");
            return new FlowEnd(namespace, name != null ? name : Records.string(k8s, "podname", path + "k8s."), null,
                    labels, false, Map.of(), null);
        }
        if ("svc".equals(kind) && namespace != null && !labels.isEmpty()) {
            return new FlowEnd(namespace, null, null, labels, true, Map.of(), null);
        }
        if (address == null) {
            throw new IllegalArgumentException(path + "addr is missing");
        }
        return FlowEnd.address(address);
    }
}
