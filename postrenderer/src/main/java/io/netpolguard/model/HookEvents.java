package io.netpolguard.model;

import java.util.List;

/** The Helm hook events ({@code helm.sh/hook}) netpol-guard acts on, in one place. */
public final class HookEvents {

    /**
     * Events at which the release's regular manifests, and so its regular policies, are not applied yet, or are
     * those of the version before.
     */
    public static final List<String> BEFORE_MANIFESTS = List.of("pre-install", "pre-upgrade", "pre-rollback");

    /**
     * The events of the hook policy that covers hook workloads, beside those workloads' own: it must exist before an
     * install's or an upgrade's first hook runs.
     */
    public static final List<String> HOOK_POLICY = List.of("pre-install", "pre-upgrade");

    /** {@code helm test}'s pods. */
    public static final List<String> TEST = List.of("test", "test-success");

    private HookEvents() {
    }

    /** Whether an object's hook events include one of {@code these}. */
    public static boolean anyOf(KubeObject object, List<String> these) {
        for (String event : object.hookEvents()) {
            if (these.contains(event)) {
                return true;
            }
        }
        return false;
    }
}
