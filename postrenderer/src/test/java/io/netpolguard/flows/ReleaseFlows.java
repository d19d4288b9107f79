package io.netpolguard.flows;

import io.netpolguard.oracle.Oracle;
import io.netpolguard.oracle.Pod;
import io.netpolguard.oracle.Port;

import java.util.List;
import java.util.Map;

import static java.util.Map.entry;

/**
 * What each release of the corpus (and the example web shop) needs to keep working in a real cluster, written out
 * by hand from the charts and their documentation, each flow with its reason. The tests judge them with the
 * {@link Oracle}, which knows nothing of netpol-guard's code.
 */
final class ReleaseFlows {

    static final String NAMESPACE = "team-a";

    /** The API server's endpoint as policies see it after the kubernetes Service is translated: a control-plane node. */
    static final String API_SERVER = "172.18.0.2";
    /** A node address: the API server calling a webhook, or kube-proxy forwarding LoadBalancer traffic. */
    static final String NODE = "172.18.0.3";
    /** A client on the internet, behind a LoadBalancer that keeps its address. */
    static final String INTERNET_CLIENT = "198.51.100.10";
    /** An address on the internet that nothing in these releases needs. */
    static final String INTERNET = "203.0.113.7";

    static final Pod INGRESS_NGINX = Oracle.pod("ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx",
            "app.kubernetes.io/component", "controller", "app.kubernetes.io/instance", "ingress-nginx"));
    static final Pod PROMETHEUS = Oracle.pod("monitoring", Map.of("app.kubernetes.io/name", "prometheus",
            "prometheus", "kube-prometheus-stack-prometheus"));
    static final Pod KUBE_DNS = Oracle.pod("kube-system", Map.of("k8s-app", "kube-dns"),
            new Port("dns", 53, "UDP"), new Port("dns-tcp", 53, "TCP"));

    /** Ports another tenant's pods listen on. */
    private static final Port[] TENANT_PORTS = {Port.tcp(80), Port.tcp(443), Port.tcp(6443), Port.tcp(8080),
            Port.tcp(5432), Port.tcp(9090), new Port("dns", 53, "UDP")};
    /** A pod of another release isolated by netpol-guard, in the same namespace. */
    static final Pod NEIGHBOUR = Oracle.pod(NAMESPACE, Map.of("app.kubernetes.io/instance", "other",
            "netpol-guard.io/release", "other", "app", "other"), TENANT_PORTS);
    /** A pod of another tenant, in another namespace, with no policy of its own. */
    static final Pod STRANGER = Oracle.pod("team-b", Map.of("app", "stranger"), TENANT_PORTS);

    /**
     * One connection a release needs.
     *
     * @param from     "Kind/name" of a workload of the stream, or a peer above (a Pod or an address)
     * @param to       the same
     * @param protocol TCP, UDP
     * @param port     the port at the destination (the container port; the API server's port after translation)
     * @param why      what it is for
     */
    record Flow(Object from, Object to, String protocol, int port, String why) {
        @Override
        public String toString() {
            return from + " -> " + to + " " + protocol + " " + port + " (" + why + ")";
        }
    }

    static Flow tcp(Object from, Object to, int port, String why) {
        return new Flow(from, to, "TCP", port, why);
    }

    private static List<Flow> apiClients(String why, String... workloads) {
        return java.util.Arrays.stream(workloads).flatMap(w -> java.util.stream.Stream.of(
                tcp(w, API_SERVER, 6443, why + " (kubeadm, kind, OpenShift)"),
                tcp(w, API_SERVER, 443, why + " (GKE, EKS, AKS)"))).toList();
    }

    private static List<Flow> concat(List<Flow> a, Flow... b) {
        List<Flow> all = new java.util.ArrayList<>(a);
        all.addAll(List.of(b));
        return all;
    }

    static final Map<String, List<Flow>> NEEDED = Map.ofEntries(
            entry("webshop", List.of(
                    tcp(INGRESS_NGINX, "Deployment/shop-webshop-frontend", 8080, "the Ingress routes / to the frontend"),
                    tcp("Deployment/shop-webshop-frontend", "Deployment/shop-webshop-backend", 8080, "nginx proxies /api"),
                    tcp("Deployment/shop-webshop-backend", "StatefulSet/shop-webshop-db", 5432, "the backend's JDBC URL"),
                    tcp("Job/shop-webshop-migrate", "StatefulSet/shop-webshop-db", 5432, "the pre-install migration"),
                    tcp("CronJob/shop-webshop-report", "StatefulSet/shop-webshop-db", 5432, "the nightly report"),
                    new Flow("Deployment/shop-webshop-backend", KUBE_DNS, "UDP", 53, "name lookups"),
                    new Flow("Job/shop-webshop-migrate", KUBE_DNS, "UDP", 53, "name lookups in the hook"))),
            entry("ingress-nginx", concat(apiClients("watches Ingresses, writes the webhook certificate",
                            "Deployment/ingress-nginx-controller", "Job/ingress-nginx-admission-create",
                            "Job/ingress-nginx-admission-patch"),
                    tcp(INTERNET_CLIENT, "Deployment/ingress-nginx-controller", 80, "LoadBalancer Service, http"),
                    tcp(INTERNET_CLIENT, "Deployment/ingress-nginx-controller", 443, "LoadBalancer Service, https"),
                    tcp(NODE, "Deployment/ingress-nginx-controller", 80, "LoadBalancer traffic SNATed to a node"),
                    tcp(NODE, "Deployment/ingress-nginx-controller", 8443, "the API server calls the admission webhook"),
                    tcp("Deployment/ingress-nginx-controller", STRANGER, 8080, "proxies to a backend of another tenant"),
                    tcp("Deployment/ingress-nginx-controller", NEIGHBOUR, 5432, "proxies to any port (TCP passthrough)"),
                    new Flow("Deployment/ingress-nginx-controller", KUBE_DNS, "UDP", 53, "name lookups"))),
            entry("cert-manager", concat(apiClients("manages certificates", "Deployment/cert-manager",
                            "Deployment/cert-manager-cainjector", "Deployment/cert-manager-webhook",
                            "Job/cert-manager-startupapicheck"),
                    tcp(NODE, "Deployment/cert-manager-webhook", 10250, "the API server calls the webhook"),
                    tcp(PROMETHEUS, "Deployment/cert-manager", 9402, "prometheus.io/scrape on the pods"),
                    tcp(PROMETHEUS, "Deployment/cert-manager-cainjector", 9402, "prometheus.io/scrape on the pods"),
                    tcp(PROMETHEUS, "Deployment/cert-manager-webhook", 9402, "prometheus.io/scrape on the pods"))),
            entry("kube-state-metrics", concat(apiClients("lists every object", "Deployment/kube-state-metrics"),
                    tcp(PROMETHEUS, "Deployment/kube-state-metrics", 8080, "prometheus.io/scrape on the Service"))),
            entry("descheduler", apiClients("evicts pods", "CronJob/descheduler")),
            entry("grafana", apiClients("its role binding lets it read ConfigMaps and Secrets", "Deployment/grafana")),
            entry("argo-cd", concat(apiClients("manages applications",
                            "StatefulSet/argo-cd-argocd-application-controller",
                            "Deployment/argo-cd-argocd-applicationset-controller",
                            "Deployment/argo-cd-argocd-notifications-controller", "Deployment/argo-cd-argocd-server",
                            "Deployment/argo-cd-argocd-repo-server", "Deployment/argo-cd-argocd-dex-server",
                            "Job/argo-cd-argocd-redis-secret-init"),
                    tcp("Deployment/argo-cd-argocd-server", "Deployment/argo-cd-argocd-repo-server", 8081, "manifests"),
                    tcp("StatefulSet/argo-cd-argocd-application-controller", "Deployment/argo-cd-argocd-repo-server",
                            8081, "manifests"),
                    tcp("Deployment/argo-cd-argocd-server", "Deployment/argo-cd-argocd-redis", 6379, "cache"),
                    tcp("StatefulSet/argo-cd-argocd-application-controller", "Deployment/argo-cd-argocd-redis",
                            6379, "cache"),
                    tcp("Deployment/argo-cd-argocd-repo-server", "Deployment/argo-cd-argocd-redis", 6379, "cache"),
                    tcp("Deployment/argo-cd-argocd-server", "Deployment/argo-cd-argocd-dex-server", 5556, "SSO"))),
            entry("kube-prometheus-stack", concat(apiClients("operator, kube-state-metrics, Grafana's sidecar, hooks",
                            "Deployment/kube-prometheus-stack-operator",
                            "Deployment/kube-prometheus-stack-kube-state-metrics",
                            "Deployment/kube-prometheus-stack-grafana", "Job/kube-prometheus-stack-admission-create",
                            "Job/kube-prometheus-stack-admission-patch"),
                    tcp(NODE, "Deployment/kube-prometheus-stack-operator", 10250, "the API server calls the webhook"),
                    tcp(PROMETHEUS, "Deployment/kube-prometheus-stack-operator", 10250, "ServiceMonitor, https"),
                    tcp(PROMETHEUS, "Deployment/kube-prometheus-stack-kube-state-metrics", 8080, "ServiceMonitor"),
                    tcp(PROMETHEUS, "Deployment/kube-prometheus-stack-grafana", 3000, "ServiceMonitor"),
                    tcp("Pod/kube-prometheus-stack-grafana-test", "Deployment/kube-prometheus-stack-grafana", 3000,
                            "helm test"))),
            entry("podinfo", List.of(
                    tcp(PROMETHEUS, "Deployment/podinfo", 9898, "prometheus.io/scrape and prometheus.io/port on the pods"),
                    tcp("Pod/podinfo-service-test-anptc", "Deployment/podinfo", 9898, "helm test"),
                    tcp("Pod/podinfo-grpc-test-6ic9m", "Deployment/podinfo", 9999, "helm test"),
                    tcp("Pod/podinfo-jwt-test-flf5z", "Deployment/podinfo", 9898, "helm test"))),
            entry("postgresql", List.of(
                    tcp(NEIGHBOUR, "StatefulSet/postgresql", 5432, "the chart's own policy admits every client"),
                    new Flow("StatefulSet/postgresql", KUBE_DNS, "UDP", 53, "the chart's own policy allows all egress"))),
            entry("redis", List.of(
                    tcp("StatefulSet/redis-replicas", "StatefulSet/redis-master", 6379, "replication"),
                    tcp(NEIGHBOUR, "StatefulSet/redis-master", 6379, "the chart's own policy admits every client"))),
            entry("prometheus-node-exporter", List.of()), // its pods are on the host network: no policy applies
            entry("welkin-user-demo", List.of(
                    tcp(INGRESS_NGINX, "Deployment/welkin-user-demo", 3000, "the Ingress"),
                    tcp(PROMETHEUS, "Deployment/welkin-user-demo", 3000, "the ServiceMonitor"))));

    /**
     * The release's own ingress controllers: their backends are pods of any namespace, on ports no manifest of the
     * release shows, so they reach every pod (not addresses) on every port.
     */
    static final java.util.Set<String> PROXIES = java.util.Set.of("Deployment/ingress-nginx-controller");

    private ReleaseFlows() {
    }
}
