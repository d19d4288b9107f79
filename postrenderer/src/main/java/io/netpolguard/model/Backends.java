package io.netpolguard.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a Service sends a port's traffic on a pod it selects ({@link Service#selects}, {@link Service#sendsTo}):
 * the one answer to which container port a Service port's {@code targetPort} stands for, by the named-port rule of
 * the tool whose answer is wanted (Kubernetes' for planning and verification, np-guard's for analyze). It lives in the
 * model so that planning, on the post-renderer's usual path, loads no class of the connectivity engine.
 */
public final class Backends {

    private Backends() {
    }

    /** The pod port a Service port sends its traffic to: {@link #port(PortRef, Protocol, PodSpec, NamedPorts)}. */
    public static int port(Service.Port port, PodSpec pod, NamedPorts rule) {
        return port(port.targetPort(), port.protocol(), pod, rule);
    }

    /**
     * The pod port a target port stands for for traffic of {@code protocol}: a number as written, a name resolved on
     * the pod by {@code rule}; 0 when it names no port of the pod (the pod is then no endpoint of it).
     */
    public static int port(PortRef target, Protocol protocol, PodSpec pod, NamedPorts rule) {
        if (!target.isNamed()) {
            return target.number();
        }
        ContainerPort c = rule.find(pod, target.name(), protocol);
        return c == null ? 0 : c.port();
    }

    /**
     * The container ports of a pod that a Service it selects reaches, each once, in order: its ports' target ports,
     * resolved by Kubernetes' rule (a name no container port of the pod declares reaches none). A headless Service
     * without ports reaches every container port the pod declares: kube-proxy forwards nothing for it, but its DNS
     * name resolves to the pods' own addresses, so a client connects to any of their ports directly. (Kubernetes
     * accepts a Service without ports only when it is headless.)
     */
    public static List<PortRange> targets(Service service, PodSpec pod) {
        List<PortRange> ports = new ArrayList<>();
        if (service.ports().isEmpty() && service.headless()) {
            for (ContainerPort c : pod.ports()) {
                add(ports, PortRange.of(c.protocol(), c.port()));
            }
            return ports;
        }
        for (Service.Port p : service.ports()) {
            int number = port(p, pod, NamedPorts.KUBERNETES);
            if (number > 0) {
                add(ports, PortRange.of(p.protocol(), number));
            }
        }
        return ports;
    }

    private static void add(List<PortRange> ports, PortRange port) {
        if (!ports.contains(port)) {
            ports.add(port);
        }
    }
}
