package io.netpolguard.observe;

import io.netpolguard.model.PodNames;
import io.netpolguard.model.Workload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Finds the workload of the input an observed end is a pod of: by namespace and the workload's name (when the log
 * says it), by the pod's name (as controllers name pods), then by labels. Ends that match none stay peers outside
 * the input. Each distinct end is matched once.
 */
final class Matcher {

    private final Map<String, List<Workload>> byNamespace = new HashMap<>();
    private final Function<Workload, String> namespaceOf;
    private final Map<FlowEnd, Workload> matched = new HashMap<>();

    Matcher(List<Workload> workloads, Function<Workload, String> namespaceOf) {
        this.namespaceOf = namespaceOf;
        for (Workload w : workloads) {
            byNamespace.computeIfAbsent(namespaceOf.apply(w), k -> new ArrayList<>()).add(w);
        }
    }

    /** The workload the end is a pod of, or null. */
    Workload match(FlowEnd end) {
        if (!end.isPod()) {
            return null;
        }
        return matched.computeIfAbsent(end, this::find);
    }

    String namespaceOf(Workload w) {
        return namespaceOf.apply(w);
    }

    private Workload find(FlowEnd end) {
        List<Workload> candidates = byNamespace.getOrDefault(end.namespace(), List.of());
        if (candidates.isEmpty()) {
            return null;
        }
        if (end.workload() != null) {
            for (Workload w : candidates) {
                if (w.name().equals(end.workload())) {
                    return w;
                }
            }
        }
        if (end.pod() != null) {
            Workload byName = byPodName(candidates, end.pod());
            if (byName != null) {
                return byName;
            }
        }
        return end.labels().isEmpty() ? null : byLabels(candidates, end);
    }

    /** The workload named so, else the one whose name, with its kind's suffix, makes the pod's (the longest). */
    private static Workload byPodName(List<Workload> candidates, String pod) {
        Workload best = null;
        for (Workload w : candidates) {
            String name = w.name();
            if (name.equals(pod)) {
                return w;
            }
            if (PodNames.isPodOf(pod, w) && (best == null || name.length() > best.name().length())) {
                best = w;
            }
        }
        return best;
    }

    /**
     * The one workload whose pod labels (netpol-guard's own aside) the pod carries, the one with the most labels
     * when several do; for a selector, the one workload whose pods carry all its labels. Null when none, or when
     * the choice is not clear.
     */
    private static Workload byLabels(List<Workload> candidates, FlowEnd end) {
        Workload best = null;
        int bestSize = 0;
        boolean tie = false;
        for (Workload w : candidates) {
            Map<String, String> own = Labelling.stable(w.podLabels());
            boolean fits = end.selector() ? own.entrySet().containsAll(end.labels().entrySet())
                    : !own.isEmpty() && end.labels().entrySet().containsAll(own.entrySet());
            if (!fits) {
                continue;
            }
            int size = end.selector() ? -own.size() : own.size();
            if (best == null || size > bestSize) {
                best = w;
                bestSize = size;
                tie = false;
            } else if (size == bestSize) {
                tie = true;
            }
        }
        return tie || (end.selector() && countFits(candidates, end) > 1) ? null : best;
    }

    private static int countFits(List<Workload> candidates, FlowEnd end) {
        int n = 0;
        for (Workload w : candidates) {
            if (Labelling.stable(w.podLabels()).entrySet().containsAll(end.labels().entrySet())) {
                n++;
            }
        }
        return n;
    }
}
