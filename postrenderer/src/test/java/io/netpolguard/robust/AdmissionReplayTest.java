package io.netpolguard.robust;

import io.netpolguard.cli.PostRenderer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays a Helm 4 install in the order Helm creates objects (FACTS.md: each hook event's hooks by weight then name,
 * hook-succeeded deletions after the event; regular manifests in Helm's install kind order) against the
 * {@link Gatekeeper} model, which admits a workload only when a NetworkPolicy already stored in its namespace
 * selects its pods.
 */
class AdmissionReplayTest {

    private static final String NAMESPACE = "team-a";

    /** Helm's InstallOrder (pkg/release/util/kind_sorter.go); other kinds come after these. */
    private static final List<String> INSTALL_ORDER = List.of("PriorityClass", "Namespace", "NetworkPolicy",
            "ResourceQuota", "LimitRange", "PodSecurityPolicy", "PodDisruptionBudget", "ServiceAccount", "Secret",
            "SecretList", "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
            "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
            "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList", "Service", "DaemonSet",
            "Pod", "ReplicationController", "ReplicaSet", "Deployment", "HorizontalPodAutoscaler", "StatefulSet",
            "Job", "CronJob", "IngressClass", "Ingress", "APIService", "MutatingWebhookConfiguration",
            "ValidatingWebhookConfiguration");

    /** What happened to each workload, in creation order. */
    record Admission(String event, String kind, String name, String denial) {
    }

    /** Replays `helm install` (then `helm test`) of a Helm 4 stream. */
    static List<Admission> install(byte[] stream) {
        List<Map<String, Object>> objects = Gatekeeper.objects(stream);
        List<Map<String, Object>> stored = new ArrayList<>();
        List<Admission> admissions = new ArrayList<>();
        for (String event : List.of("pre-install", "", "post-install", "test")) {
            List<Map<String, Object>> created = new ArrayList<>();
            List<Map<String, Object>> batch = objects.stream().filter(o -> event.isEmpty()
                    ? hookEvents(o).isEmpty() : hookEvents(o).contains(event)).toList();
            Comparator<Map<String, Object>> order = event.isEmpty()
                    ? Comparator.comparingInt(AdmissionReplayTest::kindRank)
                    : Comparator.<Map<String, Object>>comparingInt(AdmissionReplayTest::weight)
                            .thenComparing(AdmissionReplayTest::name);
            for (Map<String, Object> o : batch.stream().sorted(order).toList()) {
                if (Gatekeeper.podLabels(o) != null) {
                    admissions.add(new Admission(event.isEmpty() ? "install" : event, String.valueOf(o.get("kind")),
                            name(o), Gatekeeper.admit(o, stored, NAMESPACE)));
                }
                if (Gatekeeper.isNetworkPolicy(o)) {
                    stored.add(o);
                }
                created.add(o);
            }
            for (Map<String, Object> o : created) {
                if (!event.isEmpty() && annotation(o, "helm.sh/hook-delete-policy").contains("hook-succeeded")) {
                    stored.remove(o);
                }
            }
        }
        return admissions;
    }

    private static int kindRank(Map<String, Object> o) {
        int i = INSTALL_ORDER.indexOf(String.valueOf(o.get("kind")));
        return i < 0 ? INSTALL_ORDER.size() : i;
    }

    private static int weight(Map<String, Object> o) {
        String w = annotation(o, "helm.sh/hook-weight").strip();
        return w.isEmpty() ? 0 : Integer.parseInt(w);
    }

    private static String name(Map<String, Object> o) {
        return o.get("metadata") instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : "";
    }

    private static List<String> hookEvents(Map<String, Object> o) {
        String hook = annotation(o, "helm.sh/hook");
        // Helm reads "test-success", the Helm 2 spelling, as "test".
        return hook.isBlank() ? List.of() : Arrays.stream(hook.split(",")).map(String::strip)
                .map(e -> e.equals("test-success") ? "test" : e).toList();
    }

    private static String annotation(Map<String, Object> o, String key) {
        if (o.get("metadata") instanceof Map<?, ?> m && m.get("annotations") instanceof Map<?, ?> a
                && a.get(key) != null) {
            return String.valueOf(a.get(key));
        }
        return "";
    }

    private static byte[] webshop() throws IOException {
        try (InputStream in = AdmissionReplayTest.class.getResourceAsStream("/robust/webshop.helm4.yaml")) {
            return in.readAllBytes();
        }
    }

    @Test
    void withoutNetpolGuardTheWebshopIsRefusedAtItsPreInstallMigrationJobWithTheAdmissionMessage() throws IOException {
        List<Admission> admissions = install(webshop());

        Admission first = admissions.get(0);
        assertThat(first.event()).isEqualTo("pre-install");
        assertThat(first.name()).isEqualTo("shop-webshop-migrate");
        assertThat(first.denial()).startsWith("admission webhook \"validation.gatekeeper.sh\" denied the request:"
                + " [denied by require-networkpolicy] No matching networkpolicy found");
        assertThat(admissions).allMatch(a -> a.denial() != null, "every workload is denied");
    }

    @Test
    void withNetpolGuardEveryWebshopWorkloadIsAdmittedTheMigrationHookIncluded() throws IOException {
        PostRenderer.Run run = PostRenderer.run(webshop(), "--release=shop");
        assertThat(run.exit()).as(run.stderr()).isZero();

        List<Admission> admissions = install(run.stdout());

        assertThat(admissions).extracting(Admission::event, Admission::kind, Admission::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple("pre-install", "Job", "shop-webshop-migrate"),
                org.assertj.core.groups.Tuple.tuple("install", "Deployment", "shop-webshop-backend"),
                org.assertj.core.groups.Tuple.tuple("install", "Deployment", "shop-webshop-frontend"),
                org.assertj.core.groups.Tuple.tuple("install", "StatefulSet", "shop-webshop-db"),
                org.assertj.core.groups.Tuple.tuple("install", "CronJob", "shop-webshop-report"));
        assertThat(admissions).allSatisfy(a -> assertThat(a.denial()).as(a.toString()).isNull());
    }

    @Test
    void theReplayDeletesTheHookPolicyAfterItsEventSoRegularWorkloadsNeedTheRegularPolicy() throws IOException {
        PostRenderer.Run run = PostRenderer.run(webshop(), "--release=shop");
        String withoutRegularPolicies = java.util.Arrays.stream(run.out().split("(?=---\n)"))
                .filter(d -> !d.contains("netpol-guard.io/generated: \"true\"") || d.contains("helm.sh/hook:"))
                .collect(java.util.stream.Collectors.joining());
        assertThat(withoutRegularPolicies).isNotEqualTo(run.out()).contains("shop-netpol-guard-hooks");

        List<Admission> admissions = install(withoutRegularPolicies.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(admissions.get(0).denial()).isNull();
        assertThat(admissions.subList(1, admissions.size())).allMatch(a -> a.denial() != null);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"podinfo", "ingress-nginx", "cert-manager", "kube-prometheus-stack", "argo-cd",
            "welkin-user-demo"})
    void withNetpolGuardEveryWorkloadOfAHelm4CorpusStreamWithHooksIsAdmitted(String chart) throws IOException {
        Path corpus = Streams.corpusDir();
        Assumptions.assumeTrue(corpus != null, "the shared corpus is not beside this checkout");
        byte[] input = Files.readAllBytes(corpus.resolve(chart + ".helm4.yaml"));
        PostRenderer.Run run = PostRenderer.run(input, "--release=" + chart, "--namespace=" + NAMESPACE);
        assertThat(run.exit()).as(run.stderr()).isZero();

        List<Admission> admissions = install(run.stdout());

        assertThat(admissions).as("hook workloads").anyMatch(a -> !a.event().equals("install"));
        assertThat(admissions).allSatisfy(a -> assertThat(a.denial()).as(a.toString()).isNull());
    }
}
