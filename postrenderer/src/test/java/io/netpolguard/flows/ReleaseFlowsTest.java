package io.netpolguard.flows;

import io.netpolguard.cli.Mode;
import io.netpolguard.cli.PostRenderer;
import io.netpolguard.flows.ReleaseFlows.Flow;
import io.netpolguard.oracle.Oracle;
import io.netpolguard.oracle.Pod;
import io.netpolguard.oracle.Port;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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
import java.util.stream.Stream;

import static io.netpolguard.flows.ReleaseFlows.API_SERVER;
import static io.netpolguard.flows.ReleaseFlows.INGRESS_NGINX;
import static io.netpolguard.flows.ReleaseFlows.INTERNET;
import static io.netpolguard.flows.ReleaseFlows.INTERNET_CLIENT;
import static io.netpolguard.flows.ReleaseFlows.KUBE_DNS;
import static io.netpolguard.flows.ReleaseFlows.NAMESPACE;
import static io.netpolguard.flows.ReleaseFlows.NEEDED;
import static io.netpolguard.flows.ReleaseFlows.NEIGHBOUR;
import static io.netpolguard.flows.ReleaseFlows.NODE;
import static io.netpolguard.flows.ReleaseFlows.PROMETHEUS;
import static io.netpolguard.flows.ReleaseFlows.PROXIES;
import static io.netpolguard.flows.ReleaseFlows.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With zero configuration, every release of the corpus (Helm 4 streams) and the example web shop keeps every flow
 * it needs ({@link ReleaseFlows}), and nothing else gets in or out: no other tenant, no internet address, except
 * where an allowance says so; with {@code --segregate} too, which only narrows what the release's own workloads
 * may do to each other ({@link SegregationTest} judges that). Judged by the {@link Oracle}, not by netpol-guard's
 * code.
 */
class ReleaseFlowsTest {

    /** The outside world, as the isolation checks probe it. */
    private static final List<Object> OUTSIDE = List.of(NEIGHBOUR, STRANGER, INGRESS_NGINX, PROMETHEUS, NODE,
            INTERNET_CLIENT, INTERNET);
    private static final int[] PROBE_PORTS = {22, 80, 443, 5432, 6443, 8080, 9090};

    static Stream<String> releases() {
        return NEEDED.keySet().stream().sorted();
    }

    static Stream<Arguments> releasesInEachMode() {
        return releases().flatMap(release -> Stream.of(Mode.values()).map(mode -> Arguments.of(release, mode)));
    }

    /** The stream Helm 4 hands a post-renderer for this release. */
    static String input(String release) throws IOException {
        if (release.equals("webshop")) {
            try (InputStream in = ReleaseFlowsTest.class.getResourceAsStream("/robust/webshop.helm4.yaml")) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        String dir = System.getProperty("netpolguard.corpus", "");
        Assumptions.assumeTrue(!dir.isEmpty() && Files.isDirectory(Path.of(dir)),
                "the shared corpus (../shared/corpus) is not beside this checkout");
        return Files.readString(Path.of(dir, release + ".helm4.yaml"));
    }

    static String releaseName(String release) {
        return release.equals("webshop") ? "shop" : release;
    }

    static Oracle isolate(String release, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("--release=" + releaseName(release), "--namespace=" + NAMESPACE));
        args.addAll(List.of(more));
        PostRenderer.Run run = PostRenderer.run(input(release), args.toArray(String[]::new));
        assertThat(run.exit()).as(run.stderr()).isZero();
        return Oracle.of(run.out()).releaseNamespace(NAMESPACE);
    }

    private static Object endpoint(Oracle oracle, Object peer) {
        if (peer instanceof String s && s.contains("/")) {
            String[] kindName = s.split("/", 2);
            return oracle.pod(kindName[0], kindName[1]);
        }
        return peer;
    }

    private static boolean allows(Oracle oracle, Object from, Object to, String protocol, int port) {
        Object src = endpoint(oracle, from);
        Object dst = endpoint(oracle, to);
        if (src instanceof Pod s && dst instanceof Pod d) {
            return oracle.allows(s, d, protocol, port);
        }
        if (src instanceof Pod s) {
            return oracle.allows(s, (String) dst, protocol, port);
        }
        return oracle.allows((String) src, (Pod) dst, protocol, port);
    }

    private static String why(Oracle oracle, Object from, Object to, String protocol, int port) {
        return oracle.why(endpoint(oracle, from), endpoint(oracle, to), protocol, port);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("releasesInEachMode")
    void everyFlowTheReleaseNeedsIsAllowedWithZeroConfiguration(String release, Mode mode) throws IOException {
        Oracle oracle = isolate(release, mode.args());
        for (Flow flow : NEEDED.get(release)) {
            assertThat(allows(oracle, flow.from(), flow.to(), flow.protocol(), flow.port()))
                    .as("%s\n%s", flow, why(oracle, flow.from(), flow.to(), flow.protocol(), flow.port())).isTrue();
        }
    }

    /**
     * Into each pod of the release, from every outside peer, on each of its container ports and a few more: where
     * netpol-guard isolates that direction, exactly what an allowance opens to that peer gets in (the flows above);
     * where the chart's own policies isolate it, exactly what got in before netpol-guard.
     */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("releasesInEachMode")
    void nothingFromOutsideGetsInButWhatTheReleaseNeedsOrTheChartAlreadyAdmitted(String release, Mode mode)
            throws IOException {
        Oracle before = Oracle.of(input(release)).releaseNamespace(NAMESPACE);
        Oracle after = isolate(release, mode.args());
        List<String> wrong = new ArrayList<>();
        for (Pod pod : governed(after)) {
            Pod asWritten = before.pod(pod.kind(), pod.name());
            boolean chartDecides = before.isolated(asWritten, true);
            for (int port : ports(pod)) {
                for (Object outside : OUTSIDE) {
                    boolean expected = chartDecides ? allows(before, outside, asWritten, "TCP", port)
                            : needed(release, outside, pod, port);
                    if (allows(after, outside, pod, "TCP", port) != expected) {
                        wrong.add((expected ? "blocked: " : "let in: ") + why(after, outside, pod, "TCP", port));
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * Out of each pod of the release, to every outside peer: where netpol-guard isolates egress, only DNS and what
     * the release needs (the API server: on its ports, to any address, since policies cannot tell it from others
     * without apiServer.cidrs); where the chart isolates egress, exactly what got out before.
     */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("releasesInEachMode")
    void nothingGetsOutButDnsWhatTheReleaseNeedsOrWhatTheChartAlreadyLetOut(String release, Mode mode)
            throws IOException {
        Oracle before = Oracle.of(input(release)).releaseNamespace(NAMESPACE);
        Oracle after = isolate(release, mode.args());
        List<String> wrong = new ArrayList<>();
        for (Pod pod : governed(after)) {
            Pod asWritten = before.pod(pod.kind(), pod.name());
            boolean chartDecides = before.isolated(asWritten, false);
            boolean apiClient = NEEDED.get(release).stream()
                    .anyMatch(f -> f.to().equals(API_SERVER) && f.from().equals(pod.kind() + "/" + pod.name()));
            boolean proxy = PROXIES.contains(pod.kind() + "/" + pod.name());
            for (Object outside : List.of(NEIGHBOUR, STRANGER, INTERNET, API_SERVER)) {
                for (int port : PROBE_PORTS) {
                    boolean expected = chartDecides ? allows(before, asWritten, outside, "TCP", port)
                            : apiClient && (port == 443 || port == 6443) || proxy && outside instanceof Pod;
                    if (allows(after, pod, outside, "TCP", port) != expected) {
                        wrong.add((expected ? "blocked: " : "let out: ") + why(after, pod, outside, "TCP", port));
                    }
                }
            }
            boolean dns = chartDecides ? before.allows(asWritten, KUBE_DNS, "UDP", 53) : true;
            if (after.allows(pod, KUBE_DNS, "UDP", 53) != dns) {
                wrong.add("DNS: " + after.why(pod, KUBE_DNS, "UDP", 53));
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void withApiServerCidrsApiClientsReachOnlyThoseAddresses(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "apiServer: {cidrs: [" + API_SERVER + "/32]}\n");
        for (String release : List.of("cert-manager", "ingress-nginx")) {
            Oracle oracle = isolate(release, "--config=" + config);
            for (Flow f : NEEDED.get(release)) {
                if (f.to().equals(API_SERVER)) {
                    Object client = endpoint(oracle, f.from());
                    assertThat(allows(oracle, f.from(), API_SERVER, "TCP", f.port())).as(f.toString()).isTrue();
                    List<Object> elsewhere = PROXIES.contains(f.from()) ? List.of(INTERNET, NODE) // they reach pods
                            : List.of(INTERNET, NEIGHBOUR, STRANGER, NODE);
                    for (Object address : elsewhere) {
                        assertThat(allows(oracle, f.from(), address, "TCP", f.port()))
                                .as(oracle.why(client, endpoint(oracle, address), "TCP", f.port())).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void anotherIngressControllerIsAdmittedInsteadOfIngressNginx(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                ingressControllers:
                  - {namespace: traefik, podLabels: {app.kubernetes.io/name: traefik}}
                  - cidrs: [172.18.0.0/24]   # a controller on the host network
                """);
        Oracle oracle = isolate("webshop", "--config=" + config);
        Pod frontend = oracle.pod("Deployment", "shop-webshop-frontend");
        Pod traefik = Oracle.pod("traefik", Map.of("app.kubernetes.io/name", "traefik"));

        assertThat(oracle.allows(traefik, frontend, "TCP", 8080)).as(oracle.why(traefik, frontend, "TCP", 8080)).isTrue();
        assertThat(oracle.allows("172.18.0.9", frontend, "TCP", 8080)).isTrue();
        assertThat(oracle.allows(INGRESS_NGINX, frontend, "TCP", 8080)).isFalse();
        assertThat(oracle.allows(INTERNET, frontend, "TCP", 8080)).isFalse();
        assertThat(oracle.allows(traefik, oracle.pod("Deployment", "shop-webshop-backend"), "TCP", 8080))
                .as("only the Ingress backend").isFalse();
    }

    @Test
    void eachAllowanceCanBeTurnedOffInTheConfigurationAndOnTheCommandLine(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "allowances: {apiServer: false}\n");
        Oracle configured = isolate("ingress-nginx", "--config=" + config);
        Oracle commandLine = isolate("ingress-nginx", "--no-allowance=webhooks,externalTraffic");
        Pod controller = configured.pod("Deployment", "ingress-nginx-controller");

        assertThat(configured.allows(controller, API_SERVER, "TCP", 6443)).isFalse();
        assertThat(configured.allows(NODE, controller, "TCP", 8443)).as("webhooks stay on").isTrue();
        Pod controller2 = commandLine.pod("Deployment", "ingress-nginx-controller");
        assertThat(commandLine.allows(controller2, API_SERVER, "TCP", 6443)).as("apiServer stays on").isTrue();
        assertThat(commandLine.allows(NODE, controller2, "TCP", 8443)).isFalse();
        assertThat(commandLine.allows(INTERNET_CLIENT, controller2, "TCP", 443)).isFalse();
    }

    @Test
    void aDeclaredEgressFlowOpensExactlyItsAddressesAndPortsForItsWorkload(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                flows:
                  - description: the repo server clones from GitHub
                    workload: {kind: Deployment, name: argo-cd-argocd-repo-server}
                    to: [{cidrs: [140.82.112.0/20], except: [140.82.112.0/24]}]
                    ports: [443, 22]
                """);
        Oracle oracle = isolate("argo-cd", "--config=" + config);
        Pod repo = oracle.pod("Deployment", "argo-cd-argocd-repo-server");
        Pod server = oracle.pod("Deployment", "argo-cd-argocd-server");

        assertThat(oracle.allows(repo, "140.82.113.4", "TCP", 22)).as(oracle.why(repo, "140.82.113.4", "TCP", 22))
                .isTrue();
        assertThat(oracle.allows(repo, "140.82.113.4", "TCP", 80)).as("not a declared port").isFalse();
        assertThat(oracle.allows(repo, "140.82.112.4", "TCP", 22)).as("excepted").isFalse();
        assertThat(oracle.allows(repo, INTERNET, "TCP", 22)).isFalse();
        assertThat(oracle.allows(server, "140.82.113.4", "TCP", 22)).as("another workload").isFalse();
    }

    @Test
    void aDeclaredIngressFlowFromAnotherReleaseOpensOnlyThatReleasesPods(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, """
                flows:
                  - description: the payments release calls the backend
                    workload: {podLabels: {app.kubernetes.io/component: backend}}
                    from: [{release: payments, namespace: team-b}]
                    ports: [8080]
                """);
        Oracle oracle = isolate("webshop", "--config=" + config);
        Pod backend = oracle.pod("Deployment", "shop-webshop-backend");
        Pod payments = Oracle.pod("team-b", Map.of("netpol-guard.io/release", "payments"));

        assertThat(oracle.allows(payments, backend, "TCP", 8080)).as(oracle.why(payments, backend, "TCP", 8080)).isTrue();
        assertThat(oracle.allows(payments, backend, "TCP", 9090)).isFalse();
        assertThat(oracle.allows(Oracle.pod("team-b", Map.of("app", "x")), backend, "TCP", 8080)).isFalse();
        assertThat(oracle.allows(Oracle.pod(NAMESPACE, Map.of("netpol-guard.io/release", "payments")), backend,
                "TCP", 8080)).as("the same release name in another namespace").isFalse();
        assertThat(oracle.allows(payments, oracle.pod("Deployment", "shop-webshop-frontend"), "TCP", 8080))
                .as("another workload").isFalse();
    }

    /** The workloads of the release whose pods NetworkPolicies govern (not on the host network). */
    private static List<Pod> governed(Oracle oracle) {
        Set<String> hostNetwork = new TreeSet<>();
        for (Map<String, Object> o : oracle.objects()) {
            if (String.valueOf(o).contains("hostNetwork=true")) {
                hostNetwork.add(o.get("kind") + "/" + ((Map<?, ?>) o.get("metadata")).get("name"));
            }
        }
        return oracle.pods().stream().filter(p -> !hostNetwork.contains(p.kind() + "/" + p.name())).toList();
    }

    private static Set<Integer> ports(Pod pod) {
        Set<Integer> ports = new TreeSet<>();
        pod.ports().stream().filter(p -> p.protocol().equals("TCP")).map(Port::number).forEach(ports::add);
        for (int p : PROBE_PORTS) {
            ports.add(p);
        }
        return ports;
    }

    /** Whether the release's list says this outside peer needs this port of this pod. */
    private static boolean needed(String release, Object outside, Pod pod, int port) {
        String name = pod.kind() + "/" + pod.name();
        for (Flow f : NEEDED.get(release)) {
            if (f.to().equals(name) && f.port() == port && f.protocol().equals("TCP")) {
                if (f.from().equals(outside)) {
                    return true;
                }
                // Webhooks and LoadBalancers are opened to any source: nothing tells the API server or a load
                // balancer apart from other addresses and pods on every CNI.
                if (f.from().equals(NODE) || f.from().equals(INTERNET_CLIENT)) {
                    return true;
                }
            }
        }
        return false;
    }
}
