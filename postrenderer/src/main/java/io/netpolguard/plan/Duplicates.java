package io.netpolguard.plan;

import io.netpolguard.error.InputException;
import io.netpolguard.model.Namespace;
import io.netpolguard.model.Scope;
import io.netpolguard.model.KubeObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses a stream that holds the same object twice (same kind, namespace and name): Kubernetes keeps one object
 * per name, so one of them would silently replace the other, and netpol-guard would check an object the cluster
 * never gets. Hooks count only against hooks of the same event, since Helm creates each event's hooks apart.
 */
public final class Duplicates {

    private Duplicates() {
    }

    public static void refuse(List<KubeObject> objects, Scope scope) {
        Map<String, List<KubeObject>> byKey = new HashMap<>();
        for (KubeObject o : objects) {
            if (o.name() == null) {
                continue;
            }
            List<KubeObject> same = byKey.computeIfAbsent(o.kind() + "\n" + scope.of(o) + "\n" + o.name(),
                    k -> new ArrayList<>());
            for (KubeObject earlier : same) {
                if (createdTogether(earlier, o)) {
                    throw duplicate(earlier, o, scope);
                }
            }
            same.add(o);
        }
    }

    private static boolean createdTogether(KubeObject a, KubeObject b) {
        if (a.isHook() != b.isHook()) {
            return false;
        }
        return !a.isHook() || a.hookEvents().stream().anyMatch(b.hookEvents()::contains);
    }

    private static InputException duplicate(KubeObject first, KubeObject second, Scope scope) {
        String name = first.kind() + " " + scope.qualify(first);
        String where = first.document() == second.document()
                ? "in " + first.document().describe()
                : "in " + first.document().describe() + " and in " + second.document().describe();
        return new InputException("The stream holds " + name + " twice, " + where + "; Kubernetes keeps one object"
                + " per kind, namespace and name, so one would silently replace the other.",
                "Check the chart for a template rendered twice (for example a subchart included twice) and give"
                        + " one of them another name.");
    }
}
