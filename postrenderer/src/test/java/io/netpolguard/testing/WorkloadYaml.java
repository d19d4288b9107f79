package io.netpolguard.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workload with a pod template. Unless told otherwise its pods are labelled {@code app: <name>}, the workload
 * selects them by those labels (kinds other than Job and Pod), and it runs one container named after it.
 */
public final class WorkloadYaml extends ObjectYaml<WorkloadYaml> {

    private final boolean selects;
    private final Map<String, Object> spec = new LinkedHashMap<>();
    private Map<String, String> podLabels;
    private Map<String, String> selector;
    private boolean noSelector;
    private boolean hostNetwork;
    private String container;
    private String image;
    private final List<Map<String, Object>> ports = new ArrayList<>();
    private String podSpec;

    WorkloadYaml(String apiVersion, String kind, String name, boolean selects) {
        super(apiVersion, kind, name);
        this.selects = selects;
        this.podLabels = pairs("app", name);
    }

    /** The pod template's labels, replacing {@code app: <name>}; none at all leaves the template without metadata. */
    public WorkloadYaml podLabels(String... keysAndValues) {
        this.podLabels = pairs(keysAndValues);
        return this;
    }

    /** The workload's selector (matchLabels), when it is not the pod labels. */
    public WorkloadYaml selector(String... keysAndValues) {
        this.selector = pairs(keysAndValues);
        return this;
    }

    /** No {@code spec.selector}, as older API versions and readers that ignore it allow. */
    public WorkloadYaml noSelector() {
        this.noSelector = true;
        return this;
    }

    /** A field of the workload's spec before its selector, e.g. {@code spec("serviceName", "db-headless")}. */
    public WorkloadYaml spec(String key, Object value) {
        spec.put(key, value);
        return this;
    }

    public WorkloadYaml hostNetwork() {
        this.hostNetwork = true;
        return this;
    }

    /** The one container's name (the workload's name unless given). */
    public WorkloadYaml container(String name) {
        this.container = name;
        return this;
    }

    public WorkloadYaml container(String name, String image) {
        this.container = name;
        this.image = image;
        return this;
    }

    /** A TCP port of the container. */
    public WorkloadYaml port(String name, int containerPort) {
        return port(name, containerPort, null);
    }

    /** A port of the container; a null name or protocol is left out. */
    public WorkloadYaml port(String name, int containerPort, String protocol) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (name != null) {
            p.put("name", name);
        }
        p.put("containerPort", containerPort);
        if (protocol != null) {
            p.put("protocol", protocol);
        }
        ports.add(p);
        return this;
    }

    /**
     * The whole pod spec as YAML (containers, volumes, ...), for tests about what pods are given; replaces the one
     * container. {@link #hostNetwork()} still comes first.
     */
    public WorkloadYaml podSpec(String yaml) {
        this.podSpec = yaml;
        return this;
    }

    @Override
    void content(StringBuilder sb) {
        sb.append("spec:\n");
        spec.forEach((k, v) -> sb.append("  ").append(scalar(k)).append(": ").append(scalar(v)).append('\n'));
        Map<String, String> selects = selector != null ? selector : podLabels;
        if (this.selects && !noSelector) {
            sb.append("  selector:\n");
            mapping(sb, 4, "matchLabels", selects);
        }
        sb.append("  template:\n");
        if (!podLabels.isEmpty()) {
            sb.append("    metadata:\n");
            mapping(sb, 6, "labels", podLabels);
        }
        sb.append("    spec:\n");
        podSpec(sb, 6);
    }

    private void podSpec(StringBuilder sb, int indent) {
        String at = " ".repeat(indent);
        if (hostNetwork) {
            sb.append(at).append("hostNetwork: true\n");
        }
        if (podSpec != null) {
            sb.append(indented(podSpec, indent));
            return;
        }
        sb.append(at).append("containers:\n");
        sb.append(at).append("  - name: ").append(scalar(container != null ? container : name())).append('\n');
        if (image != null) {
            sb.append(at).append("    image: ").append(scalar(image)).append('\n');
        }
        if (!ports.isEmpty()) {
            sb.append(at).append("    ports:\n");
            for (Map<String, Object> p : ports) {
                listItem(sb, indent + 6, p);
            }
        }
    }
}
