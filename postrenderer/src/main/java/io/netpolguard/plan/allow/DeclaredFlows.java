package io.netpolguard.plan.allow;

import io.netpolguard.config.Allowance;
import io.netpolguard.config.Flow;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Flows the configuration declares ({@code flows:}), for what no manifest says. */
final class DeclaredFlows implements AllowanceRule {

    @Override
    public Allowance kind() {
        return Allowance.DECLARED;
    }

    @Override
    public void derive(Release release, Consumer<Opening> out) {
        List<Flow> flows = release.config().flows();
        for (int i = 0; i < flows.size(); i++) {
            Flow f = flows.get(i);
            List<NetworkPolicy.Peer> peers = new ArrayList<>();
            f.peers().forEach(p -> peers.addAll(Peers.of(p)));
            String why = "declared in the configuration as flows[" + i + "]"
                    + (f.description() == null ? "" : ": " + f.description());
            boolean any = false;
            for (Workload w : release.workloads()) {
                if (f.workload() == null || f.workload().matches(w)) {
                    any = true;
                    out.accept(opening(w, f.direction(), List.copyOf(peers), f.ports(), why, null));
                }
            }
            if (!any) {
                release.warnings().accept("The configuration's flows[" + i + "] names "
                        + (f.workload() == null ? "every workload" : f.workload().describe())
                        + ", and the release has no such workload whose pods NetworkPolicies govern; it opens nothing.");
            }
        }
    }
}
