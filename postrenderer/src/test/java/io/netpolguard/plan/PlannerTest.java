package io.netpolguard.plan;

import io.netpolguard.error.InputException;
import io.netpolguard.NetpolGuard;
import io.netpolguard.Result;
import io.netpolguard.Settings;
import io.netpolguard.config.Config;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.Scope;
import io.netpolguard.model.WorkloadKind;
import io.netpolguard.read.ManifestReader;
import io.netpolguard.testing.WorkloadYaml;
import io.netpolguard.verify.Coverage;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.netpolguard.testing.Manifests.deployment;
import static io.netpolguard.testing.Manifests.job;
import static io.netpolguard.testing.Manifests.policy;
import static io.netpolguard.testing.Manifests.statefulSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the release is isolated: what is labelled, which policies are generated, and what is left to the chart. */
class PlannerTest {

    private static final String WEB = web().toString();
    private static final String DB = db().toString();
    private static final String DB_INGRESS_POLICY = policy("shop-db").selects("app", "db").types("Ingress")
            .spec("ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]").toString();
    private static final String MIGRATION_HOOK = job("shop-migrate").podLabels("app", "migrate")
            .annotation("helm.sh/hook", "pre-install,pre-upgrade").annotation("helm.sh/hook-weight", "-5")
            .podSpec("restartPolicy: Never\ncontainers: [{name: m, image: flyway}]").toString();

    private static WorkloadYaml web() {
        return deployment("shop-web").podLabels("app", "web").container("web", "nginx");
    }

    private static WorkloadYaml db() {
        return statefulSet("shop-db").podLabels("app", "db").container("db", "postgres");
    }

    private static Result run(String stream, Settings settings) {
        return NetpolGuard.run(stream.getBytes(StandardCharsets.UTF_8), settings);
    }

    private static Result run(String stream) {
        return run(stream, Settings.defaults().withRelease("shop"));
    }

    private static String output(Result result) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        result.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The documents appended after the input's, as parsed YAML. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> generated(Result result) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(output(result))) {
            Map<String, Object> map = (Map<String, Object>) doc;
            Map<String, Object> labels = (Map<String, Object>) ((Map<String, Object>) map.get("metadata")).get("labels");
            if (labels != null && "true".equals(labels.get("netpol-guard.io/generated"))) {
                docs.add(map);
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Object tree, String... path) {
        Object node = tree;
        for (String key : path) {
            node = key.matches("\\d+") ? ((List<Object>) node).get(Integer.parseInt(key))
                    : ((Map<String, Object>) node).get(key);
        }
        return (T) node;
    }

    @Test
    void aChartWithoutPoliciesGetsOneReleasePolicyForBothDirections() throws IOException {
        Result result = run(WEB + DB);

        List<Map<String, Object>> policies = generated(result);
        assertThat(policies).hasSize(1);
        Map<String, Object> policy = policies.get(0);
        assertThat((String) at(policy, "metadata", "name")).isEqualTo("shop-netpol-guard");
        assertThat((Object) at(policy, "metadata", "namespace")).isNull();
        assertThat((Map<String, Object>) at(policy, "spec", "podSelector"))
                .isEqualTo(Map.of("matchLabels", Map.of("netpol-guard.io/release", "shop")));
        assertThat((List<String>) at(policy, "spec", "policyTypes")).containsExactly("Ingress", "Egress");
        assertThat((Object) at(policy, "spec", "ingress", "0", "from", "0"))
                .isEqualTo(Map.of("podSelector", Map.of("matchLabels", Map.of("netpol-guard.io/release", "shop"))));
        assertThat((Object) at(policy, "spec", "egress", "0", "to", "0"))
                .isEqualTo(Map.of("podSelector", Map.of("matchLabels", Map.of("netpol-guard.io/release", "shop"))));
        assertThat(result.coverage()).isNotEmpty()
                .allSatisfy(c -> assertThat(c.labels()).containsEntry("netpol-guard.io/release", "shop"));
    }

    @Test
    void dnsIsReachableOnlyAtKubeDnsPodsInKubeSystemOnPort53() throws IOException {
        Map<String, Object> policy = generated(run(WEB)).get(0);

        Map<String, Object> dnsRule = at(policy, "spec", "egress", "1");
        assertThat((List<Object>) at(dnsRule, "to")).hasSize(1);
        assertThat((Object) at(dnsRule, "to", "0")).isEqualTo(Map.of(
                "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "kube-system")),
                "podSelector", Map.of("matchLabels", Map.of("k8s-app", "kube-dns"))));
        assertThat((List<Object>) at(dnsRule, "ports")).containsExactly(
                Map.of("protocol", "UDP", "port", 53), Map.of("protocol", "TCP", "port", 53));
    }

    @Test
    void aWorkloadTheChartIsolatesForIngressGetsOnlyAnEgressPolicy() throws IOException {
        Result result = run(WEB + DB + DB_INGRESS_POLICY);

        Coverage db = result.coverage().stream().filter(c -> c.workload().name().equals("shop-db")).findFirst()
                .orElseThrow();
        assertThat(db.ingress()).containsExactly("shop-db");
        assertThat(db.egress()).containsExactly("netpol-guard-statefulset-shop-db");
        Coverage web = result.coverage().stream().filter(c -> c.workload().name().equals("shop-web")).findFirst()
                .orElseThrow();
        assertThat(web.ingress()).containsExactly("netpol-guard-deployment-shop-web");
        assertThat(web.egress()).containsExactly("netpol-guard-deployment-shop-web");

        Map<String, Object> dbPolicy = generated(result).stream()
                .filter(p -> at(p, "metadata", "name").equals("netpol-guard-statefulset-shop-db")).findFirst()
                .orElseThrow();
        assertThat((List<String>) at(dbPolicy, "spec", "policyTypes")).containsExactly("Egress");
        assertThat(dbPolicy.get("spec")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .doesNotContainKey("ingress");
    }

    @Test
    void aChartPolicyThatSelectsEveryPodLeavesNothingToGenerate() throws IOException {
        String allPods = policy("default-deny").selectsAll().types("Ingress", "Egress").toString();
        Result result = run(WEB + DB + allPods);

        assertThat(result.generated()).isEmpty();
        assertThat(result.refused()).isFalse();
    }

    private static final String CANARY = deployment("shop-web-canary").podLabels("app", "web", "track", "canary")
            .selector("app", "web").container("web", "nginx").toString();
    private static final String CANARY_INGRESS_POLICY = policy("canary").selects("track", "canary").types("Ingress")
            .toString();

    @Test
    void aWorkloadWhoseOwnSelectorAlsoMatchesChartIsolatedPodsGetsAWorkloadLabelSoNothingIsWidened()
            throws IOException {
        Result result = run(WEB + CANARY + CANARY_INGRESS_POLICY);

        Coverage web = result.coverage().get(0);
        assertThat(web.labels()).containsEntry("netpol-guard.io/workload", "deployment-shop-web");
        assertThat(web.ingress()).containsExactly("netpol-guard-deployment-shop-web");
        Coverage canary = result.coverage().get(1);
        assertThat(canary.ingress()).as("the canary's ingress stays the chart's alone").containsExactly("canary");
        assertThat(canary.egress()).containsExactly("netpol-guard-deployment-shop-web-canary");
        Map<String, Object> webPolicy = generated(result).get(0);
        assertThat((Object) at(webPolicy, "spec", "podSelector")).isEqualTo(Map.of("matchLabels", Map.of(
                "netpol-guard.io/release", "shop", "netpol-guard.io/workload", "deployment-shop-web")));
        assertThat(output(result)).contains("""
                        netpol-guard.io/release: "shop"
                        netpol-guard.io/workload: "deployment-shop-web"
                        app: web
                """);
        assertThat(result.warnings()).isEmpty();
    }

    @Test
    void withoutLabelInjectionSuchAWorkloadIsLeftOpenWithAWarningRatherThanWidenTheChartPolicy() {
        Result result = run(WEB + CANARY + CANARY_INGRESS_POLICY,
                new Settings("shop", null, false, false, Config.defaults()));

        Coverage web = result.coverage().get(0);
        assertThat(web.ingress()).isEmpty();
        assertThat(web.egress()).isNotEmpty();
        assertThat(result.coverage().get(1).ingress()).containsExactly("canary");
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w)
                .contains("leaves ingress of Deployment (release namespace)/shop-web open",
                        "Deployment (release namespace)/shop-web-canary"));
        assertThat(result.refused()).isFalse();
    }

    @Test
    void hookWorkloadsAlsoGetTheIsolationPolicyAsALowWeightPreInstallHook() throws IOException {
        Result result = run(WEB + MIGRATION_HOOK);

        List<Map<String, Object>> policies = generated(result);
        assertThat(policies).extracting(p -> at(p, "metadata", "name"))
                .containsExactly("shop-netpol-guard", "shop-netpol-guard-hooks");
        Map<String, Object> hook = policies.get(1);
        Map<String, Object> annotations = at(hook, "metadata", "annotations");
        assertThat(annotations).containsEntry("helm.sh/hook", "pre-install,pre-upgrade")
                .containsEntry("helm.sh/hook-weight", "-6")
                .containsEntry("helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded");
        assertThat((Object) at(hook, "spec", "podSelector")).isEqualTo(at(policies.get(0), "spec", "podSelector"));
    }

    @Test
    void aHooksOnlyStreamGetsOnlyTheHookPolicy() throws IOException {
        Result result = run(MIGRATION_HOOK);

        assertThat(generated(result)).extracting(p -> at(p, "metadata", "name"))
                .containsExactly("shop-netpol-guard-hooks");
        assertThat(result.refused()).isFalse();
    }

    @Test
    void workloadsInSeveralNamespacesNeedTheReleaseNamespaceToNameEachOther() {
        String elsewhere = db().namespace("data").toString();

        assertThatThrownBy(() -> run(WEB + elsewhere)).isInstanceOf(InputException.class)
                .hasMessageContaining("[data]")
                .extracting(e -> ((InputException) e).suggestion()).asString()
                .contains("--post-renderer-args=--namespace=");
    }

    @Test
    void policiesOfEachNamespaceAdmitTheReleasePodsOfTheOtherNamespaces() throws IOException {
        String elsewhere = db().namespace("data").toString();
        Result result = run(WEB + elsewhere, new Settings("shop", "team-a", false, true, Config.defaults()));

        List<Map<String, Object>> policies = generated(result);
        assertThat(policies).hasSize(2);
        Map<String, Object> data = policies.stream().filter(p -> "data".equals(at(p, "metadata", "namespace")))
                .findFirst().orElseThrow();
        assertThat((List<Object>) at(data, "spec", "ingress", "0", "from")).contains(Map.of(
                "namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "team-a")),
                "podSelector", Map.of("matchLabels", Map.of("netpol-guard.io/release", "shop"))));
    }

    @Test
    void withoutLabelInjectionPodsAreSelectedByTheirWorkloadsOwnSelectors() throws IOException {
        Result result = run(WEB + DB, new Settings("shop", null, false, false, Config.defaults()));

        assertThat(output(result)).doesNotContain("netpol-guard.io/release: \"shop\"");
        List<Map<String, Object>> policies = generated(result);
        assertThat(policies).extracting(p -> at(p, "spec", "podSelector"))
                .containsExactly(Map.of("matchLabels", Map.of("app", "web")), Map.of("matchLabels", Map.of("app", "db")));
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("Deployment", "shop-web",
                "app.kubernetes.io/instance=shop", "other releases"));
        assertThat(result.refused()).isFalse();
    }

    @Test
    void withoutLabelInjectionAWorkloadWithoutPodLabelsIsAnInputErrorThatSaysWhatToDo() {
        String bare = job("shop-once").podLabels().container("x", "busybox").toString();
        assertThatThrownBy(() -> run(WEB + bare, new Settings("shop", null, false, false, Config.defaults())))
                .isInstanceOf(InputException.class).hasMessageContaining("shop-once", "no labels")
                .extracting(e -> ((InputException) e).suggestion()).asString()
                .contains("without --no-inject-labels");
    }

    @Test
    void checkOnlyAddsNothingAndRefusesWorkloadsNoPolicySelects() {
        Result result = run(WEB + DB + DB_INGRESS_POLICY, new Settings("shop", null, true, true, Config.defaults()));

        assertThat(result.generated()).isEmpty();
        assertThat(result.unselected()).extracting(c -> c.workload().name()).containsExactly("shop-web");
    }

    @Test
    void workloadsInExemptNamespacesAreNeitherLabelledNorChecked() throws IOException {
        String system = web().namespace("kube-system").toString();
        Result result = run(system);

        assertThat(result.coverage()).isEmpty();
        assertThat(output(result)).isEqualTo(system);
    }

    @Test
    void theSameInputAlwaysGivesTheSameBytesAndASecondRunChangesNothing() throws IOException {
        String stream = WEB + DB + DB_INGRESS_POLICY + MIGRATION_HOOK;
        String first = output(run(stream));

        assertThat(output(run(stream))).isEqualTo(first);
        assertThat(output(run(first))).isEqualTo(first);
    }

    @Test
    void hostNetworkPodsAreReportedAsNotGovernedByNetworkPolicies() {
        String hostNetwork = web().hostNetwork().toString();
        Result result = run(hostNetwork);

        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("shop-web", "hostNetwork: true",
                "not isolated"));
        assertThat(run(WEB).warnings()).isEmpty();
    }

    @Test
    void aPodTemplateLabelledForAnotherReleaseIsAnError() {
        String other = web().podLabels("app", "web", "netpol-guard.io/release", "blog").selector("app", "web").toString();

        assertThatThrownBy(() -> run(other)).isInstanceOf(InputException.class)
                .hasMessageContaining("netpol-guard.io/release=blog");
    }

    @Test
    void onePlannerPlansManyStreamsEachAsAFreshPlannerWould() {
        Config config = Config.defaults().withSegregate(true);
        Scope scope = new Scope("team-a", config.exemptNamespaces());
        Planner planner = new Planner("shop", true, scope, config);
        for (String stream : List.of(WEB + DB + DB_INGRESS_POLICY, WEB, DB + DB_INGRESS_POLICY)) {
            Manifest manifest = new ManifestReader(WorkloadKind.BUILT_IN).read(stream.getBytes(StandardCharsets.UTF_8));
            Plan reused = planner.plan(manifest, manifest.workloads());
            Manifest again = new ManifestReader(WorkloadKind.BUILT_IN).read(stream.getBytes(StandardCharsets.UTF_8));
            Plan fresh = new Planner("shop", true, scope, config).plan(again, again.workloads());

            assertThat(reused.policies()).as("policies").hasSameSizeAs(fresh.policies());
            for (int i = 0; i < fresh.policies().size(); i++) {
                assertThat(reused.policies().get(i).name()).isEqualTo(fresh.policies().get(i).name());
                assertThat(reused.policies().get(i).podSelector()).isEqualTo(fresh.policies().get(i).podSelector());
            }
            assertThat(reused.labelAdds().values()).containsExactlyElementsOf(fresh.labelAdds().values());
            assertThat(reused.chartDecides()).hasSameSizeAs(fresh.chartDecides());
            assertThat(reused.warnings()).isEqualTo(fresh.warnings());
        }
    }
}
