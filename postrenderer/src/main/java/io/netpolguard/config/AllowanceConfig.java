package io.netpolguard.config;

import io.netpolguard.model.Direction;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the configuration keys of the allowances: apiServer, ingressControllers, ingressProxy, monitoring, allowances,
 * flows.
 */
final class AllowanceConfig {

    private final ConfigValues values;

    AllowanceConfig(ConfigValues values) {
        this.values = values;
    }

    ApiServer apiServer(Object o) {
        if (o == null) {
            return ApiServer.DEFAULT;
        }
        Map<String, Object> m = values.map(o, "apiServer");
        values.known(m, "apiServer", "cidrs", "ports", "workloads");
        List<WorkloadMatch> workloads = new ArrayList<>();
        for (Object w : values.list(m.get("workloads"), "apiServer.workloads")) {
            workloads.add(workload(w, "apiServer.workloads[]"));
        }
        return new ApiServer(values.cidrs(m.get("cidrs"), "apiServer.cidrs"),
                m.containsKey("ports") ? values.ports(m.get("ports"), "apiServer.ports") : ApiServer.DEFAULT.ports(),
                List.copyOf(workloads));
    }

    List<ClusterPeer> ingressControllers(Object o) {
        List<ClusterPeer> peers = new ArrayList<>();
        for (Object item : values.list(o, "ingressControllers")) {
            peers.add(clusterPeer(item, "ingressControllers[]"));
        }
        return List.copyOf(peers);
    }

    IngressProxy ingressProxy(Object o) {
        if (o == null) {
            return IngressProxy.DEFAULT;
        }
        String path = "ingressProxy";
        Map<String, Object> m = values.map(o, path);
        values.known(m, path, "namespaces", "namespaceLabels", "ports", "workloads");
        List<WorkloadMatch> workloads = new ArrayList<>();
        for (Object w : values.list(m.get("workloads"), path + ".workloads")) {
            workloads.add(workload(w, path + ".workloads[]"));
        }
        Map<String, String> namespaceLabels = values.optionalLabels(m, "namespaceLabels", path);
        if (namespaceLabels != null && namespaceLabels.isEmpty()) {
            throw values.error("has empty namespaceLabels at " + path + " (every namespace is the default: leave the"
                    + " key out)");
        }
        return new IngressProxy(List.copyOf(values.strings(m.get("namespaces"), path + ".namespaces")),
                namespaceLabels, values.list(m.get("ports"), path + ".ports").isEmpty() ? List.of() // every port
                        : values.ports(m.get("ports"), path + ".ports"),
                List.copyOf(workloads));
    }

    ClusterPeer clusterPeer(Object o, String path) {
        Map<String, Object> m = values.map(o, path);
        values.known(m, path, "namespace", "podLabels", "cidrs");
        List<String> cidrs = values.cidrs(m.get("cidrs"), path + ".cidrs");
        if (!cidrs.isEmpty() && (m.containsKey("namespace") || m.containsKey("podLabels"))) {
            throw values.error("names both cidrs and pods at " + path + "; give one entry each");
        }
        Map<String, String> labels = Objects.requireNonNullElse(values.optionalLabels(m, "podLabels", path), Map.of());
        return new ClusterPeer(values.optionalString(m, "namespace", path), labels, cidrs);
    }

    Set<Allowance> switches(Object o) {
        Set<Allowance> on = EnumSet.allOf(Allowance.class);
        if (o == null) {
            return on;
        }
        Map<String, Object> m = values.map(o, "allowances");
        for (Map.Entry<String, Object> e : m.entrySet()) {
            Allowance a = Allowance.of(e.getKey());
            if (a == null || !a.isSwitch()) {
                throw values.error("has the unknown key \"allowances." + e.getKey() + "\" (known: " + switchNames() + ")");
            }
            if (!(e.getValue() instanceof Boolean b)) {
                throw values.error("needs true or false at allowances." + e.getKey());
            }
            if (!b) {
                on.remove(a);
            }
        }
        return on;
    }

    /** "apiServer, externalTraffic, ingressRoutes, monitoring, webhooks". */
    static String switchNames() {
        return String.join(", ", EnumSet.allOf(Allowance.class).stream().filter(Allowance::isSwitch)
                .map(Allowance::key).sorted().toList());
    }

    List<Flow> flows(Object o) {
        List<Flow> flows = new ArrayList<>();
        List<?> items = values.list(o, "flows");
        for (int i = 0; i < items.size(); i++) {
            flows.add(flow(items.get(i), "flows[" + i + "]"));
        }
        return List.copyOf(flows);
    }

    private Flow flow(Object o, String path) {
        Map<String, Object> m = values.map(o, path);
        values.known(m, path, "description", "workload", "from", "to", "ports");
        boolean from = m.containsKey("from");
        if (from == m.containsKey("to")) {
            throw values.error("needs either from: (traffic into the release's pods) or to: (traffic out of them)"
                    + " at " + path);
        }
        Direction direction = from ? Direction.INGRESS : Direction.EGRESS;
        String field = direction.peerField();
        List<Flow.Peer> peers = new ArrayList<>();
        for (Object p : values.list(m.get(field), path + "." + field)) {
            peers.add(peer(p, path + "." + field + "[]"));
        }
        if (peers.isEmpty()) {
            throw values.error("needs at least one peer at " + path + "." + field
                    + " (netpol-guard opens no flow to everyone)");
        }
        return new Flow(values.optionalString(m, "description", path),
                m.get("workload") == null ? null : workload(m.get("workload"), path + ".workload"), direction,
                List.copyOf(peers), values.ports(m.get("ports"), path + ".ports"));
    }

    private Flow.Peer peer(Object o, String path) {
        Map<String, Object> m = values.map(o, path);
        values.known(m, path, "cidrs", "except", "release", "namespace", "namespaceLabels", "podLabels");
        List<String> cidrs = values.cidrs(m.get("cidrs"), path + ".cidrs");
        List<String> except = values.cidrs(m.get("except"), path + ".except");
        String release = values.optionalString(m, "release", path);
        String namespace = values.optionalString(m, "namespace", path);
        Map<String, String> namespaceLabels = values.optionalLabels(m, "namespaceLabels", path);
        Map<String, String> podLabels = values.optionalLabels(m, "podLabels", path);
        boolean pods = release != null || namespace != null || namespaceLabels != null || podLabels != null;
        if (cidrs.isEmpty() == !pods) {
            throw values.error("needs either cidrs (addresses) or pods (release, namespace, namespaceLabels,"
                    + " podLabels) at " + path);
        }
        for (String e : except) {
            if (cidrs.stream().noneMatch(c -> Cidr.contains(c, e))) {
                throw values.error("has the except " + e + " at " + path + ", which lies inside none of its cidrs");
            }
        }
        if (namespace != null && namespaceLabels != null) {
            throw values.error("names both namespace and namespaceLabels at " + path + "; use one");
        }
        if (release != null && podLabels != null) {
            throw values.error("names both release and podLabels at " + path + "; a release's pods are selected"
                    + " by its netpol-guard.io/release label");
        }
        return new Flow.Peer(cidrs, except, release, namespace, namespaceLabels, podLabels);
    }

    private WorkloadMatch workload(Object o, String path) {
        Map<String, Object> m = values.map(o, path);
        values.known(m, path, "kind", "name", "podLabels");
        String name = values.optionalString(m, "name", path);
        Map<String, String> labels = Objects.requireNonNullElse(values.optionalLabels(m, "podLabels", path), Map.of());
        if (name == null && labels.isEmpty()) {
            throw values.error("needs a name (and kind) or podLabels at " + path);
        }
        return new WorkloadMatch(values.optionalString(m, "kind", path), name, labels);
    }
}
