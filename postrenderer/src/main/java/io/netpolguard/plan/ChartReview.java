package io.netpolguard.plan;

import io.netpolguard.model.Workload;

import java.util.ArrayList;
import java.util.List;

/**
 * What the user should know about a chart as written, whether or not netpol-guard adds anything: pods that
 * NetworkPolicies cannot govern. (What the chart's own policies admit from outside the release is
 * {@code verify.CrossRelease}'s, which needs the connectivity engine.)
 */
public final class ChartReview {

    private ChartReview() {
    }

    /** @param inScope the workloads the platform's rule applies to */
    public static List<String> warnings(List<Workload> inScope) {
        List<String> warnings = new ArrayList<>();
        for (Workload w : inScope) {
            if (w.hostNetwork()) {
                warnings.add(w.describe() + " runs its pods with hostNetwork: true; NetworkPolicies do not apply"
                        + " to them, so they are not isolated.");
            }
        }
        return warnings;
    }
}
