package io.netpolguard.model;

/** The protocols a NetworkPolicy can name. */
public enum Protocol {
    TCP, UDP, SCTP;

    /** The protocol for its Kubernetes spelling; TCP when absent, as Kubernetes defaults it; null when unknown. */
    public static Protocol of(String name) {
        if (name == null || name.isEmpty()) {
            return TCP;
        }
        for (Protocol p : values()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
