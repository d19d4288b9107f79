package io.netpolguard.plan.allow;

import io.netpolguard.config.Allowance;

import io.netpolguard.model.PortRange;
import io.netpolguard.model.Workload;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs every allowance that is on over a release, in a fixed order, and keeps each distinct opening once. */
public final class Allowances {

    private static final List<AllowanceRule> RULES = List.of(new ApiServerAccess(), new WebhookBackends(),
            new ExternalTraffic(), new IngressBackends(), new Scraping(), new DeclaredFlows());

    private Allowances() {
    }

    public static List<Opening> derive(Release release) {
        List<Opening> openings = new ArrayList<>();
        for (AllowanceRule rule : RULES) {
            if (rule.kind() == Allowance.DECLARED || release.config().allows(rule.kind())) {
                rule.derive(release, openings::add);
            }
        }
        return merged(openings);
    }

    /**
     * Openings of one workload, direction, peers and reason become one rule with all their ports (a webhook
     * configuration's several webhooks on one Service, a monitor's several endpoints).
     */
    private static List<Opening> merged(List<Opening> openings) {
        Map<Workload, Map<String, Opening>> byWorkload = new IdentityHashMap<>();
        List<Opening> order = new ArrayList<>();
        for (Opening o : openings) {
            Map<String, Opening> same = byWorkload.computeIfAbsent(o.workload(), w -> new LinkedHashMap<>());
            String key = o.ingress() + "\n" + o.peers().stream().map(Peers::describe).toList() + "\n"
                    + o.reason().describe() + "\n" + (o.reason().cause() == null ? "" : o.reason().cause().describe());
            Opening earlier = same.get(key);
            if (earlier == null) {
                same.put(key, o);
                order.add(o);
                continue;
            }
            List<PortRange> ports = new ArrayList<>(earlier.ports());
            o.ports().stream().filter(p -> !ports.contains(p)).forEach(ports::add);
            Opening both = new Opening(o.allowance(), o.workload(), o.ingress(), o.peers(), List.copyOf(ports),
                    o.reason());
            same.put(key, both);
            order.set(order.indexOf(earlier), both);
        }
        return List.copyOf(order);
    }
}
