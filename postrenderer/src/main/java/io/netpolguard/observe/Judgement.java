package io.netpolguard.observe;

import io.netpolguard.error.InputException;
import io.netpolguard.analyze.Analyzer;
import io.netpolguard.analyze.Explain;
import io.netpolguard.analyze.Peer;
import io.netpolguard.config.Flow;
import io.netpolguard.config.WorkloadMatch;
import io.netpolguard.connectivity.AddressRange;
import io.netpolguard.connectivity.Endpoint;
import io.netpolguard.connectivity.Explanation;
import io.netpolguard.connectivity.Network;
import io.netpolguard.model.Direction;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.PodSpec;
import io.netpolguard.model.PortRange;
import io.netpolguard.model.Workload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The observed flows judged against the NetworkPolicies of manifests, with the one connectivity engine: which of
 * them the policies allow, which they deny and why (in {@code analyze explain}'s words), and for the denied ones the
 * declared flows that admit them, where netpol-guard's own policies are the ones that deny.
 */
public final class Judgement {

    /**
     * One observed flow the policies deny.
     *
     * @param workload    the input's workload it is listed under: the sender's, or the receiver's when the sender's
     *                    side allows it
     * @param source      the sender, as the connection list names peers
     * @param destination the receiver
     * @param connection  "TCP 443"
     * @param count       how many records showed it
     * @param why         per denying side, {@code analyze explain}'s lines
     * @param flows       the declared flows that admit it
     * @param notDeclared why a denying side has no declared flow (a chart's own policy, a peer outside the input)
     */
    public record Denied(String workload, String source, String destination, PortRange connection, long count,
                         List<String> why, List<Flow> flows, List<String> notDeclared) {
    }

    private final Observed observed;
    private final List<Denied> denied = new ArrayList<>();
    private long allowed;
    private long allowedRecords;
    private long outside;
    private long outsideRecords;

    private Judgement(Observed observed) {
        this.observed = observed;
    }

    /**
     * @param manifest         the manifests: the release as the post-renderer writes it, or any
     * @param defaultNamespace the namespace of objects that name none (the release namespace)
     * @param observed         the flows
     * @throws InputException when a policy's ipBlock holds no valid CIDR
     */
    public static Judgement of(Manifest manifest, String defaultNamespace, Observed observed) {
        Function<KubeObject, String> namespaceOf = o -> o.namespace() != null ? o.namespace() : defaultNamespace;
        Map<String, Map<String, String>> namespaces = new HashMap<>(manifest.namespaces());
        for (ObservedFlow f : observed.flows().keySet()) {
            for (FlowEnd e : List.of(f.source(), f.destination())) {
                if (e.isPod() && !e.namespaceLabels().isEmpty()) {
                    namespaces.putIfAbsent(e.namespace(), e.namespaceLabels());
                }
            }
        }
        Network network = Analyzer.network(manifest.policies(), namespaces, namespaceOf);
        Matcher matcher = new Matcher(manifest.workloads(), w -> namespaceOf.apply(w.object()));
        Judgement j = new Judgement(observed);
        Map<String, Pair> pairs = new LinkedHashMap<>();
        for (Map.Entry<ObservedFlow, long[]> e : observed.flows().entrySet()) {
            ObservedFlow f = e.getKey();
            Workload from = matcher.match(f.source());
            Workload to = matcher.match(f.destination());
            long count = e.getValue()[0];
            if (from == null && to == null) {
                j.outside++;
                j.outsideRecords += count;
                continue;
            }
            String source = name(f.source(), from, namespaceOf);
            String destination = name(f.destination(), to, namespaceOf);
            String key = source + " => " + destination + " " + f.protocol() + " " + f.port();
            pairs.computeIfAbsent(key, k -> new Pair(f, from, to, source, destination)).count += count;
        }
        for (Pair p : pairs.values()) {
            j.judge(p, network, matcher);
        }
        return j;
    }

    /** A sender, a receiver and a port, with every record that showed them. */
    private static final class Pair {
        final ObservedFlow flow;
        final Workload from;
        final Workload to;
        final String source;
        final String destination;
        long count;

        Pair(ObservedFlow flow, Workload from, Workload to, String source, String destination) {
            this.flow = flow;
            this.from = from;
            this.to = to;
            this.source = source;
            this.destination = destination;
        }
    }

    private void judge(Pair p, Network network, Matcher matcher) {
        Endpoint src = endpoint(p.flow.source(), p.from, network);
        Endpoint dst = endpoint(p.flow.destination(), p.to, network);
        Explanation e = network.explain(src, dst, p.flow.protocol(), p.flow.port());
        if (e.allowed()) {
            allowed++;
            allowedRecords += p.count;
            return;
        }
        PortRange connection = PortRange.of(p.flow.protocol(), p.flow.port());
        String description = "observed: " + p.source + " => " + p.destination;
        List<String> why = new ArrayList<>();
        List<Flow> flows = new ArrayList<>();
        List<String> notDeclared = new ArrayList<>();
        if (!e.egress().allows()) {
            why.add(Explain.side(network, e.egress(), "Egress from " + p.source, src, dst));
            declare(e.egress(), p.from, Direction.EGRESS, peer(p.flow.destination(), p.to, p.from, matcher), connection,
                    description, network, flows, notDeclared, p.source);
        }
        if (!e.ingress().allows()) {
            why.add(Explain.side(network, e.ingress(), "Ingress to " + p.destination, dst, src));
            declare(e.ingress(), p.to, Direction.INGRESS, peer(p.flow.source(), p.from, p.to, matcher), connection,
                    description, network, flows, notDeclared, p.destination);
        }
        boolean sendersSide = (p.from != null && !e.egress().allows()) || p.to == null;
        String workload = sendersSide ? p.source : p.destination;
        denied.add(new Denied(workload, p.source, p.destination, connection, p.count, why, flows, notDeclared));
    }

    /** The declared flow that opens one denying side, or why there is none. */
    private static void declare(Explanation.Side side, Workload selected, Direction direction, Flow.Peer peer,
                                PortRange connection, String description, Network network, List<Flow> flows,
                                List<String> notDeclared, String selectedName) {
        if (selected == null) {
            notDeclared.add("the " + direction.lowerName() + " side is " + selectedName + ", outside the input: its own"
                    + " policies decide, not this release's configuration");
            return;
        }
        List<String> chart = new ArrayList<>();
        for (NetworkPolicy policy : side.policies()) {
            if (!policy.isGenerated()) {
                chart.add("NetworkPolicy " + network.namespaceOf(policy.object()) + "/" + policy.object().name());
            }
        }
        if (!chart.isEmpty()) {
            notDeclared.add("only the chart's own " + String.join(", ", chart) + " could admit the "
                    + direction.lowerName() + " of " + selectedName + ": netpol-guard never widens a chart's policies");
            return;
        }
        if (peer == null) {
            notDeclared.add("the peer of " + selectedName + " cannot be named in a flow");
            return;
        }
        flows.add(new Flow(description, new WorkloadMatch(selected.kind(), selected.name(), Map.of()), direction,
                List.of(peer), List.of(connection)));
    }

    /**
     * The narrowest peer that names an end: the pods of a workload by their labels, in their namespace when it is
     * not the policy's; pods outside the input by their labels in their namespace (the namespace alone when the
     * log has no labels); an address as itself (/32, /128).
     */
    private static Flow.Peer peer(FlowEnd end, Workload w, Workload policyWorkload, Matcher matcher) {
        String policyNamespace = policyWorkload == null ? null : matcher.namespaceOf(policyWorkload);
        if (!end.isPod()) {
            String a = end.address();
            String cidr = a.indexOf('/') >= 0 ? a : a + (a.indexOf(':') >= 0 ? "/128" : "/32");
            return new Flow.Peer(List.of(cidr), List.of(), null, null, null, null);
        }
        String namespace = w != null ? matcher.namespaceOf(w) : end.namespace();
        Map<String, String> labels = w != null ? Labelling.stable(w.podLabels())
                : end.selector() ? end.labels() : Labelling.stable(end.labels());
        if (labels.isEmpty()) {
            return new Flow.Peer(List.of(), List.of(), null, namespace, null, null);
        }
        return new Flow.Peer(List.of(), List.of(), null, namespace.equals(policyNamespace) ? null : namespace, null,
                labels);
    }

    private static Endpoint endpoint(FlowEnd end, Workload w, Network network) {
        if (w != null) {
            return network.pods(w);
        }
        if (end.isPod()) {
            return new Endpoint.Pods(end.namespace(), end.labels(), PodSpec.NONE, null);
        }
        String a = end.address();
        return new Endpoint.Addresses(a.indexOf('/') >= 0 ? AddressRange.cidr(a) : AddressRange.address(a));
    }

    /** As the connection list names peers: "team-a/web[Deployment]"; others as the log tells them. */
    private static String name(FlowEnd end, Workload w, Function<KubeObject, String> namespaceOf) {
        if (w == null) {
            if (end.isPod() && !end.selector() && !end.labels().isEmpty()) {
                Map<String, String> stable = Labelling.stable(end.labels());
                return end.namespace() + "/[pods " + new TreeMap<>(stable) + "]";
            }
            return end.describe();
        }
        return Peer.Identity.of(w, namespaceOf).peerName();
    }

    /** The flow log read. */
    public Observed observed() {
        return observed;
    }

    /** The flows denied, in the order first observed. */
    public List<Denied> denied() {
        return List.copyOf(denied);
    }

    /** How many flows of the input's workloads the policies allow. */
    public long allowed() {
        return allowed;
    }

    /** How many records showed them. */
    public long allowedRecords() {
        return allowedRecords;
    }

    /** How many flows were between ends that are all outside the input (left out). */
    public long outside() {
        return outside;
    }

    public long outsideRecords() {
        return outsideRecords;
    }
}
