package io.netpolguard.flows;

import io.netpolguard.cli.Mode;
import io.netpolguard.cli.PostRenderer;
import io.netpolguard.oracle.Oracle;
import io.netpolguard.oracle.Pod;
import io.netpolguard.oracle.Port;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.netpolguard.flows.ReleaseFlows.INGRESS_NGINX;
import static io.netpolguard.flows.ReleaseFlows.INTERNET;
import static io.netpolguard.flows.ReleaseFlows.KUBE_DNS;
import static io.netpolguard.flows.ReleaseFlows.NEIGHBOUR;
import static io.netpolguard.flows.ReleaseFlows.PROMETHEUS;
import static io.netpolguard.flows.ReleaseFlows.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ingress or gateway controller release keeps proxying once isolated, with zero configuration: the workload that
 * takes outside traffic for the release's IngressClass or GatewayClass reaches backend pods in every namespace on
 * every port (their own policies decide what they admit), while other tenants still reach it only where a
 * LoadBalancer, a hostPort or a webhook says. Real ingress-nginx (the corpus), a Traefik chart and a Contour Gateway
 * API release as their charts render them; judged by the {@link Oracle}.
 */
class IngressControllersTest {

    /** A backend of another tenant, on a port no manifest of the controller's release names. */
    private static final Pod BACKEND = Oracle.pod("team-b", Map.of("app.kubernetes.io/name", "shop"),
            Port.tcp(31337), Port.tcp(3000), new Port("dns", 5353, "UDP"));
    /** A backend in a third namespace. */
    private static final Pod OTHER_BACKEND = Oracle.pod("team-c", Map.of("app", "blog"), Port.tcp(8080));
    private static final int[] PROBES = {22, 80, 443, 3000, 5432, 6060, 8000, 8001, 8002, 8080, 8443, 9090, 9100,
            10254, 31337};

    private static String resource(String name) throws IOException {
        try (InputStream in = IngressControllersTest.class.getResourceAsStream("/roles/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static PostRenderer.Run run(String stream, String release, String namespace, String... more) {
        List<String> args = new ArrayList<>(List.of("--release=" + release, "--namespace=" + namespace));
        args.addAll(List.of(more));
        PostRenderer.Run run = PostRenderer.run(stream, args.toArray(String[]::new));
        assertThat(run.exit()).as(run.stderr()).isZero();
        return run;
    }

    private static Oracle oracle(String stream, String release, String namespace, String... more) {
        return Oracle.of(run(stream, release, namespace, more).out()).releaseNamespace(namespace);
    }

    /** Which of the probed TCP ports (and the pod's own) of a pod another tenant's pod reaches. */
    private static Set<Integer> reachableBy(Oracle oracle, Pod from, Pod pod) {
        Set<Integer> ports = new TreeSet<>();
        pod.ports().forEach(p -> ports.add(p.number()));
        for (int p : PROBES) {
            ports.add(p);
        }
        ports.removeIf(p -> !oracle.allows(from, pod, "TCP", p));
        return ports;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void theIngressNginxControllerReachesABackendInAnotherNamespaceOnAnyPort(Mode mode) throws IOException {
        Oracle oracle = oracle(ReleaseFlowsTest.input("ingress-nginx"), "ingress-nginx", "team-a", mode.args());
        Pod controller = oracle.pod("Deployment", "ingress-nginx-controller");

        for (int port : new int[] {3000, 31337, 8080}) {
            assertThat(oracle.allows(controller, BACKEND, "TCP", port)).as(oracle.why(controller, BACKEND, "TCP", port))
                    .isTrue();
        }
        assertThat(oracle.allows(controller, BACKEND, "UDP", 5353)).as("every port, every protocol").isTrue();
        assertThat(oracle.allows(controller, OTHER_BACKEND, "TCP", 8080)).isTrue();
        assertThat(oracle.allows(controller, NEIGHBOUR, "TCP", 8080)).as("the same namespace too").isTrue();
        assertThat(oracle.allows(controller, INTERNET, "TCP", 8080)).as("pods, not addresses").isFalse();
        for (String job : List.of("ingress-nginx-admission-create", "ingress-nginx-admission-patch")) {
            Pod hook = oracle.pod("Job", job);
            assertThat(oracle.allows(hook, BACKEND, "TCP", 3000)).as("%s takes no outside traffic", job).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void anotherTenantStillReachesTheIngressNginxControllerOnlyOnItsLoadBalancerAndWebhookPorts(Mode mode)
            throws IOException {
        Oracle oracle = oracle(ReleaseFlowsTest.input("ingress-nginx"), "ingress-nginx", "team-a", mode.args());
        Pod controller = oracle.pod("Deployment", "ingress-nginx-controller");

        assertThat(reachableBy(oracle, STRANGER, controller)).containsExactly(80, 443, 8443);
        assertThat(reachableBy(oracle, BACKEND, controller)).containsExactly(80, 443, 8443);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void aTraefikReleaseProxiesToBackendsAndIsReachedOnlyOnItsEntryPoints(Mode mode) throws IOException {
        Oracle oracle = oracle(resource("traefik.helm3.yaml"), "traefik", "traefik", mode.args());
        Pod traefik = oracle.pod("Deployment", "traefik");

        assertThat(oracle.allows(traefik, BACKEND, "TCP", 3000)).as(oracle.why(traefik, BACKEND, "TCP", 3000)).isTrue();
        assertThat(oracle.allows(traefik, OTHER_BACKEND, "TCP", 8080)).isTrue();
        assertThat(oracle.allows(traefik, KUBE_DNS, "UDP", 53)).isTrue();
        assertThat(oracle.allows(traefik, INTERNET, "TCP", 8080)).as("pods, not addresses").isFalse();
        assertThat(reachableBy(oracle, STRANGER, traefik)).as("web and websecure, behind the LoadBalancer")
                .containsExactly(8000, 8443);
        assertThat(reachableBy(oracle, PROMETHEUS, traefik)).as("and metrics, annotated for Prometheus")
                .containsExactly(8000, 8443, 9100);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void aContourGatewayReleaseLetsItsEnvoyProxiesProxyAndNotItsControlPlane(Mode mode) throws IOException {
        Oracle oracle = oracle(resource("contour-gateway.helm3.yaml"), "contour", "projectcontour", mode.args());
        Pod envoy = oracle.pod("DaemonSet", "envoy");
        Pod contour = oracle.pod("Deployment", "contour");
        Pod certgen = oracle.pod("Job", "contour-certgen-v1-30-2");

        assertThat(oracle.allows(envoy, BACKEND, "TCP", 31337)).as(oracle.why(envoy, BACKEND, "TCP", 31337)).isTrue();
        assertThat(oracle.allows(envoy, OTHER_BACKEND, "TCP", 8080)).isTrue();
        assertThat(oracle.allows(envoy, contour, "TCP", 8001)).as("xDS, from the Envoy bootstrap").isTrue();
        for (Pod notAProxy : List.of(contour, certgen)) {
            assertThat(oracle.allows(notAProxy, BACKEND, "TCP", 3000)).as(notAProxy.toString()).isFalse();
        }
        assertThat(reachableBy(oracle, STRANGER, envoy)).as("the hostPorts and the LoadBalancer").containsExactly(8080,
                8443);
        assertThat(reachableBy(oracle, STRANGER, contour)).isEmpty();
    }

    @Test
    void ingressProxyNarrowsTheBackendsToTheNamespacesAndPortsItNames(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "ingressProxy: {namespaces: [team-b], ports: [3000, {port: 8000, endPort: 8100}]}\n");
        Oracle oracle = oracle(resource("traefik.helm3.yaml"), "traefik", "traefik", "--config=" + config);
        Pod traefik = oracle.pod("Deployment", "traefik");

        assertThat(oracle.allows(traefik, BACKEND, "TCP", 3000)).isTrue();
        assertThat(oracle.allows(traefik, BACKEND, "TCP", 8080)).isTrue();
        assertThat(oracle.allows(traefik, BACKEND, "TCP", 31337)).as("not a port it names").isFalse();
        assertThat(oracle.allows(traefik, OTHER_BACKEND, "TCP", 8080)).as("not a namespace it names").isFalse();

        Files.writeString(config, "ingressProxy: {namespaceLabels: {tenant: shop}}\n");
        Oracle labelled = oracle(resource("traefik.helm3.yaml"), "traefik", "traefik", "--config=" + config)
                .namespaceLabels("team-b", Map.of("tenant", "shop"));
        Pod traefik2 = labelled.pod("Deployment", "traefik");
        assertThat(labelled.allows(traefik2, BACKEND, "TCP", 31337)).isTrue();
        assertThat(labelled.allows(traefik2, OTHER_BACKEND, "TCP", 8080)).isFalse();
    }

    @Test
    void ingressProxyCanBeTurnedOffInTheConfigurationAndOnTheCommandLine(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "allowances: {ingressProxy: false}\n");
        for (String[] off : List.of(new String[] {"--config=" + config}, new String[] {"--no-allowance=ingressProxy"})) {
            Oracle oracle = oracle(ReleaseFlowsTest.input("ingress-nginx"), "ingress-nginx", "team-a", off);
            Pod controller = oracle.pod("Deployment", "ingress-nginx-controller");
            assertThat(oracle.allows(controller, BACKEND, "TCP", 3000)).as(String.join(" ", off)).isFalse();
        }
    }

    @Test
    void theExplanationTheReportAndThePolicySayWhyTheControllerReachesEveryNamespace(@TempDir Path dir)
            throws IOException {
        Path report = dir.resolve("report.json");
        PostRenderer.Run run = run(ReleaseFlowsTest.input("ingress-nginx"), "ingress-nginx", "team-a", "--explain",
                "--report=" + report);

        assertThat(run.stderr()).contains("""
                    egress to every pod in any namespace on every port
                      because ingressProxy: IngressClass nginx of the release is served by it, as it takes traffic \
                from outside the cluster (Service ingress-nginx-controller is of type LoadBalancer); it proxies to \
                backends in any namespace, on ports no manifest of its release shows (ingressProxy narrows them) \
                (ingress-nginx/templates/controller-ingressclass.yaml)
                """);
        String json = Files.readString(report).replaceAll("\\s+", " ");
        assertThat(json).contains("\"direction\": \"egress\", \"to\": [ \"every pod in any namespace\" ], \"ports\": ["
                + " \"all\" ], \"allowance\": \"ingressProxy\"");
        assertThat(run.out()).contains("egress[1] ingressProxy: IngressClass nginx of the release is served by it");
    }

    @Test
    void aControllerOfTheConfiguredIngressControllersNeedsNoClassAndOneTheConfigurationNamesNeedsNoOutsideTraffic(
            @TempDir Path dir) throws IOException {
        String noClass = ReleaseFlowsTest.input("ingress-nginx").replace("kind: IngressClass", "kind: NotAClass")
                .replace("namespace: team-a", "namespace: ingress-nginx");
        Oracle oracle = oracle(noClass, "ingress-nginx", "ingress-nginx");
        Pod controller = oracle.pod("Deployment", "ingress-nginx-controller");
        assertThat(oracle.allows(controller, BACKEND, "TCP", 3000)).as("the default ingressControllers entry")
                .isTrue();
        assertThat(oracle.allows(oracle.pod("Job", "ingress-nginx-admission-create"), BACKEND, "TCP", 3000))
                .as("its label, but no outside traffic").isFalse();

        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "ingressProxy: {workloads: [{kind: Deployment, name: contour}]}\n");
        Oracle named = oracle(resource("contour-gateway.helm3.yaml"), "contour", "projectcontour",
                "--config=" + config);
        assertThat(named.allows(named.pod("Deployment", "contour"), BACKEND, "TCP", 3000)).isTrue();
    }

    @Test
    void aClassThatNoWorkloadOfTheReleaseTakesOutsideTrafficForIsOneWarningThatSaysWhatToName() throws IOException {
        String clusterIp = resource("traefik.helm3.yaml").replace("type: LoadBalancer", "type: ClusterIP");
        PostRenderer.Run run = run(clusterIp, "traefik", "traefik");

        assertThat(run.stderr()).containsOnlyOnce("IngressClass traefik").contains("""
                none of its workloads takes traffic from outside the cluster""").contains(
                "`ingressProxy: {workloads: [{kind: Deployment, name: NAME}]}`");
        Oracle oracle = Oracle.of(run.out()).releaseNamespace("traefik");
        assertThat(oracle.allows(oracle.pod("Deployment", "traefik"), BACKEND, "TCP", 3000)).isFalse();
    }

    @Test
    void segregatedTheReleasesOwnControllerReachesTheReleasesOwnIngressBackendsAndTheyAdmitIt() throws IOException {
        String stream = resource("traefik.helm3.yaml") + """
                ---
                # Source: traefik/templates/whoami.yaml
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: whoami, namespace: traefik}
                spec:
                  selector: {matchLabels: {app: whoami}}
                  template:
                    metadata: {labels: {app: whoami}}
                    spec:
                      containers: [{name: whoami, image: traefik/whoami, ports: [{name: http, containerPort: 8080}]}]
                ---
                # Source: traefik/templates/whoami.yaml
                apiVersion: v1
                kind: Service
                metadata: {name: whoami, namespace: traefik}
                spec:
                  selector: {app: whoami}
                  ports: [{name: http, port: 80, targetPort: http}]
                ---
                # Source: traefik/templates/whoami.yaml
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: whoami, namespace: traefik}
                spec:
                  ingressClassName: traefik
                  rules:
                    - host: whoami.example.com
                      http:
                        paths: [{path: /, pathType: Prefix, backend: {service: {name: whoami, port: {name: http}}}}]
                """;
        Oracle oracle = oracle(stream, "traefik", "traefik", "--segregate");
        Pod traefik = oracle.pod("Deployment", "traefik");
        Pod whoami = oracle.pod("Deployment", "whoami");

        assertThat(oracle.allows(traefik, whoami, "TCP", 8080)).as(oracle.why(traefik, whoami, "TCP", 8080)).isTrue();
        assertThat(oracle.allows(INGRESS_NGINX, whoami, "TCP", 8080)).as("the cluster's controller too").isTrue();
        assertThat(oracle.allows(traefik, whoami, "TCP", 9090)).isFalse();
        assertThat(oracle.allows(STRANGER, whoami, "TCP", 8080)).isFalse();
    }

    @Test
    void aChartPolicyThatIsolatesTheControllersEgressDecidesAndIsOneWarningNamingWhatItBlocks() throws IOException {
        String stream = resource("traefik.helm3.yaml") + """
                ---
                # Source: traefik/templates/networkpolicy.yaml
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: traefik, namespace: traefik}
                spec:
                  podSelector: {matchLabels: {app.kubernetes.io/name: traefik}}
                  policyTypes: [Egress]
                  egress:
                    - to: [{namespaceSelector: {}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
                      ports: [{port: 53, protocol: UDP}]
                """;
        PostRenderer.Run run = run(stream, "traefik", "traefik");
        Oracle oracle = Oracle.of(run.out()).releaseNamespace("traefik");

        assertThat(oracle.allows(oracle.pod("Deployment", "traefik"), BACKEND, "TCP", 3000))
                .as("netpol-guard never widens a chart's own policy").isFalse();
        assertThat(run.stderr()).containsOnlyOnce("does not allow egress to every pod in any namespace on every port,"
                + " which it needs (ingressProxy: IngressClass traefik of the release is served by it");
    }
}
