package io.netpolguard.plan;

import io.netpolguard.model.Direction;

/**
 * In which directions a workload's pods are netpol-guard's to isolate: those no chart policy isolates, and where
 * selecting them would not widen a chart's policy.
 *
 * @param ingress traffic into the pods
 * @param egress  traffic out of them
 */
record OpenSides(boolean ingress, boolean egress) {

    boolean is(Direction d) {
        return d == Direction.INGRESS ? ingress : egress;
    }

    boolean none() {
        return !ingress && !egress;
    }

    /** The same, with one direction closed. */
    OpenSides closing(Direction d) {
        return d == Direction.INGRESS ? new OpenSides(false, egress) : new OpenSides(ingress, false);
    }
}
