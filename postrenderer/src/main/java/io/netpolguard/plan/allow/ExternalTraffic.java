package io.netpolguard.plan.allow;

import io.netpolguard.config.Allowance;
import io.netpolguard.model.ContainerPort;
import io.netpolguard.model.Direction;
import io.netpolguard.model.PortRange;
import io.netpolguard.model.Service;
import io.netpolguard.model.Workload;

import java.util.List;
import java.util.function.Consumer;

/**
 * Traffic from outside the cluster reaches the pods behind LoadBalancer and NodePort Services, Services with
 * external IPs, and container hostPorts, from any source: load balancers and kube-proxy rewrite the source to a
 * node address (and Cilium gives it the world identity), so only a rule without peers admits it everywhere.
 */
final class ExternalTraffic implements AllowanceRule {

    @Override
    public Allowance kind() {
        return Allowance.EXTERNAL_TRAFFIC;
    }

    @Override
    public void derive(Release release, Consumer<Opening> out) {
        for (Service s : release.manifest().services()) {
            if (!s.reachableFromOutside()) {
                continue;
            }
            String how = "LoadBalancer".equals(s.type()) || "NodePort".equals(s.type())
                    ? "is of type " + s.type() : "has externalIPs " + s.externalIPs();
            for (Service.Port port : s.ports()) {
                for (Release.Backend b : release.backends(s, port, s.object())) {
                    out.accept(opening(b.workload(), Direction.INGRESS, List.of(), List.of(b.port()), "Service "
                            + s.object().name() + " " + how + ": traffic from outside the cluster reaches its pods",
                            s.object()));
                }
            }
        }
        for (Workload w : release.workloads()) {
            for (ContainerPort p : w.pod().ports()) {
                if (p.hostPort() > 0) {
                    out.accept(opening(w, Direction.INGRESS, List.of(), List.of(PortRange.of(p.protocol(), p.port())),
                            "container "
                            + p.container() + " publishes port " + p.port() + " on the node's port " + p.hostPort(),
                            w.object()));
                }
            }
        }
    }
}
