package io.netpolguard.plan.segregate;

import io.netpolguard.config.Allowance;
import io.netpolguard.model.Direction;
import io.netpolguard.model.HookEvents;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.Namespace;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.PodNames;
import io.netpolguard.model.PortRange;
import io.netpolguard.model.PortRef;
import io.netpolguard.model.Scope;
import io.netpolguard.model.Service;
import io.netpolguard.model.ContainerPort;
import io.netpolguard.model.Workload;
import io.netpolguard.model.WorkloadKind;
import io.netpolguard.plan.allow.Opening;
import io.netpolguard.plan.allow.Peers;
import io.netpolguard.plan.allow.Reason;
import io.netpolguard.plan.allow.Release;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Segregation of a release's components: in place of "the release's pods reach each other", each workload may reach
 * the pods behind the Services it uses ({@link ServiceUses}), on their container ports, and receive from the
 * workloads that use its Services; a StatefulSet's pods reach each other through its governing Service.
 * Each such flow is two openings, egress for the consumer and ingress for the backend, with the address and the
 * document that show it.
 */
public final class Segregation {

    private Segregation() {
    }

    /**
     * What segregation opens.
     *
     * @param openings   every opening, for both ends of every flow
     * @param beforeManifests among them, the ingress openings for hook consumers that run before the release's
     *                   manifests are applied (a pre-upgrade migration): the backend needs them in a policy of
     *                   hook time too, or a consumer new in this version is refused while its hook runs
     */
    public record Derived(List<Opening> openings, List<Opening> beforeManifests) {
    }

    /**
     * @param selectorOf the selector of a workload's own pods, as peers of a policy name them
     */
    public static Derived derive(Release release, Function<Workload, LabelSelector> selectorOf) {
        ServiceUses uses = new ServiceUses(release);
        Flows flows = new Flows();
        for (Workload w : release.workloads()) {
            for (ServiceUse use : uses.of(w)) {
                add(release, use, flows);
            }
            peers(release, w, flows);
        }
        for (Workload w : release.manifest().workloads()) {
            if (w.hostNetwork() && !release.scope().isExempt(release.scope().of(w.object()))) {
                onTheHostNetwork(release, w, uses.of(w));
            }
        }
        return openings(release, flows.all, selectorOf);
    }

    /** A workload on the host network connects from its node's address, which no pod selector names. */
    private static void onTheHostNetwork(Release release, Workload w, List<ServiceUse> uses) {
        Set<String> services = new TreeSet<>();
        for (ServiceUse use : uses) {
            services.add(use.service().object().name());
        }
        if (!services.isEmpty()) {
            release.warnings().accept(release.where(w.object()) + " runs on the host network and uses Service"
                    + (services.size() == 1 ? " " : "s ") + String.join(", ", services) + " of the release: its"
                    + " traffic comes from its node's address, which no pod selector names, so "
                    + release.words().segregated() + " those Services' pods do not admit it. Declare the flow from the nodes' addresses (flows:"
                    + " from: [{cidrs: [NODE-CIDR]}]) for the pods it uses.");
        }
    }

    /**
     * One connection a workload needs: to a backend's container ports, and what shows it.
     *
     * @param egressWhy  why, said of the consumer: "it uses Service db: jdbc:postgresql://db:5432 in env DB_URL ..."
     * @param ingressWhy why, said of the backend: "Deployment api uses Service db: ..."
     */
    private record Flow(Workload from, Workload to, List<PortRange> ports, String egressWhy, String ingressWhy,
                        Value value, boolean allPorts) {
    }

    /** Each connection once, with what showed it first; the ports of one showing add up to one flow. */
    private static final class Flows {
        private final Map<Workload, Map<Workload, Between>> between = new HashMap<>();
        final List<Flow> all = new ArrayList<>();

        void add(Workload from, Workload to, PortRange port, String egressWhy, String ingressWhy, Value value,
                 boolean allPorts) {
            Between pair = between.computeIfAbsent(from, k -> new HashMap<>()).computeIfAbsent(to, k -> new Between());
            if (!pair.ports.add(port)) {
                return;
            }
            Flow same = pair.byShowing.get(egressWhy);
            if (same != null) {
                same.ports().add(port);
                return;
            }
            Flow flow = new Flow(from, to, new ArrayList<>(List.of(port)), egressWhy, ingressWhy, value, allPorts);
            pair.byShowing.put(egressWhy, flow);
            all.add(flow);
        }
    }

    /** What one workload's flows to another have: the ports seen, and the flow of each showing ({@code egressWhy}). */
    private static final class Between {
        final Set<PortRange> ports = new HashSet<>();
        final Map<String, Flow> byShowing = new HashMap<>();
    }

    private static void add(Release release, ServiceUse use, Flows flows) {
        Service s = use.service();
        boolean allPorts = use.address().port() == 0; // the widest guess: marked, and shown first
        String why = "uses Service " + s.object().name() + (allPorts ? " on " + Reason.ALL_PORTS : "") + ": "
                + use.evidence();
        Workload from = use.consumer();
        for (Service.Port port : ports(release, use)) {
            List<Release.Backend> backends = release.backends(s, port, use.value().document());
            boolean onePod = false;
            for (Release.Backend b : backends) {
                onePod |= use.pod() != null && isPodOf(use.pod(), b.workload());
            }
            for (Release.Backend b : backends) {
                if (b.workload() == from && !s.headless()) {
                    continue; // a workload naming its own Service names itself (its address for others, telemetry)
                }
                if (!onePod || isPodOf(use.pod(), b.workload())) {
                    flows.add(from, b.workload(), b.port(), "it " + why, from.kind() + " " + from.name() + " " + why,
                            use.value(), allPorts);
                }
            }
        }
    }

    /**
     * The Service ports a use stands for. A headless Service without ports still resolves to its pods: then every
     * container port they declare.
     */
    private static List<Service.Port> ports(Release release, ServiceUse use) {
        Service s = use.service();
        if (!use.ports().isEmpty() || !s.headless()) {
            return use.ports();
        }
        List<Service.Port> direct = new ArrayList<>();
        for (Workload w : release.workloads()) {
            if (s.sendsTo(w, release.scope())) {
                for (ContainerPort p : w.pod().ports()) {
                    direct.add(new Service.Port(null, p.protocol(), p.port(), PortRef.number(p.port()), 0));
                }
            }
        }
        return direct;
    }

    /**
     * Whether a pod name ({@code db-0}) is the name of one of a StatefulSet's pods: the only pods an address of one
     * pod ({@code db-0.db-headless}) can know the names of.
     */
    private static boolean isPodOf(String pod, Workload w) {
        return WorkloadKind.STATEFUL_SET.equals(w.kind()) && PodNames.isPodOf(pod, w);
    }

    /** A StatefulSet's pods reach each other on the ports of their governing Service ({@code spec.serviceName}). */
    private static void peers(Release release, Workload w, Flows flows) {
        String name = w.pod().inputs().serviceName();
        if (name == null || !WorkloadKind.STATEFUL_SET.equals(w.kind())) {
            return;
        }
        Service s = release.findService(release.scope().of(w.object()), name);
        if (s == null && w.pod().inputs().replicas() > 1) {
            release.warnings().accept(release.where(w.object()) + " names the governing Service " + name
                    + " (spec.serviceName), which is not in the release, so " + release.words().segregated()
                    + " its pods may not reach each other. If they do (replication, clustering), add the Service to the chart or"
                    + " declare the flow in the configuration (flows:).");
        }
        if (s == null) {
            return; // one pod has no peers
        }
        String why = "its pods reach each other through their governing Service " + name + " (spec.serviceName)";
        Value value = new Value(name, "spec.serviceName", w.object());
        ServiceUse self = new ServiceUse(w, s, s.ports(), null, new Address(name, 0, name), value);
        for (Service.Port port : ports(release, self)) {
            for (Release.Backend b : release.backends(s, port, w.object())) {
                if (b.workload() == w) {
                    flows.add(w, w, b.port(), why, why, value, false);
                }
            }
        }
    }

    private static Derived openings(Release release, List<Flow> flows, Function<Workload, LabelSelector> selectorOf) {
        Scope scope = release.scope();
        List<Opening> result = new ArrayList<>();
        List<Opening> beforeManifests = new ArrayList<>();
        for (Flow f : flows) {
            LabelSelector fromPods = selectorOf.apply(f.from());
            LabelSelector toPods = selectorOf.apply(f.to());
            if (fromPods == null || toPods == null) {
                continue; // without label injection, pods with no labels: no policy can name them
            }
            Namespace fromNs = scope.of(f.from().object());
            Namespace toNs = scope.of(f.to().object());
            boolean sameNs = Objects.equals(fromNs, toNs);
            List<PortRange> ports = List.copyOf(f.ports());
            NetworkPolicy.Peer to = new NetworkPolicy.Peer(toPods,
                    sameNs ? null : Peers.namespaceNamed(scope.display(toNs)), null);
            NetworkPolicy.Peer from = new NetworkPolicy.Peer(fromPods,
                    sameNs ? null : Peers.namespaceNamed(scope.display(fromNs)), null);
            Allowance kind = Allowance.USES;
            result.add(new Opening(Allowance.USES, f.from(), Direction.EGRESS, List.of(to), ports,
                    new Reason(kind, f.egressWhy(), f.value().document(), f.allPorts()), List.of(f.to())));
            Opening in = new Opening(Allowance.USES, f.to(), Direction.INGRESS, List.of(from), ports,
                    new Reason(kind, f.ingressWhy(), f.value().document(), f.allPorts()), List.of(f.from()));
            result.add(in);
            if (!f.to().object().isHook() && runsBeforeManifests(f.from())) {
                beforeManifests.add(in);
            }
        }
        return new Derived(List.copyOf(result), List.copyOf(beforeManifests));
    }

    private static boolean runsBeforeManifests(Workload w) {
        return HookEvents.anyOf(w.object(), HookEvents.BEFORE_MANIFESTS);
    }
}
