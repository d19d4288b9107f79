package io.netpolguard.model;

import java.util.Map;
import java.util.Objects;

/**
 * Which NetworkPolicies select a pod: the one rule the connectivity engine ({@code Network.selecting}) and
 * verification's coverage ({@code Verifier}) use. It lives in the model so that checking coverage, on every
 * render, loads no engine class.
 */
public final class Selection {

    private Selection() {
    }

    /** Whether a policy selects pods: it is in their namespace and its {@code podSelector} matches their labels. */
    public static boolean selects(String policyNamespace, LabelSelector podSelector, String podNamespace,
                                  Map<String, String> podLabels) {
        return Objects.equals(policyNamespace, podNamespace) && podSelector.matches(podLabels);
    }
}
