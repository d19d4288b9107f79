package io.netpolguard.plan;

import io.netpolguard.error.InputException;
import io.netpolguard.config.Words;
import io.netpolguard.model.Direction;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.Labels;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.Scope;
import io.netpolguard.model.Selection;
import io.netpolguard.model.Workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Which labels netpol-guard adds to the release's pod templates, and which selector picks a workload's pods:
 * the release label (and a workload label where one workload needs a policy of its own, or a policy names it as a
 * peer), or, with {@code --no-inject-labels}, the workload's own labels.
 *
 * <p>The selectors are decisions, made without changing anything; {@link #label} then computes every pod's labels in
 * one pass, once planning knows which workloads its policies select or name alone, and before any policy is built.
 */
final class Labelling {

    private final String release;
    private final boolean inject;
    /** With injection, every pod of the release: {@code netpol-guard.io/release=RELEASE}. */
    private final LabelSelector releasePods;
    private final Consumer<String> warnings;
    private final Words words;
    Labelling(String release, boolean inject, Consumer<String> warnings, Words words) {
        this.release = release;
        this.inject = inject;
        this.releasePods = LabelSelector.of(Map.of(Labels.RELEASE, release));
        this.warnings = warnings;
        this.words = words;
    }

    /**
     * The labels of the release's pods, and those this run adds to their templates.
     *
     * @param adds      per workload, the labels its pod template gets, in the order they are written
     * @param podLabels per in-scope workload, its pod labels as they will be created
     */
    record Labelled(Map<Workload, Map<String, String>> adds, Map<Workload, Map<String, String>> podLabels) {
    }

    /**
     * Before anything is planned: with injection, that the release label can be added to every pod template;
     * without, that every workload's pods can be selected, and where their own labels may select other releases' pods.
     */
    void check(List<Workload> inScope, List<NetworkPolicy> policies, Scope scope) {
        for (Workload w : inScope) {
            if (inject) {
                canCarry(w, Labels.RELEASE, release);
            } else if (w.podLabels().isEmpty()) {
                refuseUnselectable(w, policies, scope);
            }
        }
        if (!inject) {
            warnAmbiguous(inScope);
        }
    }

    /** The labels a workload's pods will carry when they get no workload label: with injection, the release label. */
    Map<String, String> beforeWorkloadLabel(Workload w) {
        if (!inject || w.podLabels().containsKey(Labels.RELEASE)) {
            return w.podLabels();
        }
        Map<String, String> labels = new TreeMap<>(w.podLabels());
        labels.put(Labels.RELEASE, release);
        return labels;
    }

    /**
     * Every pod's labels, in one pass: with injection, the release label on each, and its workload label on each
     * of {@code own}.
     *
     * @param own the workloads that a policy selects or names alone (see {@link #peerSelector})
     */
    Labelled label(List<Workload> inScope, Set<Workload> own) {
        Map<Workload, Map<String, String>> adds = new LinkedHashMap<>();
        Map<Workload, Map<String, String>> podLabels = new LinkedHashMap<>();
        for (Workload w : inScope) {
            Map<String, String> labels = new TreeMap<>(w.podLabels());
            podLabels.put(w, labels);
            if (!inject) {
                continue;
            }
            Map<String, String> added = new LinkedHashMap<>();
            if (!w.podLabels().containsKey(Labels.RELEASE)) { // check() made sure it can carry it
                added.put(Labels.RELEASE, release);
            }
            if (own.contains(w)) {
                String value = PolicyNames.workloadLabel(w);
                if (canCarry(w, Labels.WORKLOAD, value)) {
                    added.put(Labels.WORKLOAD, value);
                }
            }
            if (!added.isEmpty()) {
                adds.put(w, added);
                labels.putAll(added);
            }
        }
        return new Labelled(adds, podLabels);
    }

    /**
     * Whether netpol-guard must add {@code key=value} to a workload's pod template: true when it is absent, false when
     * the template already carries exactly that; refused when it carries another value or cannot be edited.
     */
    private boolean canCarry(Workload w, String key, String value) {
        String present = w.podLabels().get(key);
        if (present == null) {
            if (w.slot() == null) {
                throw new InputException("netpol-guard cannot add the label " + key + " to "
                        + w.describe() + " (" + w.object().document().describe() + "): " + w.whyNoSlot() + ".",
                        "Write the pod template's labels out in full in the chart, or " + words.injectLabelsOff()
                                + " to select the pods by their own labels.");
            }
            return true;
        }
        if (!present.equals(value)) {
            throw new InputException(w.describe() + " already carries " + key + "=" + present
                    + ", but this run would label it " + key + "=" + value + ".",
                    Labels.RELEASE.equals(key)
                            ? Words.capitalized(words.releaseLabelled(present)) + ", or remove the label."
                            : "Remove the label from the chart: netpol-guard sets it.");
        }
        return false;
    }

    /** Without label injection, pods without labels can be selected only by a policy that selects everything. */
    private void refuseUnselectable(Workload w, List<NetworkPolicy> policies, Scope scope) {
        boolean selected = policies.stream().anyMatch(p -> Selection.selects(scope.of(p.object()), p.podSelector(),
                scope.of(w.object()), Map.of()));
        if (!selected) {
            throw new InputException(w.describe() + " (" + w.object().document().describe() + ") has a pod template"
                    + " with no labels, so with " + words.withoutInjectedLabels() + " no NetworkPolicy can select its pods.",
                    Words.capitalized(words.injectLabelsOn()) + ", so that netpol-guard labels the pod template, or"
                            + " give the pod template labels in the chart.");
        }
    }

    /** The selector that identifies a workload's pods as pods of the release; null when nothing can. */
    LabelSelector identity(Workload w) {
        if (inject) {
            return releasePods;
        }
        if (w.selector() != null && !w.selector().isEmpty()) {
            return w.selector();
        }
        return w.podLabels().isEmpty() ? null : LabelSelector.of(w.podLabels());
    }

    /** Without the release label, say where a workload's own labels could also select other releases' pods. */
    private void warnAmbiguous(List<Workload> workloads) {
        Set<String> said = new TreeSet<>();
        workloads.forEach(w -> {
            LabelSelector id = identity(w);
            if (id == null) {
                said.add(w.describe() + " has no pod labels, so no policy can select its pods alone");
            } else if (!id.requires(Labels.INSTANCE, release)) {
                said.add(w.describe() + " is selected by its labels {" + id + "}, which do not include "
                        + Labels.INSTANCE + "=" + release + ": pods of other releases with the same labels are"
                        + " treated as pods of this release");
            }
        });
        said.forEach(warnings);
    }

    /**
     * The selector for this workload's pods alone, as its own policy selects them and other workloads' policies name
     * them as peers: with label injection, the release label and its own workload label (which {@link #label} adds
     * to the workloads planning names); without, its {@link #identity}.
     */
    LabelSelector peerSelector(Workload w) {
        if (!inject) {
            return identity(w);
        }
        return LabelSelector.of(Map.of(Labels.RELEASE, release, Labels.WORKLOAD, PolicyNames.workloadLabel(w)));
    }

    /**
     * A workload's own selector and the directions it may isolate with it.
     *
     * @param selector selects the workload's pods alone
     * @param sides    the directions left to isolate: those given, less where the selector would widen a chart policy
     */
    record Own(LabelSelector selector, OpenSides sides) {
    }

    /**
     * A selector for this workload's pods alone (one with an {@link #identity}). With label injection: the
     * {@link #peerSelector}. Without: its identity, the workload's own selector (or pod labels), and the directions
     * in which that selector would also select pods the chart isolates are closed (selecting them would widen the
     * chart's policies).
     *
     * @param open per workload of the namespace, the directions that are netpol-guard's to isolate
     */
    Own ownSelector(Workload w, List<Workload> workloads, Map<Workload, OpenSides> open) {
        OpenSides sides = open.get(w);
        if (inject) {
            return new Own(peerSelector(w), sides);
        }
        LabelSelector own = identity(w);
        for (Workload other : workloads) {
            OpenSides otherSides = open.get(other);
            if (other != w && own.matches(other.podLabels())) {
                for (Direction d : Direction.values()) {
                    if (sides.is(d) && !otherSides.is(d)) {
                        sides = sides.closing(d);
                        warnings.accept("netpol-guard leaves " + d.lowerName() + " of "
                                + w.describe() + " open: any policy selecting its pods by their labels would also"
                                + " select " + other.describe() + ", which the chart's own NetworkPolicies isolate,"
                                + " and widen them. " + Words.capitalized(words.injectLabelsOn()) + ", or give its"
                                + " pods a label of their own.");
                    }
                }
            }
        }
        return new Own(own, sides);
    }
}
