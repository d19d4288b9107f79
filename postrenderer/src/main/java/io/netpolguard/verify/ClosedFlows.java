package io.netpolguard.verify;

import io.netpolguard.config.Config;
import io.netpolguard.config.Flow;
import io.netpolguard.config.FlowYaml;
import io.netpolguard.config.WorkloadMatch;
import io.netpolguard.config.Words;
import io.netpolguard.connectivity.AddressRange;
import io.netpolguard.connectivity.Connections;
import io.netpolguard.connectivity.Endpoint;
import io.netpolguard.connectivity.Network;
import io.netpolguard.model.Labels;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.PodSpec;
import io.netpolguard.model.PortRange;
import io.netpolguard.model.Protocol;
import io.netpolguard.model.RawDocument;
import io.netpolguard.model.Scope;
import io.netpolguard.model.Service;
import io.netpolguard.model.Workload;
import io.netpolguard.model.WorkloadKind;
import io.netpolguard.plan.Plan;
import io.netpolguard.plan.segregate.OutsideAddress;
import io.netpolguard.plan.segregate.UnreachedServices;
import io.netpolguard.read.ManifestReader;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which flows the documents show are closed by the policies as they will be written: an address outside the release
 * is judged with the connectivity engine over the chart's policies and the generated ones (a Service of another
 * namespace as a pod with the labels the advice guesses, an IP address as itself, a host name as any address, or
 * open where a declared flow of the workload names it in its description); a Service nothing reaches is the plan's
 * ({@link UnreachedServices}). Each closed one comes with the declared flow that would open it.
 */
public final class ClosedFlows {

    /** The name policies see for the release namespace when it was not given (as {@link ChartNetwork}'s). */
    private static final String UNNAMED_NAMESPACE = ChartNetwork.UNNAMED_NAMESPACE;
    /** The label the advice guesses for the pods of a Service of another namespace. */
    static final String NAME_LABEL = "app.kubernetes.io/name";
    /** Where the advice leaves the client of a Service nothing reaches for the user to name. */
    static final String CLIENT = "CLIENT";

    private final Scope scope;
    private final String release;
    private final Config config;
    private final Plan plan;

    private ClosedFlows(Scope scope, String release, Config config, Plan plan) {
        this.scope = scope;
        this.release = release;
        this.config = config;
        this.plan = plan;
    }

    /**
     * @param manifest what was read
     * @param appended the generated policies' documents, as they will be written
     * @param kinds    the configuration's workload kinds, to read them back
     */
    public static List<ClosedFlow> judge(Manifest manifest, Scope scope, String release, Config config, Plan plan,
                                         List<RawDocument> appended, List<WorkloadKind> kinds, Words words) {
        if (plan.outside().isEmpty() && plan.unreached().isEmpty()) {
            return List.of(); // no engine class loads
        }
        ClosedFlows judge = new ClosedFlows(scope, release, config, plan);
        List<ClosedFlow> closed = new ArrayList<>();
        if (!plan.outside().isEmpty()) {
            List<NetworkPolicy> policies = new ArrayList<>(manifest.policies());
            policies.addAll(ManifestReader.forPartOf(kinds, 0).read(appended).policies());
            Network network = new Network(policies, manifest.namespaces(), o -> judge.namespace(scope.key(o)));
            for (OutsideAddress a : plan.outside()) {
                ClosedFlow c = judge.outside(network, a);
                if (c != null) {
                    closed.add(c);
                }
            }
        }
        for (UnreachedServices.Unreached u : plan.unreached()) {
            closed.add(judge.unreached(u, words));
        }
        return List.copyOf(closed);
    }

    private String namespace(String key) {
        String name = scope.name(key);
        return name == null ? UNNAMED_NAMESPACE : name;
    }

    /** The address as a closed flow, or null when the policies let the workload's pods reach it. */
    private ClosedFlow outside(Network network, OutsideAddress a) {
        Workload w = a.workload();
        Map<String, String> labels = plan.podLabels().getOrDefault(w, w.podLabels());
        Endpoint.Pods from = new Endpoint.Pods(namespace(scope.key(w.object())), labels, w.pod(), w);
        List<PortRange> ports = a.port() == 0 ? List.of() : List.of(PortRange.tcp(a.port()));
        Flow.Peer peer;
        Endpoint to;
        String advice;
        switch (a.kind()) {
            case SERVICE -> {
                Map<String, String> guess = Map.of(NAME_LABEL, a.host());
                peer = new Flow.Peer(List.of(), List.of(), null, a.namespace(), null, guess);
                to = new Endpoint.Pods(namespace(scope.key(a.namespace())), guess, PodSpec.NONE, null);
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
                Map.of()), false, List.of(peer), ports);
        String yaml = FlowYaml.entry(flow, 0).replace("ports: []", "ports: [PORT]");
        ClosedFlow.Kind kind = switch (a.kind()) {
            case SERVICE -> ClosedFlow.Kind.SERVICE;
            case IP -> ClosedFlow.Kind.ADDRESS;
            case HOST -> ClosedFlow.Kind.HOST;
        };
        return new ClosedFlow(kind, w, a.text(), ports, a.where(), a.document().source(), advice, yaml);
    }

    private static boolean isOpen(Connections allowed, int port) {
        return port == 0 ? !allowed.isEmpty() : allowed.contains(Protocol.TCP, port);
    }

    /** Whether a declared flow out of the workload's pods names the host in its description, on its port. */
    private boolean declared(OutsideAddress a) {
        for (Flow f : config.flows()) {
            if (f.ingress() || f.description() == null || !f.description().contains(a.host())
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

    /**
     * A Service nothing reaches: the two flows that would open it from the workload that calls it, left for the user
     * to name ({@link #CLIENT}): out of the client's pods to the Service's, into the Service's from the client's.
     */
    private ClosedFlow unreached(UnreachedServices.Unreached u, Words words) {
        Service s = u.service();
        String name = s.object().name();
        List<String> behind = new ArrayList<>();
        for (Workload b : u.backends()) {
            behind.add(b.kind() + " " + b.name());
        }
        String description = CLIENT + " calls Service " + name;
        StringBuilder yaml = new StringBuilder(FlowYaml.entry(new Flow(description,
                new WorkloadMatch("Deployment", CLIENT, Map.of()), false, List.of(new Flow.Peer(List.of(), List.of(),
                null, null, null, s.selector())), u.ports()), 0));
        Map<String, String> client = Map.of(Labels.RELEASE, release, Labels.WORKLOAD, "deployment-" + CLIENT);
        for (Workload b : u.backends()) {
            yaml.append(FlowYaml.entry(new Flow(description, new WorkloadMatch(b.kind(), b.name(), Map.of()), true,
                    List.of(new Flow.Peer(List.of(), List.of(), null, null, null, client)), u.ports()), 0));
        }
        String ports = String.join(", ", s.portNames());
        String advice = "nothing reaches Service " + name + " on " + (ports.isEmpty() ? "its pods' ports" : ports)
                + " (pods of " + String.join(", ", behind) + "); if a component calls it by a name its manifests do"
                + " not show, declare the flow " + words.segregated() + " (replace " + CLIENT + " with the workload"
                + " that calls it, and Deployment and deployment- with its kind where it is another)";
        return new ClosedFlow(ClosedFlow.Kind.UNREACHED, u.backends().get(0), name, u.ports(),
                ports.isEmpty() ? "" : "ports " + ports, s.object().source(), advice, yaml.toString());
    }
}
