package io.netpolguard.flows;

import io.netpolguard.cli.PostRenderer;
import io.netpolguard.oracle.Oracle;
import io.netpolguard.oracle.Pod;
import io.netpolguard.oracle.Port;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.netpolguard.flows.ReleaseFlows.PROMETHEUS;
import static io.netpolguard.flows.ReleaseFlows.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Segregated, a release's own Prometheus keeps scraping with zero configuration: it reaches each port that the
 * release's ServiceMonitors, PodMonitors and prometheus.io annotations name, and nothing else of the release. Judged
 * by the {@link Oracle} on every pair and port.
 */
class PrometheusInReleaseTest {

    /** What the release's monitors and annotations name, as "Kind/name:port": written from the manifests. */
    private static final Set<String> SCRAPED = Set.of(
            "Deployment/metrics-demo-api:9464",          // ServiceMonitor, endpoint port metrics
            "StatefulSet/metrics-demo-worker:9102",      // PodMonitor, port metrics
            "Deployment/metrics-demo-cache:9121");       // Service annotated prometheus.io/scrape, port 9121
    private static final int[] PROBES = {22, 80, 443, 5432, 6379, 7000, 8080, 9090, 9100, 9102, 9121, 9464};

    private static String stream() throws IOException {
        try (InputStream in = PrometheusInReleaseTest.class.getResourceAsStream("/roles/metrics-demo.helm3.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static PostRenderer.Run run(String stream, String... more) {
        List<String> args = new ArrayList<>(List.of("--release=metrics-demo", "--namespace=team-a", "--segregate"));
        args.addAll(List.of(more));
        PostRenderer.Run run = PostRenderer.run(stream, args.toArray(String[]::new));
        assertThat(run.exit()).as(run.stderr()).isZero();
        return run;
    }

    private static Set<Integer> ports(Pod pod) {
        Set<Integer> ports = new TreeSet<>();
        pod.ports().forEach(p -> ports.add(p.number()));
        for (int p : PROBES) {
            ports.add(p);
        }
        return ports;
    }

    @Test
    void segregatedTheReleasesPrometheusReachesEachScrapedPortAndNothingElseOfTheRelease() throws IOException {
        Oracle oracle = Oracle.of(run(stream()).out()).releaseNamespace("team-a");
        Pod prometheus = oracle.pod("Deployment", "metrics-demo-prometheus");
        List<String> wrong = new ArrayList<>();
        for (Pod pod : oracle.pods()) {
            for (int port : ports(pod)) {
                boolean expected = SCRAPED.contains(pod.kind() + "/" + pod.name() + ":" + port);
                if (oracle.allows(prometheus, pod, "TCP", port) != expected) {
                    wrong.add((expected ? "blocked: " : "let through: ") + oracle.why(prometheus, pod, "TCP", port));
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void theScrapedPortsStillAdmitTheClustersPrometheusAndNoOtherTenant() throws IOException {
        Oracle oracle = Oracle.of(run(stream()).out()).releaseNamespace("team-a");
        for (String scraped : SCRAPED) {
            String[] kindName = scraped.substring(0, scraped.indexOf(':')).split("/");
            int port = Integer.parseInt(scraped.substring(scraped.indexOf(':') + 1));
            Pod pod = oracle.pod(kindName[0], kindName[1]);
            assertThat(oracle.allows(PROMETHEUS, pod, "TCP", port)).as(scraped).isTrue();
            assertThat(oracle.allows(STRANGER, pod, "TCP", port)).as(scraped).isFalse();
        }
    }

    @Test
    void theReasonSaysWhichMonitorShowsTheScrapeAndTheMonitoringSwitchTurnsItOff() throws IOException {
        PostRenderer.Run run = run(stream(), "--explain");
        assertThat(run.stderr()).contains("""
                  Deployment (release namespace)/metrics-demo-prometheus
                """).contains("""
                    egress to the pods of deployment-metrics-demo-api on TCP 9464
                      because monitoring: it is a Prometheus of the release (monitoring: pods \
                {app.kubernetes.io/name=prometheus} in any namespace), and Deployment team-a/metrics-demo-api is \
                scraped: ServiceMonitor metrics-demo-api scrapes Service \
                metrics-demo-api port metrics (metrics-demo/templates/api/servicemonitor.yaml)
                """);

        Oracle off = Oracle.of(run(stream(), "--no-allowance=monitoring").out()).releaseNamespace("team-a");
        Pod prometheus = off.pod("Deployment", "metrics-demo-prometheus");
        assertThat(off.allows(prometheus, off.pod("Deployment", "metrics-demo-api"), "TCP", 9464)).isFalse();
    }

    @Test
    void aMonitorThatScrapesBeyondTheReleaseIsOneWarningWithTheFlowToDeclare() throws IOException {
        String stream = stream() + """
                ---
                # Source: metrics-demo/templates/prometheus/kubelet.yaml
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata:
                  name: metrics-demo-coredns
                spec:
                  namespaceSelector: {matchNames: [kube-system]}
                  selector: {matchLabels: {k8s-app: kube-dns}}
                  endpoints: [{port: metrics}]
                """;
        PostRenderer.Run run = run(stream);
        assertThat(run.stderr()).containsOnlyOnce("ServiceMonitor team-a/metrics-demo-coredns").contains(
                "scrapes pods in namespace kube-system, outside the release, and Deployment"
                        + " team-a/metrics-demo-prometheus of the release is a Prometheus",
                "`flows: [{workload: {kind: Deployment, name: metrics-demo-prometheus}, to: [{namespace:"
                        + " kube-system}], ports: [PORT]}]`");
        Oracle oracle = Oracle.of(run.out()).releaseNamespace("team-a");
        Pod coredns = Oracle.pod("kube-system", Map.of("k8s-app", "kube-dns"), Port.tcp(9153));
        assertThat(oracle.allows(oracle.pod("Deployment", "metrics-demo-prometheus"), coredns, "TCP", 9153))
                .as("nothing opened on a guess").isFalse();
    }
}
