package io.netpolguard.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Service. Unless told otherwise it selects the pods labelled {@code app: <name>}. */
public final class ServiceYaml extends ObjectYaml<ServiceYaml> {

    private Map<String, String> selector;
    private String type;
    private String externalName;
    private boolean headless;
    private final List<Map<String, Object>> ports = new ArrayList<>();

    ServiceYaml(String name) {
        super("v1", "Service", name);
        this.selector = pairs("app", name);
    }

    /** The pod labels it selects, replacing {@code app: <name>}; none at all is a Service without selector. */
    public ServiceYaml selects(String... keysAndValues) {
        this.selector = pairs(keysAndValues);
        return this;
    }

    public ServiceYaml type(String type) {
        this.type = type;
        return this;
    }

    /** {@code clusterIP: None}. */
    public ServiceYaml headless() {
        this.headless = true;
        return this;
    }

    /** An ExternalName Service: no selector, no ports. */
    public ServiceYaml externalName(String host) {
        this.type = "ExternalName";
        this.externalName = host;
        this.selector = Map.of();
        return this;
    }

    /** A TCP port sent to the same port of the pods. */
    public ServiceYaml port(String name, int port) {
        return port(name, port, null, null);
    }

    /** A TCP port sent to a target port, a number or a container port's name. */
    public ServiceYaml port(String name, int port, Object targetPort) {
        return port(name, port, targetPort, null);
    }

    /** A port; a null name, target port or protocol is left out. */
    public ServiceYaml port(String name, int port, Object targetPort, String protocol) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (name != null) {
            p.put("name", name);
        }
        p.put("port", port);
        if (targetPort != null) {
            p.put("targetPort", targetPort);
        }
        if (protocol != null) {
            p.put("protocol", protocol);
        }
        ports.add(p);
        return this;
    }

    @Override
    void content(StringBuilder sb) {
        sb.append("spec:\n");
        if (type != null) {
            sb.append("  type: ").append(type).append('\n');
        }
        if (externalName != null) {
            sb.append("  externalName: ").append(scalar(externalName)).append('\n');
        }
        if (headless) {
            sb.append("  clusterIP: None\n");
        }
        mapping(sb, 2, "selector", selector);
        if (!ports.isEmpty()) {
            sb.append("  ports:\n");
            ports.forEach(p -> listItem(sb, 4, p));
        }
    }
}
