package io.netpolguard.plan;

import io.netpolguard.InputException;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.Labels;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.Workload;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides which labels and policies isolate a release.
 *
 * <p>Every namespace of the release gets a policy that lets the release's pods reach each other (and
 * cluster DNS) and nothing else. Where the chart's own NetworkPolicies already isolate a workload in a
 * direction, netpol-guard adds nothing for that direction (NetworkPolicies add up, so anything more would
 * widen the chart's rules): it then writes one policy per workload for the directions still open.
 */
public final class Planner {

    /** Hook events after which the regular policies exist; a hook policy covers the rest. */
    private static final List<String> HOOK_POLICY_EVENTS = List.of("pre-install", "pre-upgrade");

    private final String release;
    private final boolean injectLabels;
    private final Scope scope;
    private final List<String> warnings = new ArrayList<>();
    /** Per workload, the labels this run adds to its pod template. */
    private final Map<Workload, Map<String, String>> labelAdds = new LinkedHashMap<>();
    /** Per in-scope workload, its pod labels as they will be created. */
    private final Map<Workload, Map<String, String>> podLabels = new LinkedHashMap<>();

    public Planner(String release, boolean injectLabels, Scope scope) {
        this.release = release;
        this.injectLabels = injectLabels;
        this.scope = scope;
    }

    /**
     * @param manifest what was read
     * @param inScope  its workloads outside the exempt namespaces
     */
    public Plan plan(Manifest manifest, List<Workload> inScope) {
        List<NetworkPolicy> chartPolicies = manifest.chartPolicies();
        Set<String> existing = new HashSet<>();
        manifest.policies().stream().filter(NetworkPolicy::isGenerated)
                .forEach(p -> existing.add(scope.key(p.object()) + "/" + p.object().name()));

        for (Workload w : inScope) {
            podLabels.put(w, new TreeMap<>(w.podLabels()));
            if (injectLabels) {
                addLabel(w, Labels.RELEASE, release);
            }
            refuseUnselectable(w, manifest.policies());
        }

        Map<String, List<Workload>> byNamespace = new TreeMap<>(Comparator.nullsFirst(Comparator.<String>naturalOrder()));
        inScope.forEach(w -> byNamespace.computeIfAbsent(scope.key(w.object()), k -> new ArrayList<>()).add(w));
        if (byNamespace.size() > 1 && byNamespace.containsKey(null) && scope.releaseNamespace() == null) {
            throw new InputException("The release has workloads in the release namespace and in "
                    + byNamespace.keySet().stream().filter(Objects::nonNull).toList()
                    + ", so the policies must name the release namespace, and it was not given.",
                    "Add `--post-renderer-args=--namespace=NAMESPACE` with the namespace you pass to `helm -n`.");
        }
        if (!injectLabels) {
            warnAmbiguous(inScope);
        }
        List<PolicySpec> policies = new ArrayList<>();
        int hookWeight = Math.min(0, inScope.stream().filter(w -> w.object().isHook())
                .mapToInt(w -> w.object().hookWeight()).min().orElse(0)) - 1;
        for (Map.Entry<String, List<Workload>> ns : byNamespace.entrySet()) {
            List<PolicySpec.Peer> peers = peers(ns.getKey(), byNamespace);
            policies.addAll(namespacePolicies(ns.getKey(), ns.getValue(), chartPolicies, peers, hookWeight));
        }
        List<PolicySpec> toAdd = policies.stream()
                .filter(p -> !existing.contains(p.namespace() + "/" + p.name())).toList();
        return new Plan(labelAdds, podLabels, toAdd, List.copyOf(warnings));
    }

    /** Adds {@code key=value} to a workload's pod template, unless it already carries exactly that. */
    private void addLabel(Workload w, String key, String value) {
        String present = w.podLabels().get(key);
        if (present == null) {
            if (w.slot() == null) {
                throw new InputException("netpol-guard cannot add the label " + key + " to "
                        + w.describe() + " (" + w.object().document().describe() + "): " + w.whyNoSlot() + ".",
                        "Write the pod template's labels out in full in the chart, or run with"
                                + " --no-inject-labels to select the pods by their own labels.");
            }
            labelAdds.computeIfAbsent(w, k -> new LinkedHashMap<>()).put(key, value);
            podLabels.get(w).put(key, value);
        } else if (!present.equals(value)) {
            throw new InputException(w.describe() + " already carries " + key + "=" + present
                    + ", but this run would label it " + key + "=" + value + ".",
                    Labels.RELEASE.equals(key)
                            ? "Pass the release name you install with (--release=" + present + "?), or remove the label."
                            : "Remove the label from the chart: netpol-guard sets it.");
        }
    }

    /** Without label injection, pods without labels can be selected only by a policy that selects everything. */
    private void refuseUnselectable(Workload w, List<NetworkPolicy> policies) {
        if (injectLabels || !w.podLabels().isEmpty()) {
            return;
        }
        boolean selected = policies.stream().anyMatch(p -> Objects.equals(scope.key(p.object()), scope.key(w.object()))
                && p.podSelector().matches(Map.of()));
        if (!selected) {
            throw new InputException(w.describe() + " (" + w.object().document().describe() + ") has a pod template"
                    + " with no labels, so with --no-inject-labels no NetworkPolicy can select its pods.",
                    "Run without --no-inject-labels, so that netpol-guard labels the pod template, or give the"
                            + " pod template labels in the chart.");
        }
    }

    /** The selector that identifies a workload's pods as pods of the release. */
    private LabelSelector identity(Workload w) {
        if (injectLabels) {
            return LabelSelector.of(Map.of(Labels.RELEASE, release));
        }
        if (w.selector() != null && !w.selector().isEmpty()) {
            return w.selector();
        }
        return w.podLabels().isEmpty() ? null : LabelSelector.of(w.podLabels());
    }

    /** The release's pods, as seen from the policies of namespace {@code ns}. */
    private List<PolicySpec.Peer> peers(String ns, Map<String, List<Workload>> byNamespace) {
        Set<PolicySpec.Peer> peers = new LinkedHashSet<>();
        for (Map.Entry<String, List<Workload>> other : byNamespace.entrySet()) {
            String peerNs = Objects.equals(other.getKey(), ns) ? null : scope.display(other.getKey());
            for (Workload w : other.getValue()) {
                LabelSelector id = identity(w);
                if (id != null) {
                    peers.add(new PolicySpec.Peer(peerNs, id));
                }
            }
        }
        return List.copyOf(peers);
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
        said.forEach(warnings::add);
    }

    private List<PolicySpec> namespacePolicies(String ns, List<Workload> workloads, List<NetworkPolicy> chartPolicies,
                                               List<PolicySpec.Peer> peers, int hookWeight) {
        List<NetworkPolicy> local = chartPolicies.stream()
                .filter(p -> Objects.equals(scope.key(p.object()), ns)).toList();
        Map<Workload, boolean[]> open = new LinkedHashMap<>();
        boolean anyCovered = false;
        for (Workload w : workloads) {
            Map<String, String> labels = podLabels.get(w);
            boolean ingress = local.stream().noneMatch(p -> p.ingress() && p.podSelector().matches(labels));
            boolean egress = local.stream().noneMatch(p -> p.egress() && p.podSelector().matches(labels));
            open.put(w, new boolean[] {ingress, egress});
            anyCovered |= !ingress || !egress;
        }
        List<PolicySpec> result = new ArrayList<>();
        List<String> hookEvents = hookEvents(workloads);
        if (!anyCovered) {
            Map<LabelSelector, List<Workload>> bySelector = new LinkedHashMap<>();
            for (Workload w : workloads) {
                LabelSelector id = identity(w);
                if (id != null) {
                    bySelector.computeIfAbsent(id, k -> new ArrayList<>()).add(w);
                }
            }
            boolean single = bySelector.size() == 1;
            for (Map.Entry<LabelSelector, List<Workload>> e : bySelector.entrySet()) {
                List<Workload> covered = e.getValue();
                String base = single ? PolicyNames.fit(release + "-netpol-guard") : PolicyNames.forWorkload(covered.get(0));
                if (covered.stream().anyMatch(w -> !w.object().isHook())) {
                    result.add(new PolicySpec(base, ns, List.of(), 0, e.getKey(), true, true, peers,
                            names(covered)));
                }
                if (covered.stream().anyMatch(w -> w.object().isHook())) {
                    result.add(new PolicySpec(PolicyNames.hook(base), ns, hookEvents, hookWeight, e.getKey(),
                            true, true, peers, names(covered)));
                }
            }
            return result;
        }
        for (Workload w : workloads) {
            boolean[] dirs = open.get(w);
            LabelSelector id = identity(w);
            if (id == null || (!dirs[0] && !dirs[1])) {
                continue;
            }
            LabelSelector own = ownSelector(w, id, workloads, open);
            if (!dirs[0] && !dirs[1]) {
                continue;
            }
            String name = PolicyNames.forWorkload(w);
            boolean hook = w.object().isHook();
            result.add(new PolicySpec(hook ? PolicyNames.hook(name) : name, ns,
                    hook ? hookEvents : List.of(), hook ? hookWeight : 0, own, dirs[0], dirs[1], peers,
                    names(List.of(w))));
        }
        return result;
    }

    /**
     * A selector for this workload's pods alone. With label injection: the release label plus a workload label
     * netpol-guard adds. Without: the workload's own selector, and the directions in which that selector would
     * also select pods the chart isolates are left open (selecting them would widen the chart's policies).
     */
    private LabelSelector ownSelector(Workload w, LabelSelector id, List<Workload> workloads,
                                      Map<Workload, boolean[]> open) {
        if (injectLabels) {
            String value = PolicyNames.workloadLabel(w);
            addLabel(w, Labels.WORKLOAD, value);
            return LabelSelector.of(Map.of(Labels.RELEASE, release, Labels.WORKLOAD, value));
        }
        LabelSelector own = and(id, w.selector() != null ? w.selector() : LabelSelector.of(w.podLabels()));
        boolean[] dirs = open.get(w);
        for (Workload other : workloads) {
            boolean[] otherDirs = open.get(other);
            if (other != w && own.matches(podLabels.get(other))) {
                for (int d = 0; d < 2; d++) {
                    if (dirs[d] && !otherDirs[d]) {
                        dirs[d] = false;
                        warnings.add("netpol-guard leaves " + (d == 0 ? "ingress" : "egress") + " of "
                                + w.describe() + " open: any policy selecting its pods by their labels would also"
                                + " select " + other.describe() + ", which the chart's own NetworkPolicies isolate,"
                                + " and widen them. Run without --no-inject-labels, or give its pods a label of"
                                + " their own.");
                    }
                }
            }
        }
        return own;
    }

    /** The hook policy's events: pre-install and pre-upgrade, and those of the hook workloads among these. */
    private static List<String> hookEvents(List<Workload> workloads) {
        Set<String> events = new LinkedHashSet<>(HOOK_POLICY_EVENTS);
        workloads.forEach(w -> events.addAll(w.object().hookEvents()));
        return List.copyOf(events);
    }

    private static List<String> names(List<Workload> workloads) {
        return workloads.stream().map(w -> w.kind() + " " + w.name()).toList();
    }

    private static LabelSelector and(LabelSelector a, LabelSelector b) {
        Map<String, String> labels = new TreeMap<>(b.matchLabels());
        labels.putAll(a.matchLabels());
        List<LabelSelector.Requirement> expressions = new ArrayList<>(a.expressions());
        b.expressions().stream().filter(r -> !expressions.contains(r)).forEach(expressions::add);
        return new LabelSelector(labels, expressions);
    }
}
