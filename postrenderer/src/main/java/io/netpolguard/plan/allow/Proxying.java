package io.netpolguard.plan.allow;

import io.netpolguard.config.Allowance;
import io.netpolguard.config.ClusterPeer;
import io.netpolguard.config.IngressProxy;
import io.netpolguard.config.WorkloadMatch;
import io.netpolguard.model.ContainerPort;
import io.netpolguard.model.Direction;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.Service;
import io.netpolguard.model.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The release's own ingress or gateway controller may proxy to pods in every namespace, on every port: its backends
 * are other releases' pods, on ports that no manifest of its release shows (their own policies still decide what
 * they admit). A controller is a workload that takes traffic from outside the cluster (behind a LoadBalancer or
 * NodePort Service, externalIPs, a hostPort) in a release that brings an IngressClass or a GatewayClass, or that
 * matches one of the configured {@code ingressControllers}; or a workload {@code ingressProxy.workloads} names.
 * {@code ingressProxy.namespaces}, {@code namespaceLabels} and {@code ports} narrow where it proxies to.
 */
final class Proxying implements AllowanceRule {

    /**
     * A controller of the release, and why it is one.
     *
     * @param workload the controller
     * @param why      "IngressClass nginx of the release is served by it: ..."
     * @param cause    the class, or the Service that takes outside traffic; null when the configuration names it
     */
    record Controller(Workload workload, String why, KubeObject cause) {
    }

    @Override
    public Allowance kind() {
        return Allowance.INGRESS_PROXY;
    }

    @Override
    public void derive(Release release, Consumer<Opening> out) {
        IngressProxy proxy = release.config().ingressProxy();
        List<NetworkPolicy.Peer> backends = backends(proxy);
        String where = proxy.anyNamespace() && proxy.ports().isEmpty()
                ? "; it proxies to backends in any namespace, on ports no manifest of its release shows"
                + " (ingressProxy narrows them)" : "; it proxies to backends where ingressProxy says";
        for (Controller c : controllers(release, true)) {
            out.accept(opening(c.workload(), Direction.EGRESS, backends, proxy.ports(), c.why() + where, c.cause()));
        }
    }

    /** Where the controllers proxy to: pods of every namespace, or of those configured. */
    private static List<NetworkPolicy.Peer> backends(IngressProxy proxy) {
        if (proxy.anyNamespace()) {
            return List.of(new NetworkPolicy.Peer(null, LabelSelector.EVERYTHING, null));
        }
        List<NetworkPolicy.Peer> peers = new ArrayList<>();
        for (String ns : proxy.namespaces()) {
            peers.add(new NetworkPolicy.Peer(null, Peers.namespaceNamed(ns), null));
        }
        if (proxy.namespaceLabels() != null) {
            peers.add(new NetworkPolicy.Peer(null, LabelSelector.of(proxy.namespaceLabels()), null));
        }
        return List.copyOf(peers);
    }

    /**
     * The release's ingress and gateway controllers, in stream order.
     *
     * @param warn whether to warn about a class of the release that no workload of it takes outside traffic for
     */
    static List<Controller> controllers(Release release, boolean warn) {
        List<KubeObject> classes = new ArrayList<>();
        for (KubeObject o : release.manifest().objects()) {
            if (("IngressClass".equals(o.kind()) && "networking.k8s.io".equals(o.group()))
                    || ("GatewayClass".equals(o.kind()) && "gateway.networking.k8s.io".equals(o.group()))) {
                classes.add(o);
            }
        }
        List<WorkloadMatch> named = release.config().ingressProxy().workloads();
        List<Controller> result = new ArrayList<>();
        for (Workload w : release.workloads()) {
            WorkloadMatch match = firstMatch(named, w);
            if (match != null) {
                result.add(new Controller(w, "the configuration names it under ingressProxy.workloads ("
                        + match.describe() + ")", null));
                continue;
            }
            ClusterPeer entry = classes.isEmpty() ? configuredController(release, w) : null;
            if (classes.isEmpty() && entry == null) {
                continue;
            }
            Outside outside = outside(release, w);
            if (outside == null) {
                continue;
            }
            String why = entry != null ? "it matches the ingressControllers entry " + entry.describe()
                    : classes(classes) + " of the release " + (classes.size() == 1 ? "is" : "are") + " served by it";
            result.add(new Controller(w, why + ", as it takes traffic from outside the cluster (" + outside.how
                    + ")", entry != null ? outside.cause : classes.get(0)));
        }
        if (warn && result.isEmpty() && !classes.isEmpty() && !release.workloads().isEmpty() && !onHostNetwork(release)) {
            release.warnings().accept(classes(classes) + " (" + classes.get(0).source() + ") comes with the release,"
                    + " but none of its workloads takes traffic from outside the cluster (a LoadBalancer or NodePort"
                    + " Service, externalIPs, a hostPort), so netpol-guard does not know which one is the controller"
                    + " and lets none of them proxy to backends outside the release. Name the controller:"
                    + " `ingressProxy: {workloads: [{kind: Deployment, name: NAME}]}`.");
        }
        return result;
    }

    /** "IngressClass nginx", "IngressClass nginx and GatewayClass eg". */
    private static String classes(List<KubeObject> classes) {
        List<String> names = new ArrayList<>();
        for (KubeObject o : classes) {
            names.add(o.kind() + " " + o.name());
        }
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /** How traffic from outside the cluster reaches a workload's pods, and the Service that shows it (or null). */
    private record Outside(String how, KubeObject cause) {
    }

    private static Outside outside(Release release, Workload w) {
        for (Service s : release.manifest().services()) {
            if (s.reachableFromOutside() && s.sendsTo(w, release.scope())) {
                return new Outside("Service " + s.object().name() + (s.externalIPs().isEmpty() ? " is of type "
                        + s.type() : " has externalIPs"), s.object());
            }
        }
        for (ContainerPort p : w.pod().ports()) {
            if (p.hostPort() > 0) {
                return new Outside("container " + p.container() + " publishes port " + p.port() + " on the node's"
                        + " port " + p.hostPort(), w.object());
            }
        }
        return null;
    }

    /** The configured ingress controller whose pods a workload's are (by labels, in its namespace), or null. */
    private static ClusterPeer configuredController(Release release, Workload w) {
        for (ClusterPeer c : release.config().ingressControllers()) {
            if (c.cidrs().isEmpty() && !c.podLabels().isEmpty()
                    && LabelSelector.matchesAll(c.podLabels(), w.podLabels())
                    && (c.namespace() == null || release.scope().of(c.namespace()).equals(
                    release.namespaceOf(w.object())))) {
                return c;
            }
        }
        return null;
    }

    /** Whether a workload of the release runs on the host network: a controller there needs no policy. */
    private static boolean onHostNetwork(Release release) {
        for (Workload w : release.manifest().workloads()) {
            if (w.hostNetwork()) {
                return true;
            }
        }
        return false;
    }

    private static WorkloadMatch firstMatch(List<WorkloadMatch> matches, Workload w) {
        for (WorkloadMatch m : matches) {
            if (m.matches(w)) {
                return m;
            }
        }
        return null;
    }
}
