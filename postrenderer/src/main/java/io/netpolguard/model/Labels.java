package io.netpolguard.model;

/** The label keys netpol-guard reads and writes. */
public final class Labels {

    /** Added to every pod template of the release; its value is the release name. */
    public static final String RELEASE = "netpol-guard.io/release";
    /**
     * Added, next to {@link #RELEASE}, to the pod templates of workloads that need a policy of their own (where a
     * chart's own policies isolate some of the release's pods); its value names the workload.
     */
    public static final String WORKLOAD = "netpol-guard.io/workload";
    /** Marks the NetworkPolicies netpol-guard generated, so a second run leaves them alone. */
    public static final String GENERATED = "netpol-guard.io/generated";
    /** The standard label Helm charts put on their objects, with the release name as value. */
    public static final String INSTANCE = "app.kubernetes.io/instance";
    /** The label Kubernetes puts on every namespace, with the namespace's name as value. */
    public static final String NAMESPACE_NAME = "kubernetes.io/metadata.name";

    private Labels() {
    }
}
