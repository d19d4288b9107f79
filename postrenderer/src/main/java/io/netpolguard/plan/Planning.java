package io.netpolguard.plan;

import io.netpolguard.error.InputException;
import io.netpolguard.config.Allowance;
import io.netpolguard.config.Config;
import io.netpolguard.config.DnsTarget;
import io.netpolguard.config.Words;
import io.netpolguard.model.Direction;
import io.netpolguard.model.HookEvents;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.Namespace;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.PortRange;
import io.netpolguard.model.Protocol;
import io.netpolguard.model.Scope;
import io.netpolguard.model.Selection;
import io.netpolguard.model.Workload;
import io.netpolguard.plan.allow.Allowances;
import io.netpolguard.plan.allow.Opening;
import io.netpolguard.plan.allow.Peers;
import io.netpolguard.plan.allow.Reason;
import io.netpolguard.plan.allow.Release;
import io.netpolguard.plan.segregate.OutsideAddresses;
import io.netpolguard.plan.segregate.Segregation;
import io.netpolguard.plan.segregate.UnreachedServices;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One run of {@link Planner}: the labels, warnings and openings it builds up while it plans one stream.
 */
final class Planning {

    private final String release;
    private final Scope scope;
    private final Config config;
    private final Words words;
    private final List<String> warnings = new ArrayList<>();
    private final Labelling labelling;
    /** Openings the chart's own policies decide, since they isolate that workload in that direction. */
    private final List<Opening> chartDecides = new ArrayList<>();
    /** Segregated: per backend, the ingress its hook consumers need before the release's manifests are applied. */
    private final Map<Workload, List<Opening>> beforeManifests = new IdentityHashMap<>();

    Planning(String release, boolean injectLabels, Scope scope, Config config, Words words) {
        this.release = release;
        this.scope = scope;
        this.config = config;
        this.words = words;
        this.labelling = new Labelling(release, injectLabels, warnings::add, words);
    }

    /**
     * @param manifest what was read
     * @param inScope  its workloads outside the exempt namespaces
     */
    Plan plan(Manifest manifest, List<Workload> inScope) {
        Set<String> existing = new HashSet<>();
        manifest.policies().stream().filter(NetworkPolicy::isGenerated)
                .forEach(p -> existing.add(scope.of(p.object()) + "/" + p.object().name()));
        labelling.check(inScope, manifest.policies(), scope);

        Map<Namespace, List<Workload>> byNamespace = new TreeMap<>();
        inScope.forEach(w -> byNamespace.computeIfAbsent(scope.of(w.object()), k -> new ArrayList<>()).add(w));
        if (byNamespace.size() > 1 && byNamespace.containsKey(Namespace.RELEASE) && scope.releaseNamespace() == null) {
            throw new InputException("The release has workloads in the release namespace and in "
                    + byNamespace.keySet().stream().filter(n -> !n.isRelease()).map(Namespace::written).toList()
                    + ", so the policies must name the release namespace, and it was not given.",
                    words.namespaceNeeded());
        }
        List<Workload> governed = inScope.stream().filter(w -> !w.hostNetwork()).toList();
        Release r = new Release(manifest, governed, scope, config, warnings::add, words);
        List<Opening> openings = Allowances.derive(r);
        if (config.segregate()) {
            Segregation.Derived segregated = Segregation.derive(r, labelling::peerSelector);
            List<Opening> all = new ArrayList<>(openings);
            all.addAll(Allowances.withinRelease(r, labelling::peerSelector));
            all.addAll(segregated.openings());
            openings = List.copyOf(all);
            beforeManifests.putAll(byWorkload(segregated.beforeManifests()));
        }
        Map<Workload, List<Opening>> byWorkload = byWorkload(openings);

        int hookWeight = Math.min(0, inScope.stream().filter(w -> w.object().isHook())
                .mapToInt(w -> w.object().hookWeight()).min().orElse(0)) - 1;
        List<NetworkPolicy> chartPolicies = manifest.chartPolicies();
        // Decisions first (who gets a policy of its own, in which directions), then every pod's labels in one pass,
        // then the policies.
        List<NamespacePolicies> namespaces = new ArrayList<>();
        Set<Workload> selectedAlone = new HashSet<>();
        Set<Workload> chartIsolatesIngress = new HashSet<>();
        for (Map.Entry<Namespace, List<Workload>> ns : byNamespace.entrySet()) {
            NamespacePolicies n = new NamespacePolicies(ns.getKey(), ns.getValue(), chartPolicies,
                    releasePeers(ns.getKey(), byNamespace), hookWeight, byWorkload);
            namespaces.add(n);
            selectedAlone.addAll(n.own.keySet());
            chartIsolatesIngress.addAll(n.chartIsolatesIngress);
        }
        openings.forEach(o -> selectedAlone.addAll(o.named()));
        Labelling.Labelled labels = labelling.label(inScope, selectedAlone);

        List<PolicySpec> policies = new ArrayList<>();
        namespaces.forEach(n -> policies.addAll(n.policies()));
        List<PolicySpec> toAdd = PolicyNames.unique(policies, manifest.policies(), scope).stream()
                .filter(p -> !existing.contains(p.namespace() + "/" + p.name())).toList();
        List<UnreachedServices.Unreached> unreached = config.segregate()
                ? UnreachedServices.find(r, openings, chartIsolatesIngress::contains) : List.of();
        return new Plan(labels.adds(), labels.podLabels(), toAdd, openings, List.copyOf(chartDecides),
                List.copyOf(new LinkedHashSet<>(warnings)), OutsideAddresses.find(r), unreached);
    }

    /** The release's pods, as seen from the policies of namespace {@code ns}. */
    private List<NetworkPolicy.Peer> releasePeers(Namespace ns, Map<Namespace, List<Workload>> byNamespace) {
        Set<NetworkPolicy.Peer> peers = new LinkedHashSet<>();
        for (Map.Entry<Namespace, List<Workload>> other : byNamespace.entrySet()) {
            LabelSelector peerNs = other.getKey().equals(ns) ? null
                    : Peers.namespaceNamed(scope.display(other.getKey()));
            for (Workload w : other.getValue()) {
                LabelSelector id = labelling.identity(w);
                if (id != null) {
                    peers.add(new NetworkPolicy.Peer(id, peerNs, null));
                }
            }
        }
        return List.copyOf(peers);
    }

    /**
     * The policies of one namespace of the release: which workloads get a policy of their own, with which selector
     * and in which directions, decided when made; the policies built from those decisions once labels are known.
     */
    private final class NamespacePolicies {
        private final Namespace ns;
        private final List<Workload> workloads;
        private final List<NetworkPolicy> chartPolicies;
        private final int hookWeight;
        private final Map<Workload, List<Opening>> openings;
        private final List<String> hookEvents;
        private final List<PolicySpec.Rule> baseIngress = new ArrayList<>();
        private final List<PolicySpec.Rule> baseEgress = new ArrayList<>();
        /** One policy per workload, for the directions still open (a chart policy isolates some, or segregated). */
        private final boolean onePerWorkload;
        /** The workloads with a policy of their own, with its selector and directions, in order. */
        final Map<Workload, Labelling.Own> own = new LinkedHashMap<>();
        /** The workloads whose pods a chart policy isolates for ingress. */
        final Set<Workload> chartIsolatesIngress = new HashSet<>();

        NamespacePolicies(Namespace ns, List<Workload> workloads, List<NetworkPolicy> chartPolicies,
                  List<NetworkPolicy.Peer> releasePeers, int hookWeight, Map<Workload, List<Opening>> openings) {
            this.ns = ns;
            this.workloads = workloads;
            this.chartPolicies = chartPolicies.stream().filter(p -> scope.of(p.object()).equals(ns))
                    .toList();
            this.hookWeight = hookWeight;
            this.openings = openings;
            this.hookEvents = hookEvents(workloads);
            if (!releasePeers.isEmpty() && !config.segregate()) {
                Reason own = new Reason(Allowance.RELEASE, "pods of release " + release + " reach each other", null);
                baseIngress.add(new PolicySpec.Rule(releasePeers, List.of(), own));
                baseEgress.add(new PolicySpec.Rule(releasePeers, List.of(), own));
            }
            DnsTarget dns = config.dns();
            if (dns != null) {
                NetworkPolicy.Peer peer = new NetworkPolicy.Peer(LabelSelector.of(dns.podLabels()),
                        Peers.namespaceNamed(dns.namespace()), null);
                baseEgress.add(new PolicySpec.Rule(List.of(peer),
                        List.of(PortRange.of(Protocol.UDP, dns.port()), PortRange.of(Protocol.TCP, dns.port())),
                        new Reason(Allowance.DNS, "pods resolve names with cluster DNS", null)));
            }
            Map<Workload, OpenSides> open = new LinkedHashMap<>();
            boolean anyCovered = false;
            for (Workload w : workloads) {
                Map<String, String> labels = labelling.beforeWorkloadLabel(w);
                boolean ingress = !chartIsolates(labels, Direction.INGRESS);
                boolean egress = !chartIsolates(labels, Direction.EGRESS);
                open.put(w, new OpenSides(ingress, egress));
                anyCovered |= !ingress || !egress;
                if (!ingress) {
                    chartIsolatesIngress.add(w);
                }
            }
            this.onePerWorkload = anyCovered || config.segregate();
            decideOwn(open);
        }

        /**
         * Which workloads get a policy of their own: per workload, each whose pods can be selected, in the directions
         * no chart policy isolates (openings in the others are the chart's to decide, and are kept to check that the
         * chart allows them); else each that needs openings.
         */
        private void decideOwn(Map<Workload, OpenSides> open) {
            for (Workload w : workloads) {
                List<Opening> needs = openings.getOrDefault(w, List.of());
                if (onePerWorkload) {
                    OpenSides sides = open.get(w);
                    needs.stream().filter(o -> !sides.is(o.direction())).forEach(chartDecides::add);
                    if (labelling.identity(w) == null || sides.none()) {
                        continue;
                    }
                } else if (needs.isEmpty() || labelling.identity(w) == null) {
                    continue;
                }
                Labelling.Own decided = labelling.ownSelector(w, workloads, open);
                open.put(w, decided.sides());
                if (!decided.sides().none()) { // without label injection, the selector may have closed both
                    own.put(w, decided);
                }
            }
        }

        List<PolicySpec> policies() {
            return onePerWorkload ? perWorkload() : releaseWide();
        }

        /** Whether a chart policy of the namespace isolates pods with these labels in one direction. */
        private boolean chartIsolates(Map<String, String> labels, Direction direction) {
            for (NetworkPolicy p : chartPolicies) {
                if (p.isolates(direction) && Selection.selects(ns, p.podSelector(), ns, labels)) { // the namespace's own
                    return true;
                }
            }
            return false;
        }

        /** No chart policy isolates any of them: one policy for all, and one per workload that needs openings. */
        private List<PolicySpec> releaseWide() {
            List<PolicySpec> result = new ArrayList<>();
            Map<LabelSelector, List<Workload>> bySelector = new LinkedHashMap<>();
            for (Workload w : workloads) {
                LabelSelector id = labelling.identity(w);
                if (id != null) {
                    bySelector.computeIfAbsent(id, k -> new ArrayList<>()).add(w);
                }
            }
            boolean single = bySelector.size() == 1;
            for (Map.Entry<LabelSelector, List<Workload>> e : bySelector.entrySet()) {
                List<Workload> covered = e.getValue();
                String base = single ? PolicyNames.fit(release + "-netpol-guard") : PolicyNames.forWorkload(covered.get(0));
                boolean regular = covered.stream().anyMatch(w -> !w.object().isHook());
                boolean hooks = covered.stream().anyMatch(w -> w.object().isHook());
                if (regular) {
                    result.add(policy(base, false, e.getKey(), true, true, baseIngress, baseEgress, covered));
                }
                if (hooks) {
                    result.add(policy(base, true, e.getKey(), true, true, baseIngress, baseEgress, covered));
                }
            }
            own.forEach((w, decided) -> {
                List<Opening> needs = openings.get(w);
                List<PolicySpec.Rule> in = rules(needs, Direction.INGRESS);
                List<PolicySpec.Rule> out = rules(needs, Direction.EGRESS);
                result.add(policy(PolicyNames.allowances(w), w.object().isHook(), decided.selector(), !in.isEmpty(),
                        !out.isEmpty(), in, out, List.of(w)));
            });
            return result;
        }

        /**
         * The chart's own policies isolate some of them: one policy per workload, for the directions still open,
         * with the openings it needs in those directions. Openings in the other directions are the chart's to
         * decide, and are kept to check that the chart allows them.
         */
        private List<PolicySpec> perWorkload() {
            List<PolicySpec> result = new ArrayList<>();
            own.forEach((w, decided) -> {
                OpenSides dirs = decided.sides();
                List<Opening> needs = openings.getOrDefault(w, List.of());
                List<PolicySpec.Rule> in = new ArrayList<>(baseIngress);
                in.addAll(rules(needs, Direction.INGRESS));
                List<PolicySpec.Rule> out = new ArrayList<>(baseEgress);
                out.addAll(rules(needs, Direction.EGRESS));
                result.add(policy(PolicyNames.forWorkload(w), w.object().isHook(), decided.selector(), dirs.ingress(),
                        dirs.egress(), dirs.ingress() ? in : List.of(), dirs.egress() ? out : List.of(), List.of(w)));
                List<Opening> forHooks = beforeManifests.getOrDefault(w, List.of());
                if (dirs.ingress() && !forHooks.isEmpty()) { // its regular policy may not be there yet, or be the last version's
                    result.add(policy(PolicyNames.forWorkload(w), true, decided.selector(), true, false,
                            rules(forHooks, Direction.INGRESS), List.of(), List.of(w)));
                }
            });
            return result;
        }

        private PolicySpec policy(String name, boolean hook, LabelSelector selector, boolean ingress, boolean egress,
                                  List<PolicySpec.Rule> in, List<PolicySpec.Rule> out, List<Workload> covered) {
            return new PolicySpec(hook ? PolicyNames.hook(name) : name, ns, hook ? hookEvents : List.of(),
                    hook ? hookWeight : 0, selector, ingress, egress, List.copyOf(in), List.copyOf(out),
                    covered.stream().map(w -> w.kind() + " " + w.name()).toList());
        }
    }

    /** Openings by the workload they concern, in order. */
    private static Map<Workload, List<Opening>> byWorkload(List<Opening> openings) {
        Map<Workload, List<Opening>> result = new HashMap<>();
        openings.forEach(o -> result.computeIfAbsent(o.workload(), k -> new ArrayList<>()).add(o));
        return result;
    }

    private static List<PolicySpec.Rule> rules(List<Opening> openings, Direction direction) {
        return openings.stream().filter(o -> o.direction() == direction)
                .map(o -> new PolicySpec.Rule(o.peers(), o.ports(), o.reason())).toList();
    }

    /** The hook policy's events: pre-install and pre-upgrade, and those of the hook workloads among these. */
    private static List<String> hookEvents(List<Workload> workloads) {
        Set<String> events = new LinkedHashSet<>(HookEvents.HOOK_POLICY);
        workloads.forEach(w -> events.addAll(w.object().hookEvents()));
        return List.copyOf(events);
    }
}
