package io.netpolguard;

import io.netpolguard.plan.PolicySpec;
import io.netpolguard.plan.allow.Opening;
import io.netpolguard.verify.Coverage;
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
 * @param openings  what the allowances derived (empty with --check-only)
 * @param chartDecides the openings in directions the chart's own policies isolate, where netpol-guard adds nothing
 * @param warnings  what the user should know
 * @param writer    writes the output stream (not to be used when refused)
 */
public record Result(String release, List<Coverage> coverage, List<PolicySpec> generated, List<Opening> openings,
                     List<Opening> chartDecides, List<String> warnings, StreamWriter writer) {

    /** The workloads that no NetworkPolicy of their namespace selects. */
    public List<Coverage> unselected() {
        return coverage.stream().filter(c -> !c.isSelected()).toList();
    }

    public boolean refused() {
        return !unselected().isEmpty();
    }

    public void writeTo(OutputStream out) throws IOException {
        if (refused()) {
            throw new IllegalStateException("a refused result has no output");
        }
        writer.writeTo(out);
    }
}
