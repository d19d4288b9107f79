package io.netpolguard.connectivity;

import io.netpolguard.model.LabelSelector;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Label selectors compared by what they require rather than how they are written, as apimachinery's
 * {@code Requirement.String()} does: {@code app=web} and {@code app In [web]} are the same requirement.
 */
public final class Selectors {

    private Selectors() {
    }

    /**
     * The selector's requirements in canonical form, to compare selectors by what they require: each as
     * {@link LabelSelector.Requirement#toString()} writes it, but "key=value" for a matchLabels entry and for In with
     * one value (they require the same), sorted. Empty for null and for {@code {}}. The text a selector is shown by
     * is {@link LabelSelector#toString()}.
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
            boolean oneValue = r.operator() == LabelSelector.Operator.IN && r.values().size() == 1;
            result.add(oneValue ? r.key() + "=" + r.values().get(0) : r.toString());
        }
        result.sort(null);
        return result;
    }

    /** True when both selectors require the same (null and {@code {}} require nothing). */
    public static boolean sameRequirements(LabelSelector a, LabelSelector b) {
        return requirements(a).equals(requirements(b));
    }
}
