package io.netpolguard.plan;

import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.Namespace;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.PortRange;
import io.netpolguard.plan.allow.Reason;

import java.util.List;

/**
 * A NetworkPolicy netpol-guard will add.
 *
 * @param name         its name
 * @param namespace    its namespace; the release namespace is not written (Helm fills it in)
 * @param hookEvents   the Helm hook events it is created for; empty for a regular manifest
 * @param hookWeight   its hook weight (lower than every hook of the stream)
 * @param podSelector  the pods it isolates
 * @param ingress      whether it isolates them for ingress
 * @param egress       whether it isolates them for egress
 * @param ingressRules what it admits in (when {@code ingress})
 * @param egressRules  what it admits out (when {@code egress})
 * @param covers       the workloads it was generated for, e.g. "Deployment shop-web", for the report
 */
public record PolicySpec(String name, Namespace namespace, List<String> hookEvents, int hookWeight,
                         LabelSelector podSelector, boolean ingress, boolean egress, List<Rule> ingressRules,
                         List<Rule> egressRules, List<String> covers) {

    /**
     * One rule, and why it is there.
     *
     * @param peers  who it admits; empty for every source or destination
     * @param ports  on which ports; empty for every port
     * @param reason why
     */
    public record Rule(List<NetworkPolicy.Peer> peers, List<PortRange> ports, Reason reason) {
    }

    public boolean isHook() {
        return !hookEvents.isEmpty();
    }
}
