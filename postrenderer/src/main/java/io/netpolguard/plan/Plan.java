package io.netpolguard.plan;

import io.netpolguard.model.Workload;
import io.netpolguard.plan.allow.Opening;
import io.netpolguard.plan.segregate.OutsideAddress;
import io.netpolguard.plan.segregate.UnreachedServices;

import java.util.List;
import java.util.Map;

/**
 * What a run will change: labels to add to pod templates, and policies to append.
 *
 * @param labelAdds   per workload, the labels its pod template gets, in the order they are written
 * @param podLabels   every in-scope workload's pod labels after the change
 * @param policies    the policies to append (those already in the stream from an earlier run are left out)
 * @param openings    everything the allowances derived, in the directions netpol-guard isolates or not
 * @param chartDecides the openings in directions the chart's own policies isolate: netpol-guard adds nothing there
 * @param warnings    what the user should know, one sentence each
 * @param outside     the addresses outside the release that the workloads' pods are given (closed or not: the
 *                    generated policies decide)
 * @param unreached   segregated, the release's Services that nothing reaches; else empty
 */
public record Plan(Map<Workload, Map<String, String>> labelAdds,
                   Map<Workload, Map<String, String>> podLabels,
                   List<PolicySpec> policies, List<Opening> openings, List<Opening> chartDecides,
                   List<String> warnings, List<OutsideAddress> outside,
                   List<UnreachedServices.Unreached> unreached) {
}
