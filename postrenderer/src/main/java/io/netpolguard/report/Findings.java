package io.netpolguard.report;

import io.netpolguard.config.Words;
import io.netpolguard.verify.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The findings in the JSON report, and the refusal strict mode gives for them. */
public final class Findings {

    private Findings() {
    }

    static List<Object> json(List<Finding> findings) {
        List<Object> result = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", f.kind().id());
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("kind", f.workload().kind());
            w.put("namespace", f.workload().namespace());
            w.put("name", f.workload().name());
            w.put("template", f.workload().object().source());
            m.put("workload", w);
            m.put("direction", f.direction().lowerName());
            if (f.policy() != null) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("namespace", f.policy().namespace());
                p.put("name", f.policy().name());
                p.put("template", f.policy().source());
                if (f.rule() != null) {
                    p.put("rule", f.rule());
                }
                m.put("chartPolicy", p);
            }
            if (f.admits() != null) {
                m.put("admits", f.admits());
                m.put("connections", f.connections());
            }
            m.put("message", f.message());
            result.add(m);
        }
        return result;
    }

    /** One line per workload and rule, then what to do. */
    static String strictRefusal(List<Finding> crossing, Words words) {
        StringBuilder sb = new StringBuilder();
        sb.append(crossing.size()).append(crossing.size() == 1 ? " connection crosses" : " connections cross")
                .append(" the release's boundary through the chart's own NetworkPolicies, which ").append(words.strict())
                .append(" refuses:\n");
        for (Finding f : crossing) {
            sb.append("  - ").append(f.message()).append('\n');
        }
        sb.append("Narrow those rules in the chart (its values for those policies), or turn the chart's policies off"
                + " and let netpol-guard isolate the workloads; ").append(words.strictOff())
                .append(" to have them as warnings.\n");
        return sb.toString();
    }
}
