package io.netpolguard.analyze;

import io.netpolguard.connectivity.Connections;
import io.netpolguard.model.Backends;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.PortRange;
import io.netpolguard.model.Service;
import io.netpolguard.model.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A Service of the input that nothing in the input reaches: no peer listed (a workload, an External range, the
 * ingress controller) is allowed to reach its pods on any port it sends to. Not np-guard's: the formats show it only
 * with the exposure analysis, under a heading of its own, and the pictures mark its workloads.
 *
 * @param service  "team-a/books-recommender[Service]"
 * @param backends the workloads it sends to
 * @param ports    the pods' ports it sends to, np-guard's text ("TCP 8080")
 */
public record Unreached(String service, List<Peer> backends, String ports) {

    /** The heading of the section that lists them, in every format. */
    public static final String HEADING = "Services nothing in the input reaches (netpol-guard):";

    /** "team-a/books-recommender[Service] : TCP 8080 of team-a/books-recommender[Deployment]". */
    public String line() {
        return service + " : " + ports + " of " + String.join(", ", backends.stream().map(Peer::name).toList());
    }

    /** The Services of the input nothing in it reaches, in input order. */
    static List<Unreached> find(Manifest manifest, List<Peer> workloads, List<Connection> connections,
                                Function<KubeObject, String> namespaceOf) {
        List<Unreached> result = new ArrayList<>();
        for (Service s : manifest.services()) {
            if (s.object().name() == null || s.isExternalName() || s.selector() == null
                    || s.selector().isEmpty()) {
                continue;
            }
            String ns = namespaceOf.apply(s.object());
            List<Peer> backends = new ArrayList<>();
            Connections ports = Connections.NONE;
            boolean reached = false;
            for (Peer p : workloads) {
                Connections own = Connections.NONE;
                for (Workload w : p.objects()) {
                    if (ns.equals(p.namespace()) && s.selects(w.podLabels())) {
                        for (PortRange port : Backends.targets(s, w.pod())) {
                            own = own.union(Connections.of(port.protocol(), port.first()));
                        }
                    }
                }
                if (own.isEmpty()) {
                    continue;
                }
                backends.add(p);
                ports = ports.union(own);
                for (Connection c : connections) {
                    reached |= c.destination().equals(p) && !c.connections().intersect(own).isEmpty();
                }
            }
            if (!reached && !backends.isEmpty()) {
                result.add(new Unreached(ns + "/" + s.object().name() + "[Service]", List.copyOf(backends),
                        ports.toString()));
            }
        }
        return result;
    }
}
