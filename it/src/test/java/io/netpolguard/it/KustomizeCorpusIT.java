package io.netpolguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.netpolguard.NetpolGuard;
import io.netpolguard.Result;
import io.netpolguard.Settings;
import io.netpolguard.config.Config;
import io.netpolguard.config.ConfigReader;
import io.netpolguard.config.Words;
import io.netpolguard.export.ExportFiles;
import io.netpolguard.export.ExportFormat;
import io.netpolguard.export.GitOpsExport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every stream of the corpus (twelve charts, as Helm 3.17 and Helm 4.1 hand them to a post-renderer): the exported
 * patches, applied by real kustomize (a kustomization with the stream as its resource and the Component), give every
 * pod template exactly the labels of the post-renderer's output, and change nothing else; and, for Flux, the
 * HelmRelease's post-renderer patches applied as helm-controller applies them (the rendered manifests as the one
 * resource of an in-memory kustomization, the patches as its patches) do the same.
 */
class KustomizeCorpusIT {

    @BeforeAll
    static void realKustomize() {
        E2e.assumeHelmWanted();
        GitOps.kubectl();
    }

    static Stream<Arguments> streams() {
        // The corpus is optional (beside the checkout); the shapes always run.
        List<Arguments> all = new ArrayList<>();
        all.add(Arguments.of("shapes", false));
        all.add(Arguments.of("shapes", true));
        for (Path stream : corpusIfPresent()) {
            if (stream.getFileName().toString().endsWith(".helm3.yaml")
                    || stream.getFileName().toString().endsWith(".helm4.yaml")) {
                for (boolean segregate : new boolean[] {false, true}) {
                    all.add(Arguments.of(stream.getFileName().toString(), segregate));
                }
            }
        }
        return all.stream();
    }

    private static List<Path> corpusIfPresent() {
        String dir = System.getProperty("netpolguard.corpus", "");
        return dir.isBlank() || !Files.isDirectory(Path.of(dir)) ? List.of() : GitOps.corpus(".yaml");
    }

    @ParameterizedTest(name = "{0}, segregate {1}")
    @MethodSource("streams")
    void theComponentsPatchesLabelEveryPodTemplateAsThePostRendererDoesAndChangeNothingElse(String file,
            boolean segregate) throws IOException {
        Case c = Case.of(file, segregate);
        Path dir = E2e.freshDir("corpus", file + (segregate ? "-segregated" : ""));
        // kustomize reads resource files only in or below the kustomization's folder: a copy in each.
        GitOps.write(dir.resolve("plain/kustomization.yaml"), "resources: [stream.yaml]\n");
        Files.write(dir.resolve("plain/stream.yaml"), c.input);
        GitOps.write(dir.resolve("isolated/kustomization.yaml"),
                "resources: [stream.yaml]\ncomponents: [../netpol-guard]\n");
        Files.write(dir.resolve("isolated/stream.yaml"), c.input);
        ExportFiles.write(GitOpsExport.of(c.result, ExportFormat.COMPONENT, "team-a", "test", Words.COMMAND),
                dir.resolve("netpol-guard"), Words.COMMAND);

        Manifests plain = Manifests.parse(GitOps.kustomize(dir.resolve("plain"), null));
        Manifests isolated = Manifests.parse(GitOps.kustomize(dir.resolve("isolated"), null));

        assertThat(GitOps.podLabels(isolated)).as("pod labels after kustomize with the Component")
                .isEqualTo(GitOps.podLabels(c.postRendered()));
        assertOnlyLabelsAndPoliciesChanged(plain, isolated);
    }

    @ParameterizedTest(name = "{0}, segregate {1}")
    @MethodSource("streams")
    void fluxsKustomizePostRendererWithTheExportedPatchesLabelsAsThePostRendererDoes(String file, boolean segregate)
            throws IOException {
        Case c = Case.of(file, segregate);
        Path dir = E2e.freshDir("flux", file + (segregate ? "-segregated" : ""));
        ExportFiles.write(GitOpsExport.of(c.result, ExportFormat.FLUX, "team-a", "test", Words.COMMAND), dir.resolve("export"), Words.COMMAND);
        Files.createDirectories(dir.resolve("run"));
        Files.write(dir.resolve("run/helm-output.yaml"), c.input);
        // helm-controller's postrender.Kustomize: the manifests as the one resource, the patches as written.
        Map<String, Object> release = Manifests.parse(E2e.read(dir.resolve("export/helmrelease-patch.yaml")))
                .docs().get(0);
        Object patches = ((Map<?, ?>) ((List<?>) Manifests.map(release, "spec").get("postRenderers")).get(0))
                .get("kustomize");
        Map<String, Object> kustomization = new java.util.LinkedHashMap<>();
        kustomization.put("resources", List.of("helm-output.yaml"));
        kustomization.put("patches", ((Map<?, ?>) patches).get("patches"));
        GitOps.write(dir.resolve("run/kustomization.yaml"), new org.yaml.snakeyaml.Yaml().dump(kustomization));

        Manifests patched = Manifests.parse(GitOps.kustomize(dir.resolve("run"), null));

        Map<String, Object> expected = GitOps.podLabels(c.postRendered());
        assertThat(GitOps.podLabels(patched)).as("pod labels after Flux's kustomize post-renderer")
                .isEqualTo(expected);
    }

    /** One corpus stream, and the core's run on it (as the post-renderer and the export make it). */
    private record Case(byte[] input, Result result) {

        static Case of(String file, boolean segregate) throws IOException {
            boolean shapes = file.equals("shapes");
            String release = shapes ? "app" : file.substring(0, file.indexOf(".helm"));
            byte[] input = shapes ? Files.readAllBytes(E2e.TEST_STREAMS.resolve("export/every-pod-template-shape.yaml"))
                    : Files.readAllBytes(GitOps.corpus(file).get(0));
            Config config = shapes ? ConfigReader.parse("workloadKinds: [{apiVersion: argoproj.io/v1alpha1,"
                    + " kind: Rollout, podTemplatePath: spec.template}]", "in the test") : Config.defaults();
            config = segregate ? config.withSegregate(true) : config;
            Result result = NetpolGuard.run(input, new Settings(release, "team-a", false, true, config));
            assertThat(result.refused()).as("the post-renderer accepts %s", file).isFalse();
            return new Case(input, result);
        }

        /** What the post-renderer writes. */
        Manifests postRendered() throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            result.writeTo(out);
            return Manifests.parse(out.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * The object without netpol-guard's labels, and without the pod template's {@code labels: null} or
     * {@code metadata: null} or metadata left empty (where the patch put a map to hold the labels).
     */
    private static Map<String, Object> withoutLabels(Map<String, Object> doc) {
        Map<String, Object> copy = Isolation.withoutInjectedLabel(doc);
        for (String[] template : new String[][] {{"spec", "template"}, {"spec", "jobTemplate", "spec", "template"}}) {
            Map<String, Object> t = Manifests.map(copy, template);
            if (t.get("metadata") instanceof Map<?, ?> m) {
                m.values().removeIf(java.util.Objects::isNull); // labels: null, where the patch put the labels
            }
            if (t.containsKey("metadata") && (t.get("metadata") == null || ((Map<?, ?>) t.get("metadata")).isEmpty())) {
                t.remove("metadata");
            }
        }
        return copy;
    }

    /** Every object of the plain build is in the patched one, equal apart from the labels netpol-guard adds. */
    private static void assertOnlyLabelsAndPoliciesChanged(Manifests plain, Manifests patched) {
        for (Map<String, Object> original : plain.docs()) {
            String ns = Manifests.str(original, "metadata", "namespace");
            Map<String, Object> now = patched.docs().stream()
                    .filter(d -> Manifests.id(d).equals(Manifests.id(original))
                            && java.util.Objects.equals(Manifests.str(d, "metadata", "namespace"), ns))
                    .findFirst().orElseThrow(() -> new AssertionError("missing " + Manifests.id(original)));
            assertThat(withoutLabels(now)).as("%s apart from netpol-guard's labels", Manifests.id(original))
                    .isEqualTo(withoutLabels(original));
        }
        assertThat(patched.docs().size() - plain.docs().size()).as("added objects")
                .isEqualTo(Isolation.generatedPolicyNames(patched).size());
    }
}
