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

    /** "ingress" or "egress": the direction in messages and reports, and the spec field of its rules. */
    public String lowerName() {
        return this == INGRESS ? "ingress" : "egress";
    }

    /** "from" or "to": the field of a rule (and of a declared flow) that names its peers. */
    public String peerField() {
        return this == INGRESS ? "from" : "to";
    }
}
