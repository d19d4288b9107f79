package io.netpolguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Helmfile recipes (examples/helmfile): Helmfile is not available here, so each release's Helm command is made as
 * Helmfile makes it (helmfile pkg/state/helmx.go: {@code --post-renderer} from the release or helmDefaults,
 * {@code --post-renderer-args=ARG} per postRendererArgs entry, helmDefaults' entries templated with the release's
 * name and namespace, a release's own entries replacing them) and run with the real Helm each recipe is for.
 */
class HelmfileRecipeIT {

    private static final Path RECIPES = E2e.EXAMPLES.resolve("helmfile");
    private static Helm helm3;
    private static Helm helm4;

    @BeforeAll
    static void realHelm() {
        E2e.assumeHelmWanted();
        E2e.requirePackagedPlugin();
        helm3 = Helm.helm3("helmfile-helm3");
        helm4 = Helm.helm4("helmfile-helm4");
        helm4.installPluginTgz();
    }

    @Test
    void theHelm4RecipeNamesThePluginAndEachReleaseIsIsolatedUnderItsOwnNameAndNamespace() {
        for (Map<String, Object> release : releases("helmfile.yaml")) {
            Proc.Result r = helm4.run(command(recipe("helmfile.yaml"), release, null));

            assertThat(r.exit()).as(r.describe()).isZero();
            String name = String.valueOf(release.get("name"));
            Manifests m = Manifests.parse(r.out());
            Isolation.assertPodTemplatesLabelled(m, name, true);
            assertThat(Isolation.generatedPolicyNames(m)).as("the policies of %s", name).isNotEmpty()
                    .allMatch(policy -> policy.contains(name));
            boolean segregated = release.containsKey("postRendererArgs")
                    && ((List<?>) release.get("postRendererArgs")).contains("--segregate");
            assertThat(Isolation.generatedPolicyNames(m).contains(name + "-netpol-guard")).as("%s isolated"
                    + " release-wide (its own postRendererArgs segregate it)", name).isEqualTo(!segregated);
        }
    }

    @Test
    void theHelm3RecipeNamesTheLauncherByPath() {
        for (Map<String, Object> release : releases("helmfile-helm3.yaml")) {
            Proc.Result r = helm3.run(command(recipe("helmfile-helm3.yaml"), release, E2e.LAUNCHER.toString()));

            assertThat(r.exit()).as(r.describe()).isZero();
            Isolation.assertPodTemplatesLabelled(Manifests.parse(r.out()), String.valueOf(release.get("name")), false);
        }
    }

    private static Map<String, Object> recipe(String file) {
        return new Yaml().load(E2e.read(RECIPES.resolve(file)));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> releases(String file) {
        List<Map<String, Object>> releases = (List<Map<String, Object>>) recipe(file).get("releases");
        assertThat(releases).isNotEmpty();
        return releases;
    }

    /**
     * helm template NAME CHART --namespace NS --post-renderer R --post-renderer-args=... as Helmfile runs it; the
     * recipe's path of the netpol-guard folder replaced by the packaged one when {@code launcher} is given.
     */
    @SuppressWarnings("unchecked")
    private static List<String> command(Map<String, Object> recipe, Map<String, Object> release, String launcher) {
        Map<String, Object> defaults = (Map<String, Object>) recipe.get("helmDefaults");
        String name = String.valueOf(release.get("name"));
        String namespace = String.valueOf(release.get("namespace"));
        String renderer = String.valueOf(release.getOrDefault("postRenderer", defaults.get("postRenderer")));
        if (launcher != null) {
            assertThat(renderer).as("the Helm 3 recipe names the launcher by path").endsWith("/bin/netpol-guard");
            renderer = launcher;
        }
        List<String> args = (List<String>) release.get("postRendererArgs");
        if (args == null) {
            args = ((List<String>) defaults.get("postRendererArgs")).stream()
                    .map(a -> a.replace("{{ .Release.Name }}", name).replace("{{ .Release.Namespace }}", namespace))
                    .toList();
        }
        List<String> command = new ArrayList<>(List.of("template", name,
                RECIPES.resolve(String.valueOf(release.get("chart"))).normalize().toString(), "--namespace", namespace,
                "--post-renderer", renderer));
        args.forEach(a -> command.add("--post-renderer-args=" + a));
        return command;
    }
}
