package io.netpolguard.plan.allow;

import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.PortRange;
import io.netpolguard.model.Workload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Runs every allowance that is on over a release, in a fixed order, and keeps each distinct opening once. */
public final class Allowances {

    private static final List<AllowanceRule> RULES = List.of(new ApiServerAccess(), new WebhookBackends(),
            new ExternalTraffic(), new IngressBackends(), new Proxying(), new Scraping(), new DeclaredFlows());

    private Allowances() {
    }

    public static List<Opening> derive(Release release) {
        List<Opening> openings = new ArrayList<>();
        for (AllowanceRule rule : RULES) {
            if (!rule.kind().isSwitch() || release.config().allows(rule.kind())) {
                rule.derive(release, openings::add);
            }
        }
        return sameRules(merged(openings));
    }

    /**
     * Segregated, what the release's own Prometheus and ingress controller need of its other pods (the rule that lets
     * the release's pods reach each other is gone): see {@link WithinRelease}.
     *
     * @param selectorOf the selector of a workload's own pods, as peers of a policy name them (null: none can)
     */
    public static List<Opening> withinRelease(Release release, Function<Workload, LabelSelector> selectorOf) {
        return sameRules(merged(WithinRelease.derive(release, selectorOf)));
    }

    /**
     * Openings of one allowance that make the same rule (workload, direction, peers and ports: two webhook
     * configurations calling one Service, two Ingresses routing to one port) become one, whose reason names every
     * cause: each but the last with its template file, the last through its cause.
     */
    private static List<Opening> sameRules(List<Opening> openings) {
        List<Opening> result = new ArrayList<>(openings.size());
        for (Opening o : openings) {
            int same = -1;
            for (int i = 0; i < result.size() && same < 0; i++) {
                Opening r = result.get(i);
                if (r.workload() == o.workload() && r.direction() == o.direction() && r.allowance() == o.allowance()
                        && r.peers().equals(o.peers()) && r.ports().size() == o.ports().size()
                        && r.ports().containsAll(o.ports())) {
                    same = i;
                }
            }
            if (same < 0) {
                result.add(o);
                continue;
            }
            Opening earlier = result.get(same);
            Reason a = earlier.reason();
            Reason b = o.reason();
            if (a.why().equals(b.why()) && a.cause() == b.cause()) {
                continue;
            }
            String why = a.why() + (a.source() == null ? "" : " (" + a.source() + ")") + "; and " + b.why();
            result.set(same, new Opening(earlier.allowance(), earlier.workload(), earlier.direction(), earlier.peers(),
                    earlier.ports(), new Reason(a.kind(), why, b.cause()), earlier.named()));
        }
        return List.copyOf(result);
    }

    /**
     * Openings of one workload, direction, peers and reason become one rule with all their ports (a webhook
     * configuration's several webhooks on one Service, a monitor's several endpoints).
     */
    private static List<Opening> merged(List<Opening> openings) {
        Map<Key, Integer> at = new HashMap<>();
        List<Opening> order = new ArrayList<>();
        for (Opening o : openings) {
            Key key = new Key(o);
            Integer i = at.get(key);
            if (i == null) {
                at.put(key, order.size());
                order.add(o);
                continue;
            }
            Opening earlier = order.get(i);
            List<PortRange> ports = new ArrayList<>(earlier.ports());
            for (PortRange p : o.ports()) {
                if (!ports.contains(p)) {
                    ports.add(p);
                }
            }
            if (earlier.ports().isEmpty() || o.ports().isEmpty()) {
                ports.clear(); // one of them opens every port
            }
            order.set(i, new Opening(o.allowance(), o.workload(), o.direction(), o.peers(), List.copyOf(ports),
                    o.reason(), o.named()));
        }
        return List.copyOf(order);
    }

    /** What makes two openings one rule: the same pods, direction, peers and reason (its document by identity). */
    private static final class Key {
        private final Opening o;

        Key(Opening o) {
            this.o = o;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Key k)) {
                return false;
            }
            Reason a = o.reason();
            Reason b = k.o.reason();
            return o.workload() == k.o.workload() && o.direction() == k.o.direction() && o.peers().equals(k.o.peers())
                    && a.kind().equals(b.kind()) && a.why().equals(b.why()) && a.cause() == b.cause();
        }

        @Override
        public int hashCode() {
            return (System.identityHashCode(o.workload()) * 31 + o.peers().hashCode()) * 31 + o.reason().why().hashCode();
        }
    }
}
