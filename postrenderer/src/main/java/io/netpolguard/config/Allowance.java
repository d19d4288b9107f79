package io.netpolguard.config;

/**
 * The kinds of opening netpol-guard makes: the isolation's own ({@link #RELEASE}, {@link #DNS}), those it derives
 * from a release's own documents so that it keeps working once isolated (each on by default, and turned off under
 * {@code allowances:} in the configuration), declared flows and segregation's uses. Every generated rule's reason
 * names one.
 */
public enum Allowance {
    /** The pods of the release reach each other: the isolation itself; not a switch. */
    RELEASE("release"),
    /** The pods of the release resolve names with cluster DNS: the isolation itself; not a switch. */
    DNS("dns"),
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
        return this != RELEASE && this != DNS && this != DECLARED && this != USES;
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
