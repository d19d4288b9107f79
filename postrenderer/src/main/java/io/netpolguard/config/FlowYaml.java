package io.netpolguard.config;

import io.netpolguard.model.PortRange;
import io.netpolguard.model.Protocol;
import io.netpolguard.yaml.Scalar;

import java.util.List;
import java.util.Map;

/**
 * A declared flow written as an entry of the configuration's {@code flows:} list, ready to paste: what warnings
 * advise and what observed traffic turns into. {@link ConfigReader} reads back exactly the flow written.
 */
public final class FlowYaml {

    private FlowYaml() {
    }

    /**
     * The flow as a list entry: "- " at {@code indent} spaces, its keys below, one line each, values in flow style.
     */
    public static String entry(Flow flow, int indent) {
        String pad = " ".repeat(indent);
        StringBuilder out = new StringBuilder();
        String first = pad + "- ";
        String next = pad + "  ";
        String lead = first;
        if (flow.description() != null) {
            out.append(lead).append("description: ").append(Scalar.of(flow.description())).append('\n');
            lead = next;
        }
        if (flow.workload() != null) {
            out.append(lead).append("workload: ").append(workload(flow.workload())).append('\n');
            lead = next;
        }
        out.append(lead).append(flow.direction().peerField()).append(": [");
        for (int i = 0; i < flow.peers().size(); i++) {
            out.append(i == 0 ? "" : ", ").append(peer(flow.peers().get(i)));
        }
        out.append("]\n").append(next).append("ports: [");
        for (int i = 0; i < flow.ports().size(); i++) {
            out.append(i == 0 ? "" : ", ").append(port(flow.ports().get(i)));
        }
        return out.append("]\n").toString();
    }

    /** "{kind: Deployment, name: web}" or "{podLabels: {app: web}}". */
    static String workload(WorkloadMatch w) {
        StringBuilder out = new StringBuilder("{");
        String sep = "";
        if (w.kind() != null) {
            out.append("kind: ").append(Scalar.of(w.kind()));
            sep = ", ";
        }
        if (w.name() != null) {
            out.append(sep).append("name: ").append(Scalar.of(w.name()));
            sep = ", ";
        }
        if (w.podLabels() != null && !w.podLabels().isEmpty()) {
            out.append(sep).append("podLabels: ").append(map(w.podLabels()));
        }
        return out.append('}').toString();
    }

    static String peer(Flow.Peer p) {
        StringBuilder out = new StringBuilder("{");
        String sep = "";
        if (!p.cidrs().isEmpty()) {
            out.append("cidrs: ").append(cidrs(p.cidrs()));
            sep = ", ";
            if (!p.except().isEmpty()) {
                out.append(", except: ").append(cidrs(p.except()));
            }
        }
        if (p.release() != null) {
            out.append(sep).append("release: ").append(Scalar.of(p.release()));
            sep = ", ";
        }
        if (p.namespace() != null) {
            out.append(sep).append("namespace: ").append(Scalar.of(p.namespace()));
            sep = ", ";
        }
        if (p.namespaceLabels() != null) {
            out.append(sep).append("namespaceLabels: ").append(map(p.namespaceLabels()));
            sep = ", ";
        }
        if (p.podLabels() != null) {
            out.append(sep).append("podLabels: ").append(map(p.podLabels()));
        }
        return out.append('}').toString();
    }

    /** "443", "{port: 53, protocol: UDP}", "{port: 8000, endPort: 8100}". */
    static String port(PortRange r) {
        if (r.protocol() == Protocol.TCP && r.first() == r.last()) {
            return Integer.toString(r.first());
        }
        return "{port: " + r.first() + (r.first() == r.last() ? "" : ", endPort: " + r.last())
                + (r.protocol() == Protocol.TCP ? "" : ", protocol: " + r.protocol()) + "}";
    }

    private static String cidrs(List<String> values) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(Scalar.cidr(values.get(i)));
        }
        return out.append(']').toString();
    }

    private static String map(Map<String, String> labels) {
        StringBuilder out = new StringBuilder("{");
        String sep = "";
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(labels).entrySet()) {
            out.append(sep).append(Scalar.of(e.getKey())).append(": ").append(Scalar.of(e.getValue()));
            sep = ", ";
        }
        return out.append('}').toString();
    }
}
