package io.netpolguard.model;

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
}
