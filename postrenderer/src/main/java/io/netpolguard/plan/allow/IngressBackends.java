package io.netpolguard.plan.allow;

import io.netpolguard.config.Allowance;
import io.netpolguard.model.Direction;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.ServiceReference;

import java.util.List;
import java.util.function.Consumer;

/**
 * The cluster's ingress controllers ({@code ingressControllers}, ingress-nginx by default) may reach the pods behind
 * the release's Ingress backends and Gateway API route backends, on the ports those backends name.
 */
final class IngressBackends implements AllowanceRule {

    @Override
    public Allowance kind() {
        return Allowance.INGRESS_ROUTES;
    }

    @Override
    public void derive(Release release, Consumer<Opening> out) {
        List<NetworkPolicy.Peer> controllers = Peers.of(release.config().ingressControllers());
        if (controllers.isEmpty()) {
            return; // ingressControllers: [] says no controller may reach the release
        }
        String who = String.join(" or ", release.config().ingressControllers().stream()
                .map(c -> c.describe()).toList());
        for (ServiceReference ref : release.manifest().references()) {
            if (ref.use() != ServiceReference.Use.INGRESS_BACKEND && ref.use() != ServiceReference.Use.ROUTE_BACKEND) {
                continue;
            }
            for (Release.Backend b : release.backends(ref)) {
                out.accept(opening(b.workload(), Direction.INGRESS, controllers, List.of(b.port()),
                        ref.from().kind() + " " + ref.from().name() + " routes to Service " + ref.service() + " port "
                        + b.servicePort()
                        + ", which the ingress controller (" + who + ") forwards to", ref.from()));
            }
        }
    }
}
