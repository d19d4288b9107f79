package io.netpolguard.verify;

import io.netpolguard.model.Direction;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.Workload;

/**
 * What a release allows, or a chart's policy blocks, that someone should look at: about one workload, and the chart
 * NetworkPolicy behind it. Only plain text and model objects, so reports need no engine class to read it.
 *
 * @param kind        what sort of finding
 * @param workload    the workload of the release it concerns
 * @param direction   the direction it concerns
 * @param policy      the chart's NetworkPolicy behind it, or null when none is named
 * @param rule        the rule's place in the policy, "spec.ingress[0]"; null when no single rule is meant
 * @param admits      who the rule admits from outside the release, in words; null when it admits no one
 * @param connections on which connections, as np-guard writes them ("TCP 5432", "All Connections"); null when none
 * @param message     one sentence about this workload
 */
public record Finding(Kind kind, Workload workload, Direction direction, KubeObject policy, String rule, String admits,
                      String connections, String message) {

    /** What to do about a chart rule that opens the release to the outside. */
    static final String NARROW_THE_RULE = "If the release does not need that, narrow the rule in the chart (its values"
            + " for that policy), or turn the chart's policy off and let netpol-guard isolate the workload.";

    public enum Kind {
        /** A chart rule with neither peers nor ports: the direction is not isolated at all. */
        ISOLATION_VOIDED("isolation-voided"),
        /** A chart rule that admits peers outside the release, on some ports. */
        CROSS_RELEASE("cross-release"),
        /** A chart policy that blocks what the workload needs (an allowance's flow, a helm test's Service). */
        CHART_GAP("chart-gap");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** "cross-release", as the JSON report, SARIF and JUnit name it. */
        public String id() {
            return id;
        }

        /** True for the kinds that open the release to the outside (what strict mode refuses). */
        public boolean crossesRelease() {
            return this != CHART_GAP;
        }

        /**
         * What to do, for a reader who sees a finding's message alone (in CI); empty for chart gaps, whose messages
         * say it themselves.
         */
        public String advice() {
            return crossesRelease() ? NARROW_THE_RULE : "";
        }
    }
}
