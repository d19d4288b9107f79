package io.netpolguard.model;

/** The two sides of every connection: egress at the source, ingress at the destination. */
public enum Direction {
    INGRESS("Ingress"), EGRESS("Egress");

    private final String wireName;

    Direction(String wireName) {
        this.wireName = wireName;
    }

    /** "Ingress" or "Egress", as policyTypes spells it. */
    public String wireName() {
        return wireName;
    }

    /** The model's flag for this direction ({@link io.netpolguard.model.NetworkPolicy#rules(boolean)}). */
    public boolean isIngress() {
        return this == INGRESS;
    }
}
