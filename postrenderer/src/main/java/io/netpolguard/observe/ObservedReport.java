package io.netpolguard.observe;

import io.netpolguard.config.Flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the check of observed flows says, in words: the denied flows by workload, the flows to declare, a summary. */
public final class ObservedReport {

    private ObservedReport() {
    }

    /**
     * The whole report: each denied flow under its workload with why ({@code analyze explain}'s words), the
     * declared flows that admit them, what only a chart's policy could admit, and the summary line.
     *
     * @param writeHint how to merge the flows into a configuration, in the front end's words
     */
    public static String text(Judgement j, String writeHint) {
        StringBuilder out = new StringBuilder();
        Map<String, List<Judgement.Denied>> byWorkload = new LinkedHashMap<>();
        for (Judgement.Denied d : j.denied()) {
            byWorkload.computeIfAbsent(d.workload(), k -> new ArrayList<>()).add(d);
        }
        if (!byWorkload.isEmpty()) {
            out.append("Observed flows the policies deny, by workload:\n");
        }
        for (Map.Entry<String, List<Judgement.Denied>> e : byWorkload.entrySet()) {
            out.append('\n').append(e.getKey()).append('\n');
            for (Judgement.Denied d : e.getValue()) {
                out.append("  ").append(line(d)).append('\n');
                for (String side : d.why()) {
                    side.lines().forEach(l -> out.append("    ").append(l).append('\n'));
                }
                for (String n : d.notDeclared()) {
                    out.append("    no declared flow: ").append(n).append('\n');
                }
            }
        }
        List<Flow> flows = FlowsToDeclare.of(j.denied());
        if (!flows.isEmpty()) {
            out.append("\nDeclared flows that admit them (review, then add under flows: in the configuration")
                    .append(writeHint == null ? "" : "; " + writeHint).append("):\n\nflows:\n")
                    .append(FlowsToDeclare.yaml(flows, 2));
        }
        if (out.length() > 0) {
            out.append('\n');
        }
        return out.append(summary(j)).append('\n').toString();
    }

    /** "team-a/web[Deployment] => 203.0.113.7 on TCP 443: denied (12 records)". */
    public static String line(Judgement.Denied d) {
        return d.source() + " => " + d.destination() + " on " + d.connection() + ": denied (" + records(d.count())
                + ")";
    }

    /** "team-a/web[Deployment] => 203.0.113.7 on TCP 443 (12 records)". */
    public static String flow(Judgement.Denied d) {
        return d.source() + " => " + d.destination() + " on " + d.connection() + " (" + records(d.count()) + ")";
    }

    /**
     * "Observed flows (Cilium Hubble JSON, told from the first record): 14 of the input's workloads, in 1,234
     * records: 10 allowed, 4 denied. Left out: ..."
     */
    public static String summary(Judgement j) {
        Observed o = j.observed();
        long flows = j.allowed() + j.denied().size();
        StringBuilder out = new StringBuilder("Observed flows (").append(o.format().title())
                .append(o.sniffed() ? ", told from the first record" : "").append("): ").append(flows)
                .append(flows == 1 ? " flow" : " flows").append(" of the input's workloads: ").append(j.allowed())
                .append(" allowed, ").append(j.denied().size()).append(" denied");
        List<String> left = new ArrayList<>();
        if (j.outside() > 0) {
            left.add(j.outside() + (j.outside() == 1 ? " flow" : " flows") + " between pods and addresses outside"
                    + " the input (" + records(j.outsideRecords()) + ")");
        }
        o.skipped().forEach((reason, n) -> left.add(reason + " (" + records(n) + ")"));
        out.append(". Records read: ").append(String.format(java.util.Locale.ROOT, "%,d", o.records()));
        if (!left.isEmpty()) {
            out.append("; left out: ").append(String.join("; ", left));
        }
        return out.append('.').toString();
    }

    private static String records(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n) + (n == 1 ? " record" : " records");
    }
}
