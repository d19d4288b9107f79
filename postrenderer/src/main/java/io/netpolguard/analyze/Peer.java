package io.netpolguard.analyze;

import io.netpolguard.connectivity.AddressRange;
import io.netpolguard.connectivity.Endpoint;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.Workload;
import io.netpolguard.model.WorkloadKind;

import java.util.List;
import java.util.function.Function;

/**
 * One end of the connections listed: a workload (its pods folded as np-guard folds them), a range of addresses
 * outside the cluster, or the ingress controller.
 *
 * @param name         as np-guard prints it: "team-a/web[Deployment]", "10.0.0.0-10.255.255.255[External]",
 *                     "{ingress-controller}"
 * @param kind         what it is
 * @param namespace    the workload's namespace; null for the others
 * @param workload     the workload's name ("web"), the range ("10.0.0.0-10.255.255.255") or "ingress-controller"
 * @param workloadKind the workload's kind ("Deployment", or a bare Pod's owner kind); null for the others
 * @param range        the addresses of an External peer; null for the others
 * @param pods         the distinct pods it stands for (one per label set and pod spec); empty for External peers
 * @param objects      the input objects folded into it; empty for the others
 */
public record Peer(String name, Kind kind, String namespace, String workload, String workloadKind,
                   AddressRange range, List<Endpoint.Pods> pods, List<Workload> objects) {

    public enum Kind { WORKLOAD, EXTERNAL, INGRESS_CONTROLLER }

    public static final String INGRESS_CONTROLLER = "{ingress-controller}";

    /**
     * Which workload peer an object of the input belongs to, as np-guard folds pods: its namespace, name and kind,
     * a bare Pod folded into its controlling owner ({@code [Pod]} when the reference names no kind; a Node owner
     * leaves the Pod itself).
     *
     * @param namespace the namespace
     * @param workload  the workload's name, or the owner's
     * @param kind      its kind, or the owner's
     */
    public record Identity(String namespace, String workload, String kind) {

        public static Identity of(Workload w, Function<KubeObject, String> namespaceOf) {
            Workload.Owner owner = w.owner();
            if (owner != null && !"Node".equals(owner.kind())) {
                return new Identity(namespaceOf.apply(w.object()), owner.name(),
                        owner.kind() == null ? WorkloadKind.POD : owner.kind());
            }
            return new Identity(namespaceOf.apply(w.object()), w.name(), w.kind());
        }

        /** The peer's name as np-guard prints it: "team-a/web[Deployment]". */
        public String peerName() {
            return namespace + "/" + workload + "[" + kind + "]";
        }
    }

    public Peer {
        pods = List.copyOf(pods);
        objects = List.copyOf(objects);
    }

    static Peer external(AddressRange range) {
        return new Peer(range + "[External]", Kind.EXTERNAL, null, range.toString(), null, range, List.of(), List.of());
    }

    /** Peers are equal when their names are: a name is unique within an analysis. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Peer p && name.equals(p.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    public boolean isExternal() {
        return kind == Kind.EXTERNAL;
    }

    @Override
    public String toString() {
        return name;
    }
}
