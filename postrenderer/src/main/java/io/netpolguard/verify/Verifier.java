package io.netpolguard.verify;

import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.Namespace;
import io.netpolguard.model.Workload;
import io.netpolguard.model.Scope;
import io.netpolguard.model.Selection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies the admission rule platforms enforce (Gatekeeper's require-networkpolicy): every workload outside
 * the exempt namespaces must be selected by at least one NetworkPolicy of its namespace.
 */
public final class Verifier {

    /**
     * A NetworkPolicy of the output, as far as selection goes.
     *
     * @param namespace    its namespace (see {@link Scope#of})
     */
    public record Policy(Namespace namespace, String name, LabelSelector podSelector, boolean ingress,
                         boolean egress) {
    }

    private final Scope scope;

    public Verifier(Scope scope) {
        this.scope = scope;
    }

    /** The coverage of every in-scope workload, in stream order. */
    public List<Coverage> verify(Map<Workload, Map<String, String>> podLabels, List<Policy> policies) {
        List<Coverage> result = new ArrayList<>();
        podLabels.forEach((w, labels) -> {
            Namespace ns = scope.of(w.object());
            List<String> selectedBy = new ArrayList<>();
            List<String> ingress = new ArrayList<>();
            List<String> egress = new ArrayList<>();
            for (Policy p : policies) {
                if (Selection.selects(p.namespace(), p.podSelector(), ns, labels)) {
                    selectedBy.add(p.name());
                    if (p.ingress()) {
                        ingress.add(p.name());
                    }
                    if (p.egress()) {
                        egress.add(p.name());
                    }
                }
            }
            result.add(new Coverage(w, scope.name(ns), labels, selectedBy, ingress,
                    egress));
        });
        return result;
    }
}
