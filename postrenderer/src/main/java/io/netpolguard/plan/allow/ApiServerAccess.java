package io.netpolguard.plan.allow;

import io.netpolguard.config.Allowance;
import io.netpolguard.config.ApiServer;
import io.netpolguard.config.WorkloadMatch;
import io.netpolguard.model.Binding;
import io.netpolguard.model.Direction;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.Workload;

import java.util.List;
import java.util.function.Consumer;

/**
 * Pods that use the Kubernetes API may reach the API server: those whose service account a RoleBinding or
 * ClusterRoleBinding of the release names (hook Jobs included), and those the configuration names. Without
 * {@code apiServer.cidrs}, egress on the API server's ports to any address: policies see the endpoint after the
 * {@code kubernetes} Service is translated, on the host network, which no pod or namespace selector matches on
 * every CNI.
 */
final class ApiServerAccess implements AllowanceRule {

    @Override
    public Allowance kind() {
        return Allowance.API_SERVER;
    }

    @Override
    public void derive(Release release, Consumer<Opening> out) {
        ApiServer api = release.config().apiServer();
        List<NetworkPolicy.Peer> peers = Peers.addresses(api.cidrs());
        String where = api.cidrs().isEmpty() ? "at any address (set apiServer.cidrs to narrow it)"
                : "at " + String.join(", ", api.cidrs());
        for (Workload w : release.workloads()) {
            Binding binding = release.bindingOf(w);
            String why;
            if (binding != null) {
                why = "its service account " + w.pod().serviceAccount() + " is bound by " + binding.object().kind()
                        + " " + binding.object().name() + " (" + binding.role() + "), so it uses the Kubernetes API, "
                        + where;
            } else {
                WorkloadMatch named = firstMatch(api.workloads(), w);
                if (named == null) {
                    continue;
                }
                why = "the configuration names it under apiServer.workloads (" + named.describe()
                        + "), so it uses the Kubernetes API, " + where;
            }
            out.accept(opening(w, Direction.EGRESS, peers, api.ports(), why,
                    binding == null ? null : binding.object()));
        }
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
