package io.netpolguard.model;

import java.util.Map;
import java.util.Objects;

/**
 * Which NetworkPolicies select a pod: the one rule the connectivity engine ({@code Network.selecting}), planning
 * (which chart policies isolate a workload) and verification's coverage ({@code Verifier}) use. It lives in the model
 * so that planning and checking coverage, on every render, load no engine class.
 */
public final class Selection {

    private Selection() {
    }

    /** Whether a policy selects pods: it is in their namespace and its {@code podSelector} matches their labels. */
    public static boolean selects(String policyNamespace, LabelSelector podSelector, String podNamespace,
                                  Map<String, String> podLabels) {
        return Objects.equals(policyNamespace, podNamespace) && podSelector.matches(podLabels);
    }

    /** {@link #selects(String, LabelSelector, String, Map)} with the namespaces as {@link Scope#of} gives them. */
    public static boolean selects(Namespace policyNamespace, LabelSelector podSelector, Namespace podNamespace,
                                  Map<String, String> podLabels) {
        return policyNamespace.equals(podNamespace) && podSelector.matches(podLabels);
    }
}
