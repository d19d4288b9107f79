package io.netpolguard.analyze;

import io.netpolguard.error.InputException;
import io.netpolguard.config.ClusterPeer;
import io.netpolguard.connectivity.AddressRange;
import io.netpolguard.connectivity.Connections;
import io.netpolguard.model.Backends;
import io.netpolguard.model.Direction;
import io.netpolguard.connectivity.Endpoint;
import io.netpolguard.connectivity.Network;
import io.netpolguard.model.ContainerPort;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.NamedPorts;
import io.netpolguard.model.PodSpec;
import io.netpolguard.model.PortRef;
import io.netpolguard.model.Protocol;
import io.netpolguard.model.Service;
import io.netpolguard.model.ServiceReference;
import io.netpolguard.model.Workload;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Lists what the NetworkPolicies of a manifest allow between its workloads, the addresses outside the cluster and the
 * ingress controller, as np-guard's netpol-analyzer {@code list} does.
 *
 * <ul>
 *   <li>Workloads are peers {@code ns/name[Kind]}; a bare Pod is folded into its controlling owner
 *       ({@code ns/owner[OwnerKind]}, {@code [Pod]} when the reference names no kind; a Node owner leaves the Pod
 *       itself), and all pods of one owner are one peer.</li>
 *   <li>External peers are the partition of the address space by every ingress ipBlock (sources) and every egress
 *       ipBlock (destinations).</li>
 *   <li>{@code {ingress-controller}} reaches the workloads behind Ingress (and Gateway API route) backends, on the
 *       TCP ports the Service sends to and the pods declare, as far as the policies let an arbitrary pod
 *       {@code ingress-controller} of namespace {@code ingress-controller-ns} through.</li>
 * </ul>
 */
public final class Analyzer {

    /** The pod np-guard stands the ingress controller in for. */
    static final Endpoint.Pods INGRESS_CONTROLLER_POD = Endpoint.pod("ingress-controller-ns", Map.of());

    private static final Comparator<Connection> BY_NAMES = Comparator
            .comparing((Connection c) -> c.source().name()).thenComparing(c -> c.destination().name());

    private Analyzer() {
    }

    public static Analysis analyze(Manifest manifest, Options options) {
        return analyze(manifest, options, List.of(), List.of());
    }

    /**
     * With extra boundaries for the External peers (a diff analyses both inputs with the same ranges).
     *
     * @param moreSources      ranges that also divide the External sources
     * @param moreDestinations ranges that also divide the External destinations
     */
    static Analysis analyze(Manifest manifest, Options options, Collection<AddressRange> moreSources,
                            Collection<AddressRange> moreDestinations) {
        Function<KubeObject, String> namespaceOf = namespaceOf(options);
        Network network = network(manifest, options);
        List<String> warnings = new ArrayList<>();
        List<Peer> workloads = workloads(manifest, network, namespaceOf);
        for (Peer p : workloads) {
            if (p.objects().stream().anyMatch(Workload::hostNetwork)) {
                warnings.add(p.name() + " runs pods with hostNetwork: true; NetworkPolicies do not apply to them on"
                        + " most clusters, but its lines are those the policies would allow.");
            }
            long labelSets = p.pods().stream().map(Endpoint.Pods::labels).distinct().count();
            if (labelSets > 1) {
                warnings.add(p.name() + " stands for pods with " + labelSets + " different label sets; its lines"
                        + " are what the policies allow for any of them.");
            }
        }

        List<AddressRange> sourceBlocks = new ArrayList<>(network.referencedAddresses(Direction.INGRESS));
        sourceBlocks.addAll(moreSources);
        List<AddressRange> destinationBlocks = new ArrayList<>(network.referencedAddresses(Direction.EGRESS));
        destinationBlocks.addAll(moreDestinations);
        List<Peer> sources = new ArrayList<>();
        AddressRange.partition(sourceBlocks).forEach(r -> sources.add(Peer.external(r)));
        List<Peer> destinations = new ArrayList<>();
        AddressRange.partition(destinationBlocks).forEach(r -> destinations.add(Peer.external(r)));
        sources.addAll(workloads);
        destinations.addAll(workloads);

        Map<Peer, List<Endpoint>> endpoints = new HashMap<>();
        for (Peer p : sources) {
            endpoints.put(p, endpoints(p));
        }
        for (Peer p : destinations) {
            endpoints.computeIfAbsent(p, Analyzer::endpoints);
        }
        List<Connection> connections = new ArrayList<>();
        if (!workloads.isEmpty()) {
            for (Peer src : sources) {
                for (Peer dst : destinations) {
                    if ((src.isExternal() && dst.isExternal()) || src.name().equals(dst.name())) {
                        continue;
                    }
                    Connections allowed = allowed(network, endpoints.get(src), endpoints.get(dst));
                    if (!allowed.isEmpty()) {
                        connections.add(new Connection(src, dst, allowed));
                    }
                }
            }
        }
        List<Connection> fromController = ingressController(manifest, network, workloads, namespaceOf,
                options.ingressControllers(), warnings);
        connections.addAll(fromController);
        connections.sort(BY_NAMES);

        Map<String, Peer> peers = new TreeMap<>();
        for (Peer p : sources) {
            peers.put(p.name(), p);
        }
        for (Peer p : destinations) {
            peers.put(p.name(), p);
        }
        if (!fromController.isEmpty()) {
            peers.put(Peer.INGRESS_CONTROLLER, fromController.get(0).source());
        }
        Exposure exposure = options.exposure()
                ? ExposureAnalysis.compute(manifest, network, workloads, connections, namespaceOf) : null;
        return new Analysis(options, network, List.copyOf(peers.values()), connections, exposure, warnings,
                Unreached.find(manifest, workloads, connections, namespaceOf));
    }

    static Function<KubeObject, String> namespaceOf(Options options) {
        String fallback = options.defaultNamespace();
        return object -> object.namespace() != null ? object.namespace() : fallback;
    }

    /**
     * The network of a manifest's policies.
     *
     * @throws InputException when a policy's ipBlock holds no valid CIDR
     */
    public static Network network(Manifest manifest, Options options) {
        return network(manifest.policies(), manifest.namespaces(), namespaceOf(options));
    }

    /**
     * The network of these policies, with these namespaces' labels.
     *
     * @throws InputException when a policy's ipBlock holds no valid CIDR
     */
    public static Network network(Collection<NetworkPolicy> policies, Map<String, Map<String, String>> namespaces,
                                  Function<KubeObject, String> namespaceOf) {
        try {
            return new Network(policies, namespaces, namespaceOf);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage() + ".",
                    "Kubernetes refuses such a NetworkPolicy; write the ipBlock as an address, \"/\" and a prefix length.");
        }
    }

    private static Connections allowed(Network network, List<Endpoint> from, List<Endpoint> to) {
        Connections result = Connections.NONE;
        for (Endpoint s : from) {
            for (Endpoint d : to) {
                result = result.union(network.allowed(s, d));
                if (result.isAll()) {
                    return result;
                }
            }
        }
        return result;
    }

    private static List<Endpoint> endpoints(Peer peer) {
        return peer.isExternal() ? List.of(new Endpoint.Addresses(peer.range())) : List.copyOf(peer.pods());
    }

    private record PodKey(Map<String, String> labels, PodSpec pod) {
    }

    /** The workload peers, folded as np-guard folds pods into their owners, sorted by name. */
    private static List<Peer> workloads(Manifest manifest, Network network, Function<KubeObject, String> namespaceOf) {
        Map<Peer.Identity, List<Workload>> byIdentity = new LinkedHashMap<>();
        for (Workload w : manifest.workloads()) {
            byIdentity.computeIfAbsent(Peer.Identity.of(w, namespaceOf), k -> new ArrayList<>()).add(w);
        }
        List<Peer> result = new ArrayList<>();
        for (Map.Entry<Peer.Identity, List<Workload>> e : byIdentity.entrySet()) {
            Map<PodKey, Endpoint.Pods> pods = new LinkedHashMap<>();
            for (Workload w : e.getValue()) {
                pods.putIfAbsent(new PodKey(w.podLabels(), w.pod()), network.pods(w));
            }
            Peer.Identity id = e.getKey();
            result.add(new Peer(id.peerName(), Peer.Kind.WORKLOAD, id.namespace(), id.workload(), id.kind(), null,
                    List.copyOf(pods.values()), e.getValue()));
        }
        result.sort(Comparator.comparing(Peer::name));
        return result;
    }

    /** The configured ingress controllers as endpoints: their pods, or the addresses they use on the host network. */
    static List<Endpoint> controllerEndpoints(List<ClusterPeer> controllers) {
        List<Endpoint> result = new ArrayList<>();
        for (ClusterPeer c : controllers) {
            if (!c.cidrs().isEmpty()) {
                c.cidrs().forEach(cidr -> result.add(Endpoint.addresses(cidr)));
            } else if (c.namespace() != null) {
                result.add(Endpoint.pod(c.namespace(), c.podLabels()));
            } else {
                result.add(new Endpoint.Representative(LabelSelector.EVERYTHING, LabelSelector.of(c.podLabels())));
            }
        }
        return result;
    }

    /** The lines from {@code {ingress-controller}}: Ingress and route backends, through their Services. */
    private static List<Connection> ingressController(Manifest manifest, Network network, List<Peer> workloads,
                                                      Function<KubeObject, String> namespaceOf,
                                                      List<ClusterPeer> ingressControllers, List<String> warnings) {
        Map<String, Service> services = new HashMap<>();
        for (Service s : manifest.services()) {
            services.put(namespaceOf.apply(s.object()) + "/" + s.object().name(), s);
        }
        Map<Peer, Connections> wanted = new LinkedHashMap<>();
        Map<Peer, List<String>> through = new HashMap<>();
        for (ServiceReference ref : manifest.references()) {
            if (ref.use() != ServiceReference.Use.INGRESS_BACKEND && ref.use() != ServiceReference.Use.ROUTE_BACKEND) {
                continue;
            }
            String ns = ref.namespace() != null ? ref.namespace() : namespaceOf.apply(ref.from());
            String from = describe(ref.from(), namespaceOf);
            Service service = services.get(ns + "/" + ref.service());
            if (service == null) {
                warnings.add(from + " sends traffic to Service " + ns + "/" + ref.service()
                        + ", which is not in the input; that backend is left out.");
                continue;
            }
            if (service.selector() == null || service.selector().isEmpty()) {
                warnings.add(from + " sends traffic to Service " + ns + "/" + ref.service()
                        + ", which has no selector (its endpoints are managed by hand); that backend is left out.");
                continue;
            }
            List<PortRef> targets = targetPorts(service, ref.port());
            for (Peer peer : workloads) {
                if (!peer.namespace().equals(ns)) {
                    continue;
                }
                Connections ports = null;
                for (Endpoint.Pods pods : peer.pods()) {
                    if (!service.selects(pods.labels())) {
                        continue;
                    }
                    Connections c = ports == null ? Connections.NONE : ports;
                    for (PortRef target : targets) {
                        int number = Backends.port(target, Protocol.TCP, pods.pod(), NamedPorts.NP_GUARD);
                        if (number > 0 && declares(pods.pod(), number)) {
                            c = c.union(Connections.of(Protocol.TCP, number));
                        }
                    }
                    ports = c;
                }
                if (ports != null) {
                    wanted.merge(peer, ports, Connections::union);
                    through.computeIfAbsent(peer, k -> new ArrayList<>()).add(from);
                }
            }
        }
        List<Connection> result = new ArrayList<>();
        Peer controller = new Peer(Peer.INGRESS_CONTROLLER, Peer.Kind.INGRESS_CONTROLLER, null, "ingress-controller",
                null, null, List.of(INGRESS_CONTROLLER_POD), List.of());
        List<Endpoint> controllers = new ArrayList<>(List.of(INGRESS_CONTROLLER_POD));
        controllers.addAll(controllerEndpoints(ingressControllers));
        for (Map.Entry<Peer, Connections> e : wanted.entrySet()) {
            Connections allowed = e.getValue()
                    .intersect(allowed(network, controllers, List.copyOf(e.getKey().pods())));
            if (allowed.isEmpty()) {
                warnings.add(String.join(", ", new LinkedHashSet<>(through.get(e.getKey())))
                        + " sends traffic to " + e.getKey().name() + ", but "
                        + (e.getValue().isEmpty() ? "its pods declare none of the Service's target ports"
                        : "NetworkPolicies let no ingress controller pod through on " + e.getValue()) + ".");
                continue;
            }
            result.add(new Connection(controller, e.getKey(), allowed));
        }
        return result;
    }

    /**
     * The pod ports a Service sends a reference's traffic to: the {@code targetPort} of the Service port the
     * reference names (as np-guard matches numbers: its port or its target port number); of every Service port when
     * it names none.
     */
    private static List<PortRef> targetPorts(Service service, PortRef required) {
        if (required == null) {
            return service.ports().stream().map(Service.Port::targetPort).toList();
        }
        Service.Port p = service.port(required, Service.PortNumbers.SERVICE_OR_TARGET_PORT);
        return p == null ? List.of() : List.of(p.targetPort());
    }

    /** True when a container declares this port number (whatever its protocol, as np-guard checks it). */
    private static boolean declares(PodSpec pod, int number) {
        for (ContainerPort c : pod.ports()) {
            if (c.port() == number) {
                return true;
            }
        }
        return false;
    }

    private static String describe(KubeObject object, Function<KubeObject, String> namespaceOf) {
        return object.kind() + " " + namespaceOf.apply(object) + "/" + object.name();
    }
}
