package io.netpolguard.model;

/**
 * Which container port a port name stands for on a pod: the one resolver of named ports, by the rule of the tool
 * whose answer is wanted. It lives in the model so that planning, verification and the connectivity engine share it.
 */
public enum NamedPorts {

    /** As Kubernetes resolves named ports: the first port with that name and protocol. */
    KUBERNETES,

    /**
     * As np-guard resolves them: the first port with that name, which counts only when it has the protocol (the
     * connectivity engine, so that analyze answers as np-guard does).
     */
    NP_GUARD,

    /** The first port with that name, whatever its protocol (analyze's exposure and explain). */
    NP_GUARD_ANY_PROTOCOL;

    /** The container port {@code name} stands for on these pods for traffic of {@code protocol}; null when none. */
    public ContainerPort find(PodSpec pod, String name, Protocol protocol) {
        for (ContainerPort c : pod.ports()) {
            if (!name.equals(c.name())) {
                continue;
            }
            if (this == KUBERNETES) {
                if (c.protocol() == protocol) {
                    return c;
                }
                continue;
            }
            return this == NP_GUARD_ANY_PROTOCOL || c.protocol() == protocol ? c : null;
        }
        return null;
    }
}
