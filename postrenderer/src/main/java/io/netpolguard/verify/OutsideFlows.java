package io.netpolguard.verify;

import io.netpolguard.config.Config;
import io.netpolguard.config.DnsTarget;
import io.netpolguard.config.Flow;
import io.netpolguard.config.FlowYaml;
import io.netpolguard.config.WorkloadMatch;
import io.netpolguard.connectivity.AddressRange;
import io.netpolguard.connectivity.Connections;
import io.netpolguard.connectivity.Endpoint;
import io.netpolguard.connectivity.Network;
import io.netpolguard.model.Direction;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.PodSpec;
import io.netpolguard.model.PortRange;
import io.netpolguard.model.Protocol;
import io.netpolguard.model.RawDocument;
import io.netpolguard.model.Scope;
import io.netpolguard.model.Workload;
import io.netpolguard.model.WorkloadKind;
import io.netpolguard.plan.Plan;
import io.netpolguard.plan.segregate.OutsideAddress;
import io.netpolguard.read.ManifestReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The addresses outside the release that the policies as written close, judged with the connectivity engine over
 * the chart's policies and the generated ones, from the workload's pods (with their planned labels): a Service of
 * another namespace as a pod with the labels the advice guesses, an IP address as itself, a host name as every
 * address (it is open where a rule admits them all, or where a declared flow of the workload names the host in
 * its description: its addresses are the user's to know).
 */
final class OutsideFlows {

    /** The label the advice guesses for the pods of a Service of another namespace. */
    static final String NAME_LABEL = "app.kubernetes.io/name";

    private final Scope scope;
    private final Config config;
    private final Plan plan;
    private final Network network;

    OutsideFlows(Manifest manifest, Scope scope, Config config, Plan plan, List<RawDocument> appended,
                 List<WorkloadKind> kinds) {
        this.scope = scope;
        this.config = config;
        this.plan = plan;
        List<NetworkPolicy> policies = new ArrayList<>(manifest.policies());
        if (!appended.isEmpty()) { // none on a second run: the policies of the first are in the input
            policies.addAll(ManifestReader.forPartOf(kinds, 0).read(appended).policies());
        }
        this.network = new Network(policies, manifest.namespaces(), o -> scope.engineName(scope.of(o)));
    }

    /** The closed ones, in order. */
    List<ClosedFlow> closed() {
        List<ClosedFlow> closed = new ArrayList<>();
        for (OutsideAddress a : plan.outside()) {
            ClosedFlow c = outside(a);
            if (c != null) {
                closed.add(c);
            }
        }
        return closed;
    }

    /** The address as a closed flow, or null when the policies let the workload's pods reach it. */
    private ClosedFlow outside(OutsideAddress a) {
        Workload w = a.workload();
        Map<String, String> labels = plan.podLabels().getOrDefault(w, w.podLabels());
        Endpoint.Pods from = new Endpoint.Pods(scope.engineName(scope.of(w.object())), labels, w.pod(), w);
        List<PortRange> ports = a.port() == 0 ? List.of() : List.of(PortRange.tcp(a.port()));
        Flow.Peer peer;
        Endpoint to;
        String advice;
        switch (a.kind()) {
            case SERVICE -> {
                Map<String, String> guess = guess(a);
                peer = new Flow.Peer(List.of(), List.of(), null, a.namespace(), null, guess);
                to = new Endpoint.Pods(scope.engineName(scope.of(a.namespace())), guess, PodSpec.NONE, null);
                advice = "Service " + a.host() + " of namespace " + a.namespace() + ", not in the release; the pod"
                        + " labels below are a guess from its name: use those of its selector, and its pods' port"
                        + " where its targetPort differs";
            }
            case IP -> {
                peer = new Flow.Peer(List.of(a.host() + "/32"), List.of(), null, null, null, null);
                to = new Endpoint.Addresses(AddressRange.address(a.host()));
                advice = "address " + a.host() + ", outside the release";
            }
            default -> {
                peer = new Flow.Peer(List.of("CIDR-of-" + a.host()), List.of(), null, null, null, null);
                to = new Endpoint.Addresses(AddressRange.cidr("0.0.0.0/0"));
                advice = "host " + a.host() + ", outside the cluster, whose addresses netpol-guard cannot know:"
                        + " replace CIDR-of-" + a.host() + " with its CIDRs (keep " + a.host() + " in the"
                        + " description)";
            }
        }
        if (isOpen(network.egress(from, to), a.port()) || a.kind() == OutsideAddress.Kind.HOST && declared(a)) {
            return null;
        }
        if (a.port() == 0) {
            advice += "; no port is written with it: replace PORT with the one it uses";
        }
        Flow flow = new Flow("calls " + a.text() + ": " + a.where(), new WorkloadMatch(w.kind(), w.name(),
                Map.of()), Direction.EGRESS, List.of(peer), ports);
        String yaml = FlowYaml.entry(flow, 0).replace("ports: []", "ports: [PORT]");
        ClosedFlow.Kind kind = switch (a.kind()) {
            case SERVICE -> ClosedFlow.Kind.SERVICE;
            case IP -> ClosedFlow.Kind.ADDRESS;
            case HOST -> ClosedFlow.Kind.HOST;
        };
        return new ClosedFlow(kind, w, a.text(), ports, a.where(), a.document().source(), advice, yaml);
    }

    /**
     * The labels of a Service's pods, as the advice guesses them: cluster DNS's where it is the configured DNS
     * Service (its namespace, and its port or "dns" in its name), else {@code app.kubernetes.io/name} with its name.
     */
    private Map<String, String> guess(OutsideAddress a) {
        DnsTarget dns = config.dns();
        if (dns != null && dns.namespace().equals(a.namespace()) && (a.port() == dns.port() || a.host().contains("dns"))) {
            return dns.podLabels();
        }
        return Map.of(NAME_LABEL, a.host());
    }

    private static boolean isOpen(Connections allowed, int port) {
        return port == 0 ? !allowed.isEmpty() : allowed.contains(Protocol.TCP, port);
    }

    /** Whether a declared flow out of the workload's pods names the host in its description, on its port. */
    private boolean declared(OutsideAddress a) {
        for (Flow f : config.flows()) {
            if (f.direction() == Direction.INGRESS || f.description() == null || !f.description().contains(a.host())
                    || f.workload() != null && !f.workload().matches(a.workload())) {
                continue;
            }
            if (a.port() == 0 || f.ports().isEmpty()) {
                return true;
            }
            for (PortRange r : f.ports()) {
                if (r.protocol() == Protocol.TCP && r.first() <= a.port() && a.port() <= r.last()) {
                    return true;
                }
            }
        }
        return false;
    }
}
