package io.netpolguard;

import io.netpolguard.plan.PolicySpec;
import io.netpolguard.plan.allow.Opening;
import io.netpolguard.verify.ClosedFlow;
import io.netpolguard.verify.Coverage;
import io.netpolguard.verify.Finding;
import io.netpolguard.write.StreamWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * What a run decided. When {@link #refused()} nothing may be written.
 *
 * @param release   the release name, or null when the stream has no workload to isolate
 * @param coverage  every in-scope workload and the policies that select it in the output
 * @param generated the policies added by this run
 * @param openings  what the allowances derived (empty in a check-only run)
 * @param chartDecides the openings in directions the chart's own policies isolate, where netpol-guard adds nothing
 * @param findings  what the chart's own policies admit from outside the release, or block that it needs; empty when
 *                  the chart has no NetworkPolicy
 * @param warnings  what the user should know (the findings' too, one sentence per chart rule)
 * @param strict    cross-release findings refuse the release
 * @param segregated the release's components were segregated: its pods reach only what they use, not each other
 * @param writer    writes the output stream (not to be used when refused)
 * @param closedFlows the flows the documents show and the policies close, each with the declared flow that would
 *                  open it: advice, never a refusal (not even with --strict)
 */
public record Result(String release, List<Coverage> coverage, List<PolicySpec> generated, List<Opening> openings,
                     List<Opening> chartDecides, List<Finding> findings, List<String> warnings, boolean strict,
                     boolean segregated, StreamWriter writer, List<ClosedFlow> closedFlows) {

    /** The workloads that no NetworkPolicy of their namespace selects. */
    public List<Coverage> unselected() {
        return coverage.stream().filter(c -> !c.isSelected()).toList();
    }

    /** The findings of connections across the release's boundary: isolation voided, cross-release. */
    public List<Finding> crossRelease() {
        if (findings.isEmpty()) {
            return List.of();
        }
        return findings.stream().filter(f -> f.kind().crossesRelease()).toList();
    }

    /**
     * Whether an opening of {@link #openings()} was left to the chart's own policies: they isolate its workload in
     * its direction, so every opening of that workload and direction is the chart's to decide.
     */
    public boolean leftToChart(Opening o) {
        for (Opening c : chartDecides) {
            if (c.workload().equals(o.workload()) && c.direction() == o.direction()) {
                return true;
            }
        }
        return false;
    }

    public boolean refused() {
        return !unselected().isEmpty() || (strict && !crossRelease().isEmpty());
    }

    public void writeTo(OutputStream out) throws IOException {
        if (refused()) {
            throw new IllegalStateException("a refused result has no output");
        }
        writer.writeTo(out);
    }
}
