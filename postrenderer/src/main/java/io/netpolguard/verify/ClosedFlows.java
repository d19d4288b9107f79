package io.netpolguard.verify;

import io.netpolguard.config.Config;
import io.netpolguard.config.Flow;
import io.netpolguard.config.FlowYaml;
import io.netpolguard.config.WorkloadMatch;
import io.netpolguard.model.Direction;
import io.netpolguard.model.Labels;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.RawDocument;
import io.netpolguard.model.Scope;
import io.netpolguard.model.Service;
import io.netpolguard.model.Workload;
import io.netpolguard.model.WorkloadKind;
import io.netpolguard.plan.Plan;
import io.netpolguard.plan.segregate.UnreachedServices;

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

    /** The label a placeholder for the client's pods is written with, without label injection. */
    /** Where the advice leaves the client of a Service nothing reaches for the user to name. */
    static final String CLIENT = "CLIENT";

    private ClosedFlows() {
    }

    /**
     * @param manifest what was read
     * @param appended the generated policies' documents, as they will be written
     * @param kinds    the configuration's workload kinds, to read them back
     */
    public static List<ClosedFlow> judge(Manifest manifest, Scope scope, String release, Config config, Plan plan,
                                         List<RawDocument> appended, List<WorkloadKind> kinds) {
        List<ClosedFlow> closed = new ArrayList<>();
        if (!plan.outside().isEmpty()) { // only then does an engine class load
            closed.addAll(new OutsideFlows(manifest, scope, config, plan, appended, kinds).closed());
        }
        for (UnreachedServices.Unreached u : plan.unreached()) {
            closed.add(unreached(u, release, plan));
        }
        return List.copyOf(closed);
    }

    /**
     * A Service nothing reaches: the two flows that would open it from the workload that calls it, left for the user
     * to name ({@link #CLIENT}): out of the client's pods to the Service's, into the Service's from the client's.
     */
    private static ClosedFlow unreached(UnreachedServices.Unreached u, String release, Plan plan) {
        Service s = u.service();
        String name = s.object().name();
        List<String> behind = new ArrayList<>();
        for (Workload b : u.backends()) {
            behind.add(b.kind() + " " + b.name());
        }
        String description = CLIENT + " calls Service " + name;
        StringBuilder yaml = new StringBuilder(FlowYaml.entry(new Flow(description,
                new WorkloadMatch("Deployment", CLIENT, Map.of()), Direction.EGRESS,
                List.of(new Flow.Peer(List.of(), List.of(), null, null, null, s.selector())), u.ports()), 0));
        Workload backend = u.backends().get(0);
        // With label injection every pod of the release carries its workload's label; without, the client's own
        boolean injected = plan.podLabels().getOrDefault(backend, backend.podLabels()).containsKey(Labels.WORKLOAD);
        Map<String, String> client = injected ? Map.of(Labels.RELEASE, release, Labels.WORKLOAD, "deployment-" + CLIENT)
                : Map.of(OutsideFlows.NAME_LABEL, CLIENT);
        for (Workload b : u.backends()) {
            yaml.append(FlowYaml.entry(new Flow(description, new WorkloadMatch(b.kind(), b.name(), Map.of()),
                    Direction.INGRESS, List.of(new Flow.Peer(List.of(), List.of(), null, null, null, client)),
                    u.ports()), 0));
        }
        String ports = String.join(", ", s.portNames());
        String advice = "nothing reaches Service " + name + " on " + (ports.isEmpty() ? "its pods' ports" : ports)
                + " (pods of " + String.join(", ", behind) + "); if a component calls it by a name its manifests do"
                + " not show, declare the flow (replace " + CLIENT + " with the workload"
                + " that calls it, and Deployment" + (injected ? " and deployment-" : "") + " with its kind where it is"
                + " another" + (injected ? "" : "; in from:, use the labels of its pods") + ")";
        return new ClosedFlow(ClosedFlow.Kind.UNREACHED, backend, name, u.ports(),
                ports.isEmpty() ? "" : "ports " + ports, s.object().source(), advice, yaml.toString());
    }
}
