package io.netpolguard.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.netpolguard.cli.PostRenderer;
import io.netpolguard.oracle.Oracle;
import io.netpolguard.oracle.Pod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code netpol-guard export}: what it writes, judged against the post-renderer's output on the same stream. */
class ExportTest {

    @TempDir
    Path tmp;

    /** Every workload kind and place a patch must reach: the pod template's labels as the post-renderer edits them. */
    static final String KINDS = resource("/export/every-pod-template-shape.yaml");

    static final String ROLLOUTS = """
            workloadKinds:
              - {apiVersion: argoproj.io/v1alpha1, kind: Rollout, podTemplatePath: spec.template}
            """;

    static String webshop() {
        return resource("/robust/webshop.helm4.yaml");
    }

    private static String resource(String name) {
        try (InputStream in = ExportTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path config() throws IOException {
        return Files.writeString(tmp.resolve("config.yaml"), ROLLOUTS);
    }

    @Test
    void eachWorkloadGetsOnePatchAtThePodTemplateLabelsOfItsKind() throws IOException {
        Exported e = Exported.of(tmp.resolve("out"), KINDS, "--release=app", "--namespace=team-a", "--config=" + config());
        assertThat(e.run().exit()).as(e.run().stderr()).isZero();

        Map<String, Object> component = e.yaml("kustomization.yaml");
        assertThat(component).containsEntry("apiVersion", "kustomize.config.k8s.io/v1alpha1")
                .containsEntry("kind", "Component").containsEntry("resources", List.of("networkpolicies.yaml"));
        Map<String, String> pathByKind = new java.util.TreeMap<>();
        for (Map<String, Object> p : e.patches()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> target = (Map<String, Object>) p.get("target");
            List<Map<String, Object>> ops = new Yaml().load((String) p.get("patch"));
            pathByKind.put(target.get("kind") + " " + target.get("name") + " " + target.get("namespace"),
                    labelsPath(ops));
        }
        assertThat(pathByKind).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Deployment web\\.v2 other", "spec.template.metadata.labels",
                "Deployment web\\.v2 default", "spec.template.metadata.labels",
                "CronJob report null", "spec.jobTemplate.spec.template.metadata.labels",
                "Pod debug null", "metadata.labels",
                "Job migrate null", "spec.template.metadata.labels",
                "Rollout canary null", "spec.template.metadata.labels",
                "StatefulSet db null", "spec.template.metadata.labels",
                "DaemonSet agent null", "spec.template.metadata.labels",
                "ReplicaSet legacy null", "spec.template.metadata.labels"));
    }

    @Test
    void aJsonPatchAddsIntoExistingLabelsElseTheWholeMapWhereTheTemplateHasNone() throws IOException {
        Exported e = Exported.of(tmp.resolve("out"), KINDS, "--release=app", "--namespace=team-a",
                "--config=" + config(), "--segregate");
        Map<String, String> firstPath = new java.util.TreeMap<>();
        for (Map<String, Object> p : e.patches()) {
            List<Map<String, Object>> ops = new Yaml().load((String) p.get("patch"));
            firstPath.put(String.valueOf(((Map<?, ?>) p.get("target")).get("name")), ops.size() + " "
                    + ops.get(0).get("path"));
        }
        assertThat(firstPath).containsEntry("report",
                        "2 /spec/jobTemplate/spec/template/metadata/labels/netpol-guard.io~1release")
                .containsEntry("debug", "2 /metadata/labels/netpol-guard.io~1release")
                .containsEntry("db", "1 /spec/template/metadata/labels")
                .containsEntry("agent", "1 /spec/template/metadata/labels")
                .containsEntry("legacy", "1 /spec/template/metadata");
    }

    @Test
    void targetsNameGroupVersionAndKindSoThatEachSelectsItsObjectAlone() throws IOException {
        Exported e = Exported.of(tmp.resolve("out"), KINDS, "--release=app", "--namespace=team-a", "--config=" + config());

        @SuppressWarnings("unchecked")
        Map<String, Object> rollout = (Map<String, Object>) e.patches().stream()
                .map(p -> p.get("target")).filter(t -> ((Map<?, ?>) t).get("kind").equals("Rollout"))
                .findFirst().orElseThrow();
        assertThat(rollout).containsEntry("group", "argoproj\\.io").containsEntry("version", "v1alpha1")
                .containsEntry("name", "canary").doesNotContainKey("namespace");
        // Applying every patch as kustomize does matches exactly one object each (Exported.apply checks it).
        assertThat(e.applied(KINDS)).contains("netpol-guard.io/release: app");
    }

    @Test
    void patchedPodTemplatesCarryExactlyThePostRenderersLabels() throws IOException {
        Exported e = Exported.of(tmp.resolve("out"), KINDS, "--release=app", "--namespace=team-a", "--config=" + config(),
                "--segregate");
        PostRenderer.Run post = PostRenderer.run(KINDS, "--release=app", "--namespace=team-a", "--config=" + config(), "--segregate");
        assertThat(post.exit()).as(post.stderr()).isZero();

        assertThat(podLabels(e.applied(KINDS))).isEqualTo(podLabels(post.out()));
    }

    @Test
    void withoutLabelInjectionThereIsNoPatch() throws IOException {
        Exported e = Exported.of(tmp.resolve("out"), webshop(), "--release=shop", "--no-inject-labels");
        assertThat(e.run().exit()).as(e.run().stderr()).isZero();

        assertThat(e.patches()).isEmpty();
        assertThat(e.file("networkpolicies.yaml")).contains("kind: NetworkPolicy");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--segregate=false", "--segregate", "--no-inject-labels"})
    void theWebShopExportedConnectsExactlyAsThePostRenderersOutput(String mode) throws IOException {
        String stream = webshop();
        Exported e = Exported.of(tmp.resolve("out"), stream, "--release=shop", mode);
        PostRenderer.Run post = PostRenderer.run(stream, "--release=shop", mode);
        assertThat(post.exit()).as(post.stderr()).isZero();

        Oracle exported = Oracle.of(e.applied(stream)).releaseNamespace("team-a");
        Oracle rendered = Oracle.of(post.out()).releaseNamespace("team-a");
        assertSameConnectivity(exported, rendered);
    }

    @Test
    void thePoliciesAreTheDocumentsThePostRendererAppendsUnderHelm3() throws IOException {
        String helm3 = webshop().replaceAll("(?m)^ +postrenderer\\.helm\\.sh/postrender-filename: .*\\n", "");
        Exported e = Exported.of(tmp.resolve("out"), helm3, "--release=shop", "--segregate");
        PostRenderer.Run post = PostRenderer.run(helm3, "--release=shop", "--segregate");

        String appended = post.out().substring(post.out().indexOf("---\n# Source: netpol-guard/"));
        String policies = e.file("networkpolicies.yaml");
        assertThat(policies.substring(policies.indexOf("---\n"))).isEqualTo(appended);
    }

    @Test
    void fluxGetsTheSamePatchesAsAHelmReleasePostRendererAndTheValidPoliciesInTheReleaseNamespace()
            throws IOException {
        String stream = webshop();
        Exported component = Exported.of(tmp.resolve("component"), stream, "--release=shop", "--namespace=team-a");
        Exported flux = Exported.of(tmp.resolve("flux"), stream, "--release=shop", "--namespace=team-a",
                "--format=flux");
        assertThat(flux.run().exit()).as(flux.run().stderr()).isZero();

        Map<String, Object> release = flux.yaml("helmrelease-patch.yaml");
        assertThat(release).containsEntry("apiVersion", "helm.toolkit.fluxcd.io/v2")
                .containsEntry("kind", "HelmRelease");
        Object patches = ((Map<?, ?>) ((List<?>) ((Map<?, ?>) release.get("spec")).get("postRenderers")).get(0))
                .get("kustomize");
        assertThat(((Map<?, ?>) patches).get("patches")).isEqualTo(component.patches());

        Map<String, Object> kustomization = flux.yaml("policies/kustomization.yaml");
        assertThat(kustomization).containsEntry("resources", List.of("networkpolicies.yaml"));
        Map<String, Object> transformer = new Yaml().load((String) ((List<?>) kustomization.get("transformers"))
                .get(0));
        assertThat(transformer).containsEntry("kind", "NamespaceTransformer").containsEntry("unsetOnly", true);
        assertThat(((Map<?, ?>) transformer.get("metadata")).get("namespace")).isEqualTo("team-a");

        String fluxPolicies = flux.file("policies/networkpolicies.yaml");
        String componentPolicies = component.file("networkpolicies.yaml");
        assertThat(fluxPolicies.substring(fluxPolicies.indexOf("---\n")))
                .isEqualTo(componentPolicies.substring(componentPolicies.indexOf("---\n")));
        List<Map<String, Object>> policies = Exported.load(flux.file("policies/networkpolicies.yaml"));
        assertThat(policies).hasSize(3);
        for (Map<String, Object> doc : policies) {
            NetworkPolicy policy = new ObjectMapper().convertValue(doc, NetworkPolicy.class);
            assertThat(policy.getMetadata().getName()).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
            assertThat(policy.getSpec().getPodSelector()).isNotNull();
            assertThat(policy.getAdditionalProperties()).isEmpty();
            assertThat(policy.getSpec().getAdditionalProperties()).isEmpty();
        }
    }

    /** Every pod's labels, by kind and name. */
    private static Map<String, Object> podLabels(String stream) {
        Map<String, Object> labels = new java.util.TreeMap<>();
        for (Map<String, Object> o : Exported.load(stream)) {
            String kind = String.valueOf(o.get("kind"));
            String name = String.valueOf(((Map<?, ?>) o.get("metadata")).get("name"));
            Object ns = ((Map<?, ?>) o.get("metadata")).get("namespace");
            Object at = switch (kind) {
                case "Pod" -> path(o, "metadata", "labels");
                case "CronJob" -> path(o, "spec", "jobTemplate", "spec", "template", "metadata", "labels");
                case "Deployment", "Job", "Rollout", "StatefulSet", "DaemonSet", "ReplicaSet" -> path(o, "spec", "template", "metadata", "labels");
                default -> null;
            };
            if (at != null) {
                labels.put(kind + " " + ns + "/" + name, at);
            }
        }
        return labels;
    }

    private static Object path(Map<String, Object> o, String... keys) {
        Object node = o;
        for (String k : keys) {
            node = node instanceof Map<?, ?> m ? m.get(k) : null;
        }
        return node;
    }

    /** The dotted path of the labels the JSON patch adds to: into them, or as a whole map (or within metadata). */
    private static String labelsPath(List<Map<String, Object>> ops) {
        String path = (String) ops.get(0).get("path");
        String labels = path.endsWith("/metadata") ? path + "/labels"
                : path.endsWith("/labels") ? path : path.substring(0, path.lastIndexOf('/'));
        return labels.substring(1).replace('/', '.');
    }

    /** The same verdict for every pair of pods on every port either opens, and the same isolation. */
    private static void assertSameConnectivity(Oracle exported, Oracle rendered) {
        List<Pod> pods = rendered.pods();
        assertThat(exported.pods()).hasSameSizeAs(pods);
        for (Pod a : pods) {
            Pod ea = exported.pod("team-a", a.kind(), a.name());
            assertThat(exported.isolated(ea, true)).as("ingress isolation of %s", a).isEqualTo(rendered.isolated(a, true));
            assertThat(exported.isolated(ea, false)).as("egress isolation of %s", a)
                    .isEqualTo(rendered.isolated(a, false));
            for (Pod b : pods) {
                Pod eb = exported.pod("team-a", b.kind(), b.name());
                for (int port : new int[] {53, 80, 443, 5432, 8080, 9999}) {
                    assertThat(exported.allows(ea, eb, "TCP", port)).as("%s -> %s on %d: %s", a, b, port,
                            rendered.why(a, b, "TCP", port)).isEqualTo(rendered.allows(a, b, "TCP", port));
                }
                assertThat(exported.allows(ea, "10.0.0.1", "TCP", 443)).isEqualTo(rendered.allows(a, "10.0.0.1",
                        "TCP", 443));
                assertThat(exported.allows("10.0.0.1", eb, "TCP", 8080)).isEqualTo(rendered.allows("10.0.0.1", b,
                        "TCP", 8080));
            }
        }
    }
}
