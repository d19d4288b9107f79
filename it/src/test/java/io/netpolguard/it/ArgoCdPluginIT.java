package io.netpolguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Argo CD Config Management Plugin shipped in the plugin folder (argocd/plugin.yaml, bin/netpol-guard-argocd):
 * its generate command run as argocd-cmp-server runs it (command and args as one exec: {@code sh -c ARGS}), in a
 * chart folder, with the environment Argo CD gives a plugin (argo-cd reposerver/repository/repository.go newEnv and
 * getPluginEnvs, cmpserver/plugin/plugin.go runCommand: the server's environment plus those entries), and real Helm
 * (Helm 3, as Argo CD's image ships, and Helm 4) on PATH. Argo CD itself cannot run here.
 */
class ArgoCdPluginIT {

    private static final Path ARGOCD = E2e.PLUGIN_DIR.resolve("argocd");
    private static Map<String, Object> plugin;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void thePackagedPlugin() {
        E2e.assumeHelmWanted();
        E2e.requirePackagedPlugin();
        plugin = new Yaml().load(E2e.read(ARGOCD.resolve("plugin.yaml")));
    }

    /** What argo-cd cmpserver/plugin/config.go ValidatePluginConfig requires, and how the sidecar finds it. */
    @Test
    @SuppressWarnings("unchecked")
    void pluginYamlIsAConfigManagementPluginWithTheFieldsArgoCdRequires() {
        assertThat(plugin).containsEntry("apiVersion", "argoproj.io/v1alpha1")
                .containsEntry("kind", "ConfigManagementPlugin");
        assertThat(Manifests.str(plugin, "metadata", "name")).isEqualTo("netpol-guard");
        Map<String, Object> generate = Manifests.map(plugin, "spec", "generate");
        assertThat((List<String>) generate.get("command")).isNotEmpty().containsExactly("sh", "-c");
        assertThat((List<String>) generate.get("args")).containsExactly("exec netpol-guard-argocd");
        E2e.assertExecutable(E2e.PLUGIN_DIR.resolve("bin/netpol-guard-argocd"));

        Map<String, Object> patch = new Yaml().load(E2e.read(ARGOCD.resolve("repo-server-patch.yaml")));
        assertThat(Manifests.str(patch, "metadata", "name")).isEqualTo("argocd-repo-server");
        Map<String, Object> pod = Manifests.map(patch, "spec", "template", "spec");
        Map<String, Object> init = ((List<Map<String, Object>>) pod.get("initContainers")).get(0);
        assertThat(String.valueOf(init.get("image"))).endsWith("/netpol-guard:" + E2e.VERSION);
        Map<String, Object> sidecar = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        assertThat((List<Object>) sidecar.get("command")).containsExactly("/var/run/argocd/argocd-cmp-server");
        assertThat((List<Map<String, Object>>) sidecar.get("volumeMounts")).anySatisfy(m -> {
            assertThat(m).containsEntry("mountPath", "/home/argocd/cmp-server/config/plugin.yaml")
                    .containsEntry("subPath", "argocd/plugin.yaml");
        });
        assertThat((List<Map<String, Object>>) sidecar.get("env")).anySatisfy(e -> assertThat(e)
                .containsEntry("name", "PATH").extractingByKey("value").asString().startsWith("/opt/netpol-guard/bin:"));
    }

    @Test
    void generateRunAsTheCmpServerRunsItPrintsTheIsolatedManifestsWithHelm3AndHelm4() {
        Helm helm4 = Helm.helm4("argocd-compare");
        helm4.installPluginTgz();
        Path work = E2e.freshDir("argocd", "compare");
        Proc.Result post = helm4.template("shop", E2e.WEBSHOP, "team-a", true, "--release=shop",
                "--namespace=team-a");
        assertThat(post.exit()).as(post.describe()).isZero();
        Path postRendered = GitOps.write(work.resolve("post-rendered.yaml"), post.out());
        for (Path helm : List.of(E2e.helm3(), E2e.helm4())) {
            Proc.Result r = generate("generate-" + helm.getParent().getFileName(), helm, Map.of());

            assertThat(r.exit()).as(r.describe()).isZero();
            Manifests m = Manifests.parse(r.out());
            Isolation.assertPodTemplatesLabelled(m, "shop", true);
            assertThat(Isolation.generatedPolicyNames(m)).contains("shop-netpol-guard", "shop-netpol-guard-hooks");
            Path out = GitOps.write(work.resolve(helm.getParent().getFileName() + ".yaml"), r.out());
            assertThat(GitOps.connectivity(out, "team-a")).as("with %s", helm)
                    .isEqualTo(GitOps.connectivity(postRendered, "team-a"));
        }
    }

    @Test
    void theApplicationsEnvironmentSetsValuesAndNetpolGuardsOptionsAndArgoCdsQualifiedNameGivesTheRelease() {
        Path values = GitOps.write(E2e.WORK.resolve("argocd/values-prod.yaml"), "frontend: {replicaCount: 5}\n");
        Proc.Result r = generate("env", E2e.helm3(), Map.of("ARGOCD_APP_NAME", "apps_shop",
                "ARGOCD_ENV_HELM_VALUES", values.toString(), "ARGOCD_ENV_HELM_ARGS", "--set report.schedule=@hourly",
                "ARGOCD_ENV_NETPOL_GUARD_ARGS", "--segregate --explain"));

        assertThat(r.exit()).as(r.describe()).isZero();
        Manifests m = Manifests.parse(r.out());
        assertThat(Manifests.map(m.get("Deployment", "shop-webshop-frontend"), "spec").get("replicas")).isEqualTo(5);
        assertThat(Manifests.str(m.get("CronJob", "shop-webshop-report"), "spec", "schedule")).isEqualTo("@hourly");
        assertThat(Isolation.generatedPolicyNames(m)).contains("netpol-guard-statefulset-shop-webshop-db");
        assertThat(r.err()).contains("netpol-guard: release shop: segregated");
    }

    /** Argo CD puts a failed generate's stderr into the Application's status (ComparisonError). */
    @Test
    void aRefusalExitsNonZeroWithNetpolGuardsMessageOnStderrAndNothingOnStdout() {
        Proc.Result r = generate("refused", E2e.helm3(), Map.of("ARGOCD_ENV_NETPOL_GUARD_ARGS", "--check-only"));

        assertThat(r.exit()).as(r.describe()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("netpol-guard: refused: 5 workloads are selected by no NetworkPolicy");
    }

    @Test
    void anApplicationWithoutDestinationNamespaceIsAnErrorThatSaysWhatToSet() {
        Proc.Result r = generate("no-namespace", E2e.helm3(), Map.of("ARGOCD_APP_NAMESPACE", ""));

        assertThat(r.exit()).as(r.describe()).isEqualTo(2);
        assertThat(r.err()).contains("no namespace").contains("spec.destination.namespace")
                .contains("RELEASE_NAMESPACE");
    }

    /**
     * plugin.yaml's generate run as argocd-cmp-server runs it: exec of command[0] with command[1:] + args, in the
     * Application's folder (a fresh copy of the web shop chart), environment: the server's (PATH with netpol-guard's
     * bin and helm, HOME) plus what Argo CD sends.
     */
    @SuppressWarnings("unchecked")
    private static Proc.Result generate(String name, Path helm, Map<String, String> overrides) {
        Path app = E2e.freshDir("argocd", name);
        GitOps.copy(E2e.WEBSHOP, app.resolve("repo/examples/webshop"));
        Path helmDir = E2e.freshDir("argocd", name + "-bin");
        GitOps.write(helmDir.resolve("helm"), "#!/bin/sh\nexec " + helm + " \"$@\"\n").toFile().setExecutable(true);
        Map<String, String> env = new HashMap<>(Proc.baseEnv(app));
        env.put("PATH", E2e.PLUGIN_DIR.resolve("bin") + ":" + helmDir + ":/usr/local/bin:/usr/bin:/bin");
        env.put("HELM_CACHE_HOME", app.resolve("helm/cache").toString());
        env.put("HELM_CONFIG_HOME", app.resolve("helm/config").toString());
        env.put("HELM_DATA_HOME", app.resolve("helm/data").toString());
        env.put("ARGOCD_APP_NAME", "shop");
        env.put("ARGOCD_APP_NAMESPACE", "team-a");
        env.put("ARGOCD_APP_PROJECT_NAME", "default");
        env.put("ARGOCD_APP_REVISION", "0123456789abcdef0123456789abcdef01234567");
        env.put("ARGOCD_APP_REVISION_SHORT", "0123456");
        env.put("ARGOCD_APP_SOURCE_REPO_URL", "https://git.example.com/platform/netpol-guard-examples.git");
        env.put("ARGOCD_APP_SOURCE_PATH", "examples/webshop");
        env.put("ARGOCD_APP_SOURCE_TARGET_REVISION", "main");
        env.put("KUBE_VERSION", "1.31.0");
        env.put("KUBE_API_VERSIONS", "v1,apps/v1,batch/v1,networking.k8s.io/v1,policy/v1");
        env.put("ARGOCD_APP_PARAMETERS", "[]");
        env.putAll(overrides);
        Map<String, Object> generate = Manifests.map(plugin, "spec", "generate");
        List<String> command = new ArrayList<>((List<String>) generate.get("command"));
        command.addAll((List<String>) generate.get("args"));
        return Proc.run(command, env, app.resolve("repo/examples/webshop"), null);
    }
}
