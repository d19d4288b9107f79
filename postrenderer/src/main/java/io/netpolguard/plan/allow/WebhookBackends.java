package io.netpolguard.plan.allow;

import io.netpolguard.config.Allowance;
import io.netpolguard.model.Direction;
import io.netpolguard.model.ServiceReference;

import java.util.List;
import java.util.function.Consumer;

/**
 * The API server may call the release's admission webhooks, CRD conversion webhooks and aggregated APIs, from any
 * source: it calls from node addresses, through konnectivity agents or through a NAT gateway, which no selector
 * matches on every cluster (charts such as cert-manager and ingress-nginx open their webhook port to everyone).
 */
final class WebhookBackends implements AllowanceRule {

    @Override
    public Allowance kind() {
        return Allowance.WEBHOOKS;
    }

    @Override
    public void derive(Release release, Consumer<Opening> out) {
        for (ServiceReference ref : release.manifest().references()) {
            if (ref.use() != ServiceReference.Use.ADMISSION_WEBHOOK && ref.use() != ServiceReference.Use.CONVERSION_WEBHOOK
                    && ref.use() != ServiceReference.Use.API_SERVICE) {
                continue;
            }
            for (Release.Backend b : release.backends(ref)) {
                out.accept(opening(b.workload(), Direction.INGRESS, List.of(), List.of(b.port()),
                        "the API server calls it as the " + ref.use().description() + " of " + ref.from().kind() + " "
                        + ref.from().name()
                        + ", through Service " + ref.service() + " port " + b.servicePort(), ref.from()));
            }
        }
    }
}
