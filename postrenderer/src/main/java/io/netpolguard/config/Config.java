package io.netpolguard.config;

import io.netpolguard.model.WorkloadKind;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Settings that stay the same from run to run, usually kept in a file passed with {@code --config}.
 *
 * @param dns                where isolated pods may still resolve names; null to allow no DNS
 * @param exemptNamespaces   namespaces whose workloads are neither isolated nor checked
 * @param extraKinds         kinds beyond the built-in ones whose objects create pods
 * @param apiServer          where pods that use the Kubernetes API reach it
 * @param ingressControllers who may reach the backends of Ingresses and Gateway API routes
 * @param ingressProxy       where the release's own ingress or gateway controller may proxy to
 * @param monitoring         who scrapes metrics
 * @param allowances         the allowances that are on
 * @param flows              flows declared by the user
 * @param segregate          segregate the release's components: each workload reaches only the Services it uses,
 *                           instead of every pod of the release
 * @param coverUnknownKinds  objects of kinds neither built in nor in extraKinds that have a pod template are covered
 *                           as workloads; false: such an object is refused
 */
public record Config(DnsTarget dns, Set<String> exemptNamespaces, List<WorkloadKind> extraKinds, ApiServer apiServer,
                     List<ClusterPeer> ingressControllers, IngressProxy ingressProxy, ClusterPeer monitoring,
                     Set<Allowance> allowances, List<Flow> flows, boolean segregate, boolean coverUnknownKinds) {

    /**
     * What Welkin's Gatekeeper constraint exempts today (elastisys-require-networkpolicy, FACTS.md): Kubernetes' own
     * namespaces and calico-system. It also exempts namespaces labelled owner=operator, which a post-renderer cannot
     * see (Helm passes no Namespace object it did not render): name them here in the configuration.
     */
    public static final Set<String> DEFAULT_EXEMPT = Set.of("kube-system", "kube-public", "kube-node-lease",
            "calico-system");

    public static Config defaults() {
        return new Config(DnsTarget.KUBE_DNS, DEFAULT_EXEMPT, List.of(), ApiServer.DEFAULT,
                List.of(ClusterPeer.INGRESS_NGINX), IngressProxy.DEFAULT, ClusterPeer.PROMETHEUS,
                EnumSet.allOf(Allowance.class), List.of(), false, true);
    }

    /**
     * Built-in workload kinds followed by the configured ones; when unknown kinds are not to be covered, followed by
     * {@link WorkloadKind#NO_OTHERS}, which tells the reader to refuse them.
     */
    public List<WorkloadKind> workloadKinds() {
        List<WorkloadKind> all = new ArrayList<>(WorkloadKind.BUILT_IN);
        all.addAll(extraKinds);
        if (!coverUnknownKinds) {
            all.add(WorkloadKind.NO_OTHERS);
        }
        return all;
    }

    public boolean allows(Allowance allowance) {
        return allowances.contains(allowance);
    }

    /** The same configuration with some allowances turned off (the command line's --no-allowance). */
    public Config without(Set<Allowance> off) {
        Set<Allowance> on = EnumSet.noneOf(Allowance.class);
        on.addAll(allowances);
        on.removeAll(off);
        return new Config(dns, exemptNamespaces, extraKinds, apiServer, ingressControllers, ingressProxy, monitoring, on,
                flows, segregate, coverUnknownKinds);
    }

    /** The same configuration, segregated or not (the command line's --segregate turns it on). */
    public Config withSegregate(boolean on) {
        return new Config(dns, exemptNamespaces, extraKinds, apiServer, ingressControllers, ingressProxy, monitoring,
                allowances, flows, on, coverUnknownKinds);
    }
}
