package io.netpolguard.config;

/**
 * The kinds of opening netpol-guard derives from a release's own documents so that it keeps working once isolated.
 * Each is on by default and can be turned off under {@code allowances:} in the configuration.
 */
public enum Allowance {
    /** Pods whose service account a RoleBinding or ClusterRoleBinding of the release names may reach the API server. */
    API_SERVER("apiServer"),
    /** The API server may call the release's admission webhooks, conversion webhooks and aggregated APIs. */
    WEBHOOKS("webhooks"),
    /** LoadBalancer and NodePort Services, externalIPs and hostPorts receive traffic from outside the cluster. */
    EXTERNAL_TRAFFIC("externalTraffic"),
    /** The ingress controllers may reach the backends of the release's Ingresses and Gateway API routes. */
    INGRESS_ROUTES("ingressRoutes"),
    /**
     * The release's own ingress or gateway controller (a class of the release, outside traffic) may proxy to pods in
     * every namespace.
     */
    INGRESS_PROXY("ingressProxy"),
    /**
     * Prometheus may scrape what ServiceMonitors, PodMonitors and prometheus.io/scrape annotations name; segregated,
     * the release's own Prometheus may reach those ports.
     */
    MONITORING("monitoring"),
    /** Flows written in the configuration; not a switch: they are there because someone wrote them. */
    DECLARED("flows"),
    /**
     * With segregation, a component reaches a Service of the release it names; not a switch: segregation itself
     * is turned on or off.
     */
    USES("uses");

    private final String key;

    Allowance(String key) {
        this.key = key;
    }

    /** Whether it can be turned off on its own ({@code allowances:}, {@code --no-allowance}). */
    public boolean isSwitch() {
        return this != DECLARED && this != USES;
    }

    /** Its name in the configuration, the report and the command line. */
    public String key() {
        return key;
    }

    /** The allowance for its configuration key, or null. */
    public static Allowance of(String key) {
        for (Allowance a : values()) {
            if (a.key.equals(key)) {
                return a;
            }
        }
        return null;
    }
}
