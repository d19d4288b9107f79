package io.netpolguard.connectivity;

import io.netpolguard.model.LabelSelector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Label selectors compared by what they require rather than how they are written, as apimachinery's
 * {@code Requirement.String()} does: {@code app=web} and {@code app In [web]} are the same requirement.
 */
public final class Selectors {

    private Selectors() {
    }

    /**
     * The selector's requirements in canonical form, sorted: "key=value" (matchLabels, or In with one value),
     * "key in (a,b)", "key notin (a,b)", "key" (Exists), "!key" (DoesNotExist). Empty for null and for {@code {}}.
     */
    public static List<String> requirements(LabelSelector selector) {
        List<String> result = new ArrayList<>();
        if (selector == null) {
            return result;
        }
        for (Map.Entry<String, String> e : selector.matchLabels().entrySet()) {
            result.add(e.getKey() + "=" + e.getValue());
        }
        for (LabelSelector.Requirement r : selector.expressions()) {
            String values = String.join(",", new TreeSet<>(r.values()));
            result.add(switch (r.operator()) {
                case IN -> r.values().size() == 1 ? r.key() + "=" + r.values().get(0) : r.key() + " in (" + values + ")";
                case NOT_IN -> r.key() + " notin (" + values + ")";
                case EXISTS -> r.key();
                case DOES_NOT_EXIST -> "!" + r.key();
            });
        }
        result.sort(null);
        return result;
    }

    /** True when both selectors require the same (null and {@code {}} require nothing). */
    public static boolean sameRequirements(LabelSelector a, LabelSelector b) {
        return requirements(a).equals(requirements(b));
    }
}
