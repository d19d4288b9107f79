package io.netpolguard.plan.allow;

import io.netpolguard.config.Allowance;
import io.netpolguard.config.IngressProxy;
import io.netpolguard.model.Direction;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.Namespace;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.PortRange;
import io.netpolguard.model.ServiceReference;
import io.netpolguard.model.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Segregated, the flows between the release's own role-bearing workloads and its other pods, which no rule "the
 * release's pods reach each other" covers any more: its Prometheus (or agent, the {@code monitoring} pods) reaches the
 * ports that its monitors and scrape annotations name; its ingress or gateway controller reaches the backends of its
 * Ingresses and routes, which admit it.
 */
final class WithinRelease {

    private final Release release;
    private final Function<Workload, LabelSelector> selectorOf;
    private final List<Opening> out = new ArrayList<>();

    private WithinRelease(Release release, Function<Workload, LabelSelector> selectorOf) {
        this.release = release;
        this.selectorOf = selectorOf;
    }

    /** @param selectorOf the selector of a workload's own pods, as peers of a policy name them (null: none can) */
    static List<Opening> derive(Release release, Function<Workload, LabelSelector> selectorOf) {
        WithinRelease within = new WithinRelease(release, selectorOf);
        if (release.config().allows(Allowance.MONITORING)) {
            within.scraping();
        }
        if (release.config().allows(Allowance.INGRESS_ROUTES)) {
            within.routing();
        }
        return within.out;
    }

    /** The release's Prometheus reaches each port of the release's pods that is scraped. */
    private void scraping() {
        List<Workload> scrapers = Scraping.scrapers(release);
        if (scrapers.isEmpty()) {
            return;
        }
        Release quiet = new Release(release.manifest(), release.workloads(), release.scope(), release.config(),
                warning -> { }, release.words()); // Scraping's own run said them
        Scraping.targets(quiet, (target, port, why, cause) -> {
            for (Workload scraper : scrapers) {
                egress(scraper, target, List.of(port), Allowance.MONITORING, "it is a Prometheus of the release"
                        + " (monitoring: " + release.config().monitoring().describe() + "), and " + target.kind() + " "
                        + release.scope().qualify(target.object())
                        + " is scraped: " + why, cause);
            }
        });
    }

    /**
     * The release's ingress controller reaches the backends of the release's Ingresses and routes, which admit it,
     * beside the cluster's {@code ingressControllers}; where {@code ingressProxy} already opens every port of every
     * namespace, only their side is added.
     */
    private void routing() {
        List<Proxying.Controller> controllers = Proxying.controllers(release, false);
        if (controllers.isEmpty()) {
            return;
        }
        IngressProxy proxy = release.config().ingressProxy();
        boolean proxied = release.config().allows(Allowance.INGRESS_PROXY) && proxy.anyNamespace()
                && proxy.ports().isEmpty();
        Release quiet = new Release(release.manifest(), release.workloads(), release.scope(), release.config(),
                warning -> { }, release.words()); // IngressBackends said them
        for (ServiceReference ref : release.manifest().references()) {
            if (ref.use() != ServiceReference.Use.INGRESS_BACKEND && ref.use() != ServiceReference.Use.ROUTE_BACKEND) {
                continue;
            }
            for (Release.Backend b : quiet.backends(ref)) {
                for (Proxying.Controller c : controllers) {
                    String why = ref.from().kind() + " " + ref.from().name() + " routes to Service " + ref.service()
                            + " port " + b.servicePort() + ", and " + c.workload().kind() + " "
                            + release.scope().qualify(c.workload().object())
                            + " is the release's own ingress controller";
                    ingress(b.workload(), c.workload(), List.of(b.port()), why, ref.from());
                    if (!proxied) {
                        egress(c.workload(), b.workload(), List.of(b.port()), Allowance.INGRESS_ROUTES, why,
                                ref.from());
                    }
                }
            }
        }
    }

    private void egress(Workload from, Workload to, List<PortRange> ports, Allowance allowance, String why,
                        KubeObject cause) {
        NetworkPolicy.Peer peer = peer(to, from);
        if (peer != null) {
            out.add(new Opening(allowance, from, Direction.EGRESS, List.of(peer), ports,
                    new Reason(allowance, why, cause), List.of(to)));
        }
    }

    private void ingress(Workload to, Workload from, List<PortRange> ports, String why, KubeObject cause) {
        NetworkPolicy.Peer peer = peer(from, to);
        if (peer != null) {
            Allowance a = Allowance.INGRESS_ROUTES;
            out.add(new Opening(a, to, Direction.INGRESS, List.of(peer), ports, new Reason(a, why, cause),
                    List.of(from)));
        }
    }

    /** The pods of {@code w} as a peer in a policy of {@code self}'s namespace; null when no selector names them. */
    private NetworkPolicy.Peer peer(Workload w, Workload self) {
        LabelSelector pods = selectorOf.apply(w);
        if (pods == null) {
            return null;
        }
        Namespace ns = release.namespaceOf(w.object());
        boolean sameNs = ns.equals(release.namespaceOf(self.object()));
        return new NetworkPolicy.Peer(pods, sameNs ? null : Peers.namespaceNamed(release.scope().display(ns)), null);
    }
}
