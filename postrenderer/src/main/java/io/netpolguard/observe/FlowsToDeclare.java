package io.netpolguard.observe;

import io.netpolguard.config.Flow;
import io.netpolguard.config.FlowYaml;
import io.netpolguard.model.PortRange;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The declared flows that admit what was denied, one entry per workload, direction and peer with every port
 * observed, grouped by workload in the order first observed; written with {@link FlowYaml}, the one renderer of
 * {@code flows:} entries.
 */
public final class FlowsToDeclare {

    private FlowsToDeclare() {
    }

    /** The flows of the denied flows, merged. */
    public static List<Flow> of(List<Judgement.Denied> denied) {
        Map<String, List<Flow>> byWorkload = new LinkedHashMap<>();
        for (Judgement.Denied d : denied) {
            for (Flow f : d.flows()) {
                List<Flow> list = byWorkload.computeIfAbsent(f.workload().kind() + "/" + f.workload().name(),
                        k -> new ArrayList<>());
                int same = -1;
                for (int i = 0; i < list.size(); i++) {
                    Flow g = list.get(i);
                    if (g.direction() == f.direction() && g.peers().equals(f.peers())
                            && Objects.equals(g.description(), f.description())) {
                        same = i;
                    }
                }
                if (same < 0) {
                    list.add(f);
                    continue;
                }
                Flow g = list.get(same);
                List<PortRange> ports = new ArrayList<>(g.ports());
                f.ports().stream().filter(p -> !ports.contains(p)).forEach(ports::add);
                list.set(same, new Flow(g.description(), g.workload(), g.direction(), g.peers(), List.copyOf(ports)));
            }
        }
        List<Flow> result = new ArrayList<>();
        byWorkload.values().forEach(result::addAll);
        return result;
    }

    /** The entries, ready to paste under {@code flows:} (each "- " at {@code indent} spaces). */
    public static String yaml(List<Flow> flows, int indent) {
        StringBuilder out = new StringBuilder();
        for (Flow f : flows) {
            out.append(FlowYaml.entry(f, indent));
        }
        return out.toString();
    }
}
