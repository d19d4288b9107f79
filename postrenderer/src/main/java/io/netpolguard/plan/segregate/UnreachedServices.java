package io.netpolguard.plan.segregate;

import io.netpolguard.model.Backends;
import io.netpolguard.model.Direction;
import io.netpolguard.model.PortRange;
import io.netpolguard.model.Service;
import io.netpolguard.model.Workload;
import io.netpolguard.plan.allow.Opening;
import io.netpolguard.plan.allow.Release;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Segregated, the Services of the release that nothing reaches: no port of theirs is open to anyone, because no
 * workload of the release names them and no allowance (an Ingress or route, a LoadBalancer or NodePort, a webhook,
 * a monitor, a declared flow) exposes them. Judged on what the plan opens into their pods, port by port; a Service
 * whose pods the chart's own policies isolate for ingress is the chart's to judge.
 */
public final class UnreachedServices {

    /**
     * A Service nothing reaches.
     *
     * @param service  the Service
     * @param backends the workloads of the release whose pods it sends to
     * @param ports    the container ports its ports reach on those pods, each once
     */
    public record Unreached(Service service, List<Workload> backends, List<PortRange> ports) {
    }

    private UnreachedServices() {
    }

    /**
     * @param openings     everything the plan opens
     * @param chartIsolatesIngress whether the chart's own policies isolate a workload's pods for ingress
     */
    public static List<Unreached> find(Release release, List<Opening> openings,
                                       Predicate<Workload> chartIsolatesIngress) {
        List<Unreached> result = new ArrayList<>();
        for (Service s : release.manifest().services()) {
            if (s.object().name() == null || s.isExternalName()
                    || release.scope().isExempt(release.scope().of(s.object()))) {
                continue;
            }
            List<Workload> backends = new ArrayList<>();
            List<PortRange> ports = new ArrayList<>();
            boolean reached = false;
            for (Workload w : release.workloads()) {
                if (!s.sendsTo(w, release.scope())) {
                    continue;
                }
                if (chartIsolatesIngress.test(w)) {
                    reached = true; // the chart's own ingress policy decides
                }
                List<PortRange> own = Backends.targets(s, w.pod());
                if (!own.isEmpty()) {
                    backends.add(w);
                }
                for (PortRange p : own) {
                    reached |= open(w, p, openings);
                    if (!ports.contains(p)) {
                        ports.add(p);
                    }
                }
            }
            if (!reached && !ports.isEmpty()) {
                result.add(new Unreached(s, List.copyOf(backends), List.copyOf(ports)));
            }
        }
        return result;
    }

    /** Whether some opening lets something into a workload's pods on that port. */
    private static boolean open(Workload w, PortRange port, List<Opening> openings) {
        for (Opening o : openings) {
            if (o.workload() == w && o.direction() == Direction.INGRESS) {
                if (o.ports().isEmpty()) {
                    return true;
                }
                for (PortRange r : o.ports()) {
                    if (r.protocol() == port.protocol() && r.first() <= port.first() && port.first() <= r.last()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
