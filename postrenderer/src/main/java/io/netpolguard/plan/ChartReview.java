package io.netpolguard.plan;

import io.netpolguard.model.Scope;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.Workload;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the user should know about a chart as written, whether or not netpol-guard adds anything: chart policies
 * that admit traffic from or to outside the release, and pods that NetworkPolicies cannot govern.
 */
public final class ChartReview {

    private ChartReview() {
    }

    /**
     * @param chartPolicies the chart's own NetworkPolicies (not the ones netpol-guard generated)
     * @param inScope       the workloads the platform's rule applies to
     */
    public static List<String> warnings(List<NetworkPolicy> chartPolicies, List<Workload> inScope, Scope scope) {
        List<String> warnings = new ArrayList<>();
        openings(chartPolicies, scope, warnings);
        for (Workload w : inScope) {
            if (w.hostNetwork()) {
                warnings.add(w.describe() + " runs its pods with hostNetwork: true; NetworkPolicies do not apply"
                        + " to them, so they are not isolated.");
            }
        }
        return warnings;
    }

    private static void openings(List<NetworkPolicy> chartPolicies, Scope scope, List<String> warnings) {
        for (NetworkPolicy p : chartPolicies) {
            KubeObject o = p.object();
            String who = "NetworkPolicy " + scope.qualify(scope.key(o), o.name());
            Set<String> openings = new LinkedHashSet<>();
            if (p.ingress()) {
                p.ingressRules().forEach(rule -> openings(rule, "ingress from", openings));
            }
            if (p.egress()) {
                p.egressRules().forEach(rule -> openings(rule, "egress to", openings));
            }
            openings.remove(null);
            for (String opening : openings) {
                warnings.add(who + " (from the chart) admits " + opening + ", outside the release.");
            }
        }
    }

    private static void openings(NetworkPolicy.Rule rule, String direction, Set<String> openings) {
        if (rule.anyPeer()) {
            openings.add(direction + " anywhere (a rule without peers)");
        }
        rule.peers().forEach(peer -> openings.add(opening(peer, direction)));
    }

    private static String opening(NetworkPolicy.Peer peer, String direction) {
        if (peer.ipBlock() != null) {
            return direction + " IP block " + peer.ipBlock().cidr();
        }
        if (peer.namespaceSelector() != null) {
            return direction + (peer.namespaceSelector().isEmpty() ? " pods of any namespace"
                    : " pods of the namespaces {" + peer.namespaceSelector() + "}");
        }
        if (peer.podSelector() != null && peer.podSelector().isEmpty()) {
            return direction + " any pod of the namespace";
        }
        return null;
    }
}
