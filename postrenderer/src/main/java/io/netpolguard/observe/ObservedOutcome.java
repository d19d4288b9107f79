package io.netpolguard.observe;

import io.netpolguard.config.Flow;
import io.netpolguard.config.Words;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the post-renderer and the Maven plugin make of the observed flows (the front end's {@code --observed} or
 * {@code <observed>}): a warning per denied flow, the declared flows that admit them and the summary as a note, a
 * field of the JSON report, and with strict a refusal.
 */
public final class ObservedOutcome {

    private final Judgement judgement;

    public ObservedOutcome(Judgement judgement) {
        this.judgement = judgement;
    }

    public Judgement judgement() {
        return judgement;
    }

    /** One line per denied flow: what, and which policies decide it. */
    public List<String> warnings() {
        List<String> result = new ArrayList<>();
        for (Judgement.Denied d : judgement.denied()) {
            StringBuilder w = new StringBuilder("the policies would cut the observed flow ")
                    .append(ObservedReport.flow(d)).append(": ");
            List<String> sides = new ArrayList<>();
            d.why().forEach(why -> sides.add(why.lines().findFirst().orElse("").replace(": denied", "")));
            w.append(String.join(" and ", sides)).append(sides.size() == 1 ? " denies it" : " deny it");
            if (!d.flows().isEmpty()) {
                w.append("; the declared flow").append(d.flows().size() == 1 ? " that admits it is" : "s that admit it are")
                        .append(" below");
            }
            for (String n : d.notDeclared()) {
                w.append("; ").append(n);
            }
            result.add(w.append('.').toString());
        }
        return result;
    }

    /** The declared flows to paste, when there are any, and the summary line; ends with a line break. */
    public String notes() {
        StringBuilder out = new StringBuilder();
        List<Flow> flows = FlowsToDeclare.of(judgement.denied());
        if (!flows.isEmpty()) {
            out.append("netpol-guard: declared flows that admit the observed flows the policies would deny (review,"
                    + " then add under flows: in the configuration):\nflows:\n").append(FlowsToDeclare.yaml(flows, 2));
        }
        return out.append("netpol-guard: ").append(ObservedReport.summary(judgement)).append('\n').toString();
    }

    /** Why strict refuses the release, in the front end's words; null when nothing observed is denied. */
    public String refusal(Words words) {
        int n = judgement.denied().size();
        if (n == 0) {
            return null;
        }
        return n + " observed flow" + (n == 1 ? "" : "s") + " of the flow log given with " + words.observed()
                + " would be cut by the policies, which " + words.strict()
                + " refuses: " + String.join("; ", judgement.denied().stream().map(ObservedReport::flow).toList())
                + ". Declare the flows printed above in the configuration (flows:), or "
                + words.strictOff() + " to have them as warnings.";
    }

    /** The report's {@code observed} field. */
    public Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        Observed o = judgement.observed();
        root.put("format", o.format().option());
        root.put("records", o.records());
        root.put("flows", judgement.allowed() + judgement.denied().size());
        root.put("allowed", judgement.allowed());
        root.put("deniedCount", (long) judgement.denied().size());
        List<Object> denied = new ArrayList<>();
        for (Judgement.Denied d : judgement.denied()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("workload", d.workload());
            m.put("source", d.source());
            m.put("destination", d.destination());
            m.put("protocol", d.connection().protocol().name());
            m.put("port", d.connection().first());
            m.put("records", d.count());
            m.put("why", d.why());
            m.put("notDeclared", d.notDeclared());
            denied.add(m);
        }
        root.put("denied", denied);
        root.put("declaredFlows", FlowsToDeclare.yaml(FlowsToDeclare.of(judgement.denied()), 0));
        Map<String, Object> left = new LinkedHashMap<>();
        if (judgement.outside() > 0) {
            left.put("flows between pods and addresses outside the input", judgement.outsideRecords());
        }
        left.putAll(o.skipped());
        root.put("leftOut", left);
        return root;
    }
}
