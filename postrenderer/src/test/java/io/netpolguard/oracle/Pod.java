package io.netpolguard.oracle;

import java.util.List;
import java.util.Map;

/**
 * The pods of one workload, as NetworkPolicies see them: a namespace, pod labels and container ports.
 * {@code kind} and {@code name} are those of the workload (a bare Pod: "Pod" and its name).
 */
public record Pod(String namespace, String kind, String name, Map<String, String> labels, List<Port> ports) {

    public Pod {
        labels = Map.copyOf(labels);
        ports = List.copyOf(ports);
    }

    @Override
    public String toString() {
        return namespace + "/" + name + "[" + kind + "]";
    }
}
