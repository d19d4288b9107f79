package io.netpolguard.config;

/**
 * The kinds of opening netpol-guard derives from a release's own documents so that it keeps working once isolated.
 * Each is on by default and can be turned off under {@code allowances:} in the configuration.
 */
public enum Allowance {
    API_SERVER("apiServer", "pods whose service account a RoleBinding or ClusterRoleBinding of the release names"
            + " may reach the Kubernetes API server"),
    WEBHOOKS("webhooks", "the API server may call the release's admission webhooks, conversion webhooks and"
            + " aggregated APIs"),
    EXTERNAL_TRAFFIC("externalTraffic", "LoadBalancer and NodePort Services, externalIPs and hostPorts receive"
            + " traffic from outside the cluster"),
    INGRESS_ROUTES("ingressRoutes", "the ingress controllers may reach the backends of the release's Ingresses and"
            + " Gateway API routes"),
    MONITORING("monitoring", "Prometheus may scrape what ServiceMonitors, PodMonitors and prometheus.io/scrape"
            + " annotations name"),
    /** Flows written in the configuration; not a switch: they are there because someone wrote them. */
    DECLARED("flows", "flows declared in the configuration");

    private final String key;
    private final String description;

    Allowance(String key, String description) {
        this.key = key;
        this.description = description;
    }

    /** Its name in the configuration, the report and the command line. */
    public String key() {
        return key;
    }

    public String description() {
        return description;
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
