package io.netpolguard.plan;

import io.netpolguard.NetpolGuard;
import io.netpolguard.Result;
import io.netpolguard.Settings;
import io.netpolguard.config.Allowance;
import io.netpolguard.config.ConfigReader;
import io.netpolguard.oracle.Oracle;
import io.netpolguard.oracle.Pod;
import io.netpolguard.report.Report;
import io.netpolguard.testing.HelmStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static io.netpolguard.testing.Manifests.deployment;
import static io.netpolguard.testing.Manifests.policy;
import static io.netpolguard.testing.Manifests.service;
import static org.assertj.core.api.Assertions.assertThat;

/** How the allowances resolve what a release's documents say, narrowly, and what they say when they cannot. */
class AllowancesTest {

    /** Two versions of an API behind one LoadBalancer Service whose target port is their port named http. */
    private static final String SERVICE_TWO_BACKENDS = HelmStream.of("shop",
            deployment("api-v1").podLabels("app", "api", "version", "v1").container("api").port("http", 8080)
                    .from("api.yaml"),
            deployment("api-v2").podLabels("app", "api", "version", "v2").container("api").port("http", 9090)
                    .from("api.yaml"),
            service("api").type("LoadBalancer").selects("app", "api").port(null, 443, "http").from("lb.yaml"));

    private static Result run(String stream, String config) {
        Settings s = Settings.defaults().withRelease("shop");
        if (config != null) {
            s = new Settings("shop", "team-a", false, true, ConfigReader.parse(config, "test"));
        }
        return NetpolGuard.run(stream.getBytes(StandardCharsets.UTF_8), s);
    }

    private static String output(Result result) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aNamedTargetPortIsResolvedOnEachPodItReachesAsKubernetesDoes() throws IOException {
        Oracle oracle = Oracle.of(output(run(SERVICE_TWO_BACKENDS, null))).releaseNamespace("team-a");
        Pod v1 = oracle.pod("Deployment", "api-v1");
        Pod v2 = oracle.pod("Deployment", "api-v2");

        assertThat(oracle.allows("198.51.100.1", v1, "TCP", 8080)).isTrue();
        assertThat(oracle.allows("198.51.100.1", v2, "TCP", 9090)).isTrue();
        assertThat(oracle.allows("198.51.100.1", v1, "TCP", 9090)).as("not v1's port").isFalse();
        assertThat(oracle.allows("198.51.100.1", v2, "TCP", 8080)).as("not v2's port").isFalse();
    }

    @Test
    void theReasonOfEveryRuleNamesItsDocumentAndTemplateFileInTheAnnotationAndTheReport() throws IOException {
        Result result = run(SERVICE_TWO_BACKENDS, null);

        assertThat(output(result)).contains("netpol-guard.io/reasons: |\n",
                "ingress[0] externalTraffic: Service api is of type LoadBalancer: traffic from outside the cluster"
                        + " reaches its pods (shop/templates/lb.yaml)");
        assertThat(Report.json(result)).contains("\"allowance\": \"externalTraffic\"", "\"template\": \"shop/templates/lb.yaml\"",
                "\"kind\": \"Service\"", "\"addedBy\": \"netpol-guard\"", "\"ports\": [\n            \"TCP 8080\"");
    }

    @Test
    void podsOnTheHostNetworkGetNoAllowance() {
        Result result = run("""
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: exporter}
                spec:
                  selector: {matchLabels: {app: exporter}}
                  template:
                    metadata: {labels: {app: exporter}, annotations: {prometheus.io/scrape: "true"}}
                    spec:
                      hostNetwork: true
                      containers: [{name: e, ports: [{containerPort: 9100, hostPort: 9100}]}]
                """, null);

        assertThat(result.openings()).isEmpty();
        assertThat(result.warnings()).anyMatch(w -> w.contains("hostNetwork: true"));
    }

    @Test
    void aReferenceToAServiceOutsideTheReleaseOrToAPortItLacksIsAWarningThatSaysWhatToFix() {
        Result result = run(SERVICE_TWO_BACKENDS + """
                ---
                # Source: shop/templates/ingress.yaml
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: shop}
                spec:
                  rules:
                    - http:
                        paths:
                          - {path: /, pathType: Prefix, backend: {service: {name: elsewhere, port: {number: 80}}}}
                          - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {name: grpc}}}}
                """, null);

        assertThat(result.warnings()).contains("Ingress shop (shop/templates/ingress.yaml) sends its"
                + " Ingress backend traffic to Service elsewhere, which is not in the release, so"
                + " netpol-guard opens nothing for it. If that Service belongs to another release, declare the flow"
                + " there (flows: in its configuration).");
        assertThat(result.warnings()).anyMatch(w -> w.startsWith("Ingress shop (shop/templates/ingress.yaml) names port"
                + " grpc of Service api, which has no such port"));
    }

    @Test
    void aWebhookWhoseServiceSelectsNoPodOfTheReleaseIsAWarning() {
        Result result = run(SERVICE_TWO_BACKENDS + """
                ---
                # Source: shop/templates/webhook.yaml
                apiVersion: admissionregistration.k8s.io/v1
                kind: MutatingWebhookConfiguration
                metadata: {name: hook}
                webhooks: [{name: a.example.com, clientConfig: {service: {namespace: team-a, name: hook}}}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: hook}
                spec: {selector: {app: gone}, ports: [{port: 443, targetPort: 8443}]}
                """, null);

        assertThat(result.warnings()).anyMatch(w -> w.startsWith("Service hook, which MutatingWebhookConfiguration"
                + " hook (shop/templates/webhook.yaml) relies on, selects no pod of the release"));
    }

    @Test
    void twoWebhookConfigurationsNamingOneServiceGiveOneOpeningThatNamesBoth() throws IOException {
        String hooked = SERVICE_TWO_BACKENDS + """
                ---
                # Source: shop/templates/mutating.yaml
                apiVersion: admissionregistration.k8s.io/v1
                kind: MutatingWebhookConfiguration
                metadata: {name: hook}
                webhooks: [{name: a.example.com, clientConfig: {service: {namespace: team-a, name: api, port: 443}}}]
                ---
                # Source: shop/templates/validating.yaml
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingWebhookConfiguration
                metadata: {name: hook}
                webhooks: [{name: a.example.com, clientConfig: {service: {namespace: team-a, name: api, port: 443}}}]
                """;
        Result result = run(hooked, "{}");

        assertThat(result.openings()).filteredOn(o -> o.reason().kind() == Allowance.WEBHOOKS
                        && o.workload().name().equals("api-v1"))
                .singleElement().satisfies(o -> assertThat(o.reason().describe()).contains(
                        "MutatingWebhookConfiguration hook, through Service api port 443 (shop/templates/mutating.yaml)",
                        "ValidatingWebhookConfiguration hook, through Service api port 443 (shop/templates/validating.yaml)"));
        String v1Policy = output(result).split("name: netpol-guard-deployment-api-v1-allow", 2)[1].split("\n---", 2)[0];
        assertThat(v1Policy.split("port: 8080", -1)).as("one webhook rule and one load balancer rule:%n%s", v1Policy)
                .hasSize(3);
    }

    @Test
    void anOpeningInADirectionTheChartIsolatesIsLeftToTheChartAndReportedSo() {
        Result result = run(SERVICE_TWO_BACKENDS + policy("api-only-from-web").selects("version", "v1")
                .spec("ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]"), null);

        assertThat(result.chartDecides()).extracting(o -> o.workload().name()).containsExactly("api-v1");
        assertThat(result.generated()).noneMatch(p -> p.ingress() && p.covers().contains("Deployment api-v1"));
        assertThat(Report.json(result)).contains("\"addedBy\": \"none: the chart's own policies isolate this direction\"");
    }

    @Test
    void theConfigurationCanNameApiClientsThatNoBindingOfTheReleaseNames() throws IOException {
        Result result = run(SERVICE_TWO_BACKENDS, """
                apiServer:
                  cidrs: [10.0.0.1/32]
                  workloads: [{podLabels: {version: v2}}]
                """);
        Oracle oracle = Oracle.of(output(result)).releaseNamespace("team-a");

        assertThat(oracle.allows(oracle.pod("Deployment", "api-v2"), "10.0.0.1", "TCP", 6443)).isTrue();
        assertThat(oracle.allows(oracle.pod("Deployment", "api-v1"), "10.0.0.1", "TCP", 6443)).isFalse();
        assertThat(result.openings()).anyMatch(o -> o.reason().why().contains("the configuration names it under"
                + " apiServer.workloads (pods {version=v2})"));
    }

    @Test
    void generatedPolicyNamesStayUniqueWhenAWorkloadIsNamedLikeAnothersPolicy() {
        String stream = deployment("web").podSpec("containers: [{name: web, ports: [{containerPort: 80, hostPort: 80}]}]")
                + deployment("web-allow").podLabels("app", "other").container("web").toString();
        Result result = NetpolGuard.run(stream.getBytes(StandardCharsets.UTF_8),
                new Settings("shop", null, false, false, io.netpolguard.config.Config.defaults()));

        assertThat(result.generated()).extracting(PolicySpec::name).doesNotHaveDuplicates()
                .allMatch(n -> n.length() <= 63).contains("netpol-guard-deployment-web-allow");
    }

    @Test
    void aWorkloadThatNeedsAnOpeningIsSelectedAloneThroughItsWorkloadLabel() throws IOException {
        Oracle oracle = Oracle.of(output(run(SERVICE_TWO_BACKENDS, null))).releaseNamespace("team-a");
        // Another pod of the release with the same chart labels (a Job, say): isolated, and not opened.
        Pod sameLabels = Oracle.pod("team-a", Map.of("app", "api", "version", "v1", "netpol-guard.io/release", "shop"),
                io.netpolguard.oracle.Port.tcp(8080));

        assertThat(oracle.pod("Deployment", "api-v1").labels()).containsEntry("netpol-guard.io/workload",
                "deployment-api-v1");
        assertThat(oracle.allows("198.51.100.1", oracle.pod("Deployment", "api-v1"), "TCP", 8080)).isTrue();
        assertThat(oracle.allows("198.51.100.1", sameLabels, "TCP", 8080)).isFalse();
    }

    @Test
    void aChartPolicyThatBlocksWhatAnAllowanceWouldOpenIsAWarningNamingThePodTheFlowAndThePolicy() {
        Result result = run(SERVICE_TWO_BACKENDS + policy("api-from-web").selects("app", "api")
                .spec("ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: http}]}]"), null);

        assertThat(result.warnings()).contains("NetworkPolicy api-from-web (from the chart) isolates ingress of"
                + " Deployment (release namespace)/api-v1 and does not allow ingress from any address on TCP 8080, which"
                + " it needs (externalTraffic: Service api is of type LoadBalancer: traffic from outside the cluster"
                + " reaches its pods (shop/templates/lb.yaml)). netpol-guard never widens a chart's own policy: open it"
                + " in the chart (its values for that policy), or turn the chart's policy off and let netpol-guard"
                + " isolate the workload.");
    }

    @Test
    void aChartPolicyThatAlreadyAllowsWhatAnAllowanceWouldOpenIsNotWarnedAbout() {
        Result result = run(SERVICE_TWO_BACKENDS + policy("api-public").selects("app", "api")
                .spec("ingress: [{ports: [{port: http}]}]"), null);

        assertThat(result.chartDecides()).hasSize(2);
        assertThat(result.warnings()).noneMatch(w -> w.contains("does not allow"));
    }

    @Test
    void aHelmTestPodThatTheChartLetsReachOnlyDnsIsAWarning() {
        Result result = run(SERVICE_TWO_BACKENDS + """
                ---
                # Source: shop/templates/tests/test.yaml
                apiVersion: v1
                kind: Pod
                metadata:
                  name: api-test
                  labels: {app: api-test}
                  annotations: {helm.sh/hook: test}
                spec: {containers: [{name: wget, args: ["api:443"]}]}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: tests-dns-only}
                spec:
                  podSelector: {matchLabels: {app: api-test}}
                  policyTypes: [Egress]
                  egress: [{ports: [{port: 53, protocol: UDP}]}]
                """, null);

        assertThat(result.warnings()).contains("NetworkPolicy tests-dns-only (from the chart) isolates egress of"
                + " Pod (release namespace)/api-test, a helm test, and lets it reach none of the release's Services"
                + " (api:443), so `helm test` fails. netpol-guard never widens a chart's own policy: let the test pod"
                + " reach the Service in the chart.");
    }
}
