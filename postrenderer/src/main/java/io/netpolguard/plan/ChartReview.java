package io.netpolguard.plan;

import io.netpolguard.model.Workload;
import io.netpolguard.model.WorkloadKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the user should know about a chart as written, whether or not netpol-guard adds anything: pods that
 * NetworkPolicies cannot govern, and workloads of kinds netpol-guard made out from their pod templates. (What the
 * chart's own policies admit from outside the release is {@code verify.CrossRelease}'s, which needs the
 * connectivity engine.)
 */
public final class ChartReview {

    private ChartReview() {
    }

    /** @param inScope the workloads the platform's rule applies to */
    public static List<String> warnings(List<Workload> inScope) {
        List<String> warnings = new ArrayList<>();
        Map<String, List<Workload>> guessed = null;
        for (Workload w : inScope) {
            if (w.hostNetwork()) {
                warnings.add(w.describe() + " runs its pods with hostNetwork: true; NetworkPolicies do not apply"
                        + " to them, so they are not isolated.");
            }
            if (w.guessedKind() != null) {
                if (guessed == null) {
                    guessed = new LinkedHashMap<>();
                }
                guessed.computeIfAbsent(w.object().apiVersion() + " " + w.kind() + " " + w.labelsPath(),
                        k -> new ArrayList<>()).add(w);
            }
        }
        if (guessed != null) {
            for (List<Workload> same : guessed.values()) {
                warnings.add(guessedKind(same));
            }
        }
        return warnings;
    }

    /** One note per kind that netpol-guard took for a workload kind from its objects' pod templates. */
    private static String guessedKind(List<Workload> same) {
        Workload first = same.get(0);
        WorkloadKind kind = first.guessedKind();
        List<String> names = new ArrayList<>();
        same.forEach(w -> names.add(w.describe()));
        return String.join(", ", names) + ": " + first.kind() + " (" + first.object().apiVersion() + ") is a kind"
                + " netpol-guard does not know; " + (same.size() == 1 ? "it has a pod template" : "they have pod"
                + " templates") + " at " + kind.podTemplatePath() + ", so netpol-guard labels and covers "
                + (same.size() == 1 ? "its" : "their") + " pods as a workload's" + (kind.selectorPath() == null ? ""
                : " (selected by " + kind.selectorPath() + ")") + ". To say so in the configuration (and no longer"
                + " see this), add `workloadKinds: [" + kind.entry(first.object().apiVersion()) + "]`; to refuse"
                + " kinds that are neither built in nor listed there, set `coverUnknownKinds: false`.";
    }
}
