package io.netpolguard.it;

import static io.netpolguard.it.Isolation.assertGeneratedReleasePolicy;
import static io.netpolguard.it.Isolation.assertHookPolicy;
import static io.netpolguard.it.Isolation.assertNoGeneratedPolicySelects;
import static io.netpolguard.it.Isolation.assertOriginalsKeptAndOnlyPoliciesAdded;
import static io.netpolguard.it.Isolation.assertPodTemplatesLabelled;
import static io.netpolguard.it.Isolation.generatedPolicyNames;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Helm 4.1: netpol-guard is a postrenderer/v1 plugin installed from the built tgz with
 * {@code helm plugin install} into an isolated HELM_DATA_HOME. Helm 4 streams hooks and regular
 * manifests together, passes no release name, and discards the plugin's stderr.
 */
class Helm4PluginIT {

    private static final String NS = "team-a";
    private static Helm helm;

    @BeforeAll
    static void realHelm4WithThePluginInstalledFromTheTgz() {
        E2e.assumeHelmWanted();
        E2e.requirePackagedPlugin();
        assertThat(E2e.PLUGIN_TGZ).as("plugin tgz built by the postrenderer module").isRegularFile();
        helm = Helm.helm4("helm4");
        assertThat(helm.version()).startsWith("v4.1.");
        helm.installPluginTgz();
        String list = helm.ok("plugin", "list").out();
        assertThat(list).contains("netpol-guard", E2e.VERSION, "postrenderer/v1");
        E2e.assertExecutable(helm.home.resolve("data/plugins/netpol-guard/bin/netpol-guard"));
    }

    @Test
    void helm4TemplateWithPluginAddsIsolationAndHookPoliciesToTheWebshopExample() {
        Manifests before = helm.plain("shop", E2e.WEBSHOP, NS);
        Manifests after = helm.render("shop", E2e.WEBSHOP, NS, "--release=shop");

        assertOriginalsKeptAndOnlyPoliciesAdded(before, after);
        assertPodTemplatesLabelled(after, "shop", true);
        assertGeneratedReleasePolicy(after, "shop-netpol-guard", "shop");
        assertThat(Manifests.isHook(after.get("NetworkPolicy", "shop-netpol-guard"))).isFalse();
        assertHookPolicy(after, "shop-netpol-guard-hooks", "shop");
    }

    @Test
    void helm4TemplateWithPluginLabelsTheTestHookPodsOfAPodinfoLikeChart() {
        Manifests before = helm.plain("info", E2e.PODINFO_LIKE, NS);
        Manifests after = helm.render("info", E2e.PODINFO_LIKE, NS, "--release=info");

        assertOriginalsKeptAndOnlyPoliciesAdded(before, after);
        assertPodTemplatesLabelled(after, "info", true);
        assertGeneratedReleasePolicy(after, "info-netpol-guard", "info");
        assertThat(Isolation.generatedPolicyNames(after)).contains("info-netpol-guard-hooks");
        assertThat(String.valueOf(Manifests.annotations(after.get("NetworkPolicy", "info-netpol-guard-hooks"))
                .get("helm.sh/hook"))).as("hook events of the hook policy").contains("test");
    }

    @Test
    void helm4TemplateWithPluginAddsPoliciesOnlyForWhatAChartsOwnPolicyLeavesOpen() {
        Manifests before = helm.plain("pg", E2e.POSTGRESQL_LIKE, NS);
        Manifests after = helm.render("pg", E2e.POSTGRESQL_LIKE, NS, "--release=pg");

        assertOriginalsKeptAndOnlyPoliciesAdded(before, after);
        assertPodTemplatesLabelled(after, "pg", true);
        assertThat(Isolation.generatedPolicyNames(after)).as("generated policies").isNotEmpty()
                .allMatch(n -> n.contains("netpol-guard"));
        // The chart's policy selects the StatefulSet in both directions; nothing generated may select it too.
        assertNoGeneratedPolicySelects(after, "StatefulSet", "pg-postgresql-like");
    }

    @Test
    void helm4CheckOnlyRefusalReachesTheUserAlthoughHelmDiscardsPluginStderr() {
        Manifests plain = helm.plain("shop", E2e.WEBSHOP, NS);
        Proc.Result r = helm.template("shop", E2e.WEBSHOP, NS, true, "--release=shop", "--check-only");

        assertThat(r.exit()).as("helm must fail:\n%s", r.describe()).isNotZero();
        assertThat(r.out()).as("nothing rendered").doesNotContain("kind: Deployment");
        assertThat(r.err()).as("what the user sees:\n%s", r.err())
                .contains("plugin \"netpol-guard\" exited with error")
                .contains("netpol-guard: refused");
        for (String workload : Isolation.workloadNames(plain, true)) {
            assertThat(r.err()).as("refusal names %s", workload).contains(workload);
        }
    }

    @Test
    void helm4CheckOnlyAcceptsAChartWhoseOwnPolicySelectsEveryWorkload() {
        Manifests before = helm.plain("pg", E2e.POSTGRESQL_LIKE, NS, "--set", "backup.enabled=false");
        Proc.Result r = helm.run("template", "pg", E2e.POSTGRESQL_LIKE.toString(), "--namespace", NS,
                "--set", "backup.enabled=false", "--post-renderer", "netpol-guard",
                "--post-renderer-args=--release=pg", "--post-renderer-args=--check-only");

        assertThat(r.exit()).as("check-only passes:\n%s", r.describe()).isZero();
        Manifests after = Manifests.parse(r.out());
        assertThat(after.docs()).isEqualTo(before.docs());
    }

    @Test
    void helm4InstallDryRunClientRunsHooksAndManifestsOfTheWebshopExampleThroughThePlugin() {
        Proc.Result r = helm.run("install", "shop", E2e.WEBSHOP.toString(), "--namespace", NS, "--dry-run=client",
                "--post-renderer", "netpol-guard", "--post-renderer-args=--release=shop");

        assertThat(r.exit()).as("helm install --dry-run=client:\n%s", r.describe()).isZero();
        String out = r.out();
        assertThat(out).contains("STATUS: pending-install", "HOOKS:", "MANIFEST:");
        int hooksAt = out.indexOf("\nHOOKS:\n");
        int manifestAt = out.indexOf("\nMANIFEST:\n");
        int notesAt = out.indexOf("\nNOTES:\n", manifestAt);
        Manifests hooks = Manifests.parse(out.substring(hooksAt + 8, manifestAt));
        Manifests manifest = Manifests.parse(out.substring(manifestAt + 11, notesAt < 0 ? out.length() : notesAt));

        assertThat(hooks.ids()).contains("Job/shop-webshop-migrate", "NetworkPolicy/shop-netpol-guard-hooks");
        assertHookPolicy(hooks, "shop-netpol-guard-hooks", "shop");
        assertPodTemplatesLabelled(hooks, "shop", true);
        assertGeneratedReleasePolicy(manifest, "shop-netpol-guard", "shop");
        assertPodTemplatesLabelled(manifest, "shop", true);
        assertThat(manifest.ids()).contains("Deployment/shop-webshop-backend", "Deployment/shop-webshop-frontend",
                "StatefulSet/shop-webshop-db", "CronJob/shop-webshop-report");
    }

    @Test
    void helm4InstallDryRunClientOfTheWebshopCarriesItsAllowancesAndTheExplanationReachesTheUser() {
        Proc.Result r = helm.run("install", "shop", E2e.WEBSHOP.toString(), "--namespace", NS, "--dry-run=client",
                "--post-renderer", "netpol-guard", "--post-renderer-args=--release=shop",
                "--post-renderer-args=--explain");

        assertThat(r.exit()).as("helm install --dry-run=client:\n%s", r.describe()).isZero();
        String out = r.out();
        Manifests manifest = Manifests.parse(out.substring(out.indexOf("\nMANIFEST:\n") + 11));
        Map<String, Object> frontend = manifest.get("NetworkPolicy", "netpol-guard-deployment-shop-webshop-frontend-allow");
        assertThat(Manifests.labels(frontend)).containsEntry(Manifests.GENERATED_LABEL, "true");
        assertThat(String.valueOf(frontend.get("spec"))).as("the frontend admits the ingress controller on its port")
                .contains("kubernetes.io/metadata.name=ingress-nginx", "app.kubernetes.io/name=ingress-nginx",
                        "port=8080");
        assertThat(String.valueOf(Manifests.annotations(frontend).get("netpol-guard.io/reasons")))
                .contains("ingressRoutes: Ingress shop-webshop routes to Service shop-webshop-frontend port 80",
                        "(webshop/templates/ingress.yaml)");
        assertThat(out).as("one name per added document")
                .contains("# Source: netpol-guard/netpol-guard-deployment-shop-webshop-frontend-allow.yaml\napiVersion")
                .doesNotContain("generated-by-postrender");
        assertThat(r.err()).as("what the user sees:\n%s", r.err())
                .contains("netpol-guard: release shop: its pods may reach each other and cluster DNS; beyond that:",
                        "ingress from pods {app.kubernetes.io/name=ingress-nginx} in namespace ingress-nginx on TCP 8080");
    }

    @Test
    void helm4InstallDryRunClientSegregatesTheWebshopsComponentsHooksIncluded() {
        Proc.Result r = helm.run("install", "shop", E2e.WEBSHOP.toString(), "--namespace", NS, "--dry-run=client",
                "--post-renderer", "netpol-guard", "--post-renderer-args=--release=shop",
                "--post-renderer-args=--segregate", "--post-renderer-args=--explain");

        assertThat(r.exit()).as("helm install --dry-run=client:\n%s", r.describe()).isZero();
        String out = r.out();
        int hooksAt = out.indexOf("\nHOOKS:\n");
        int manifestAt = out.indexOf("\nMANIFEST:\n");
        Manifests hooks = Manifests.parse(out.substring(hooksAt + 8, manifestAt));
        Manifests manifest = Manifests.parse(out.substring(manifestAt + 11));
        assertThat(generatedPolicyNames(manifest)).as("a policy per workload, none for the whole release")
                .contains("netpol-guard-statefulset-shop-webshop-db", "netpol-guard-deployment-shop-webshop-backend")
                .doesNotContain("shop-netpol-guard");
        Map<String, Object> migrate = hooks.get("NetworkPolicy", "netpol-guard-job-shop-webshop-migrate-hooks");
        assertThat(String.valueOf(migrate.get("spec"))).as("the migration hook reaches the database, on its port")
                .contains("netpol-guard.io/workload=statefulset-shop-webshop-db", "port=5432");
        Map<String, Object> db = manifest.get("NetworkPolicy", "netpol-guard-statefulset-shop-webshop-db");
        assertThat(String.valueOf(db.get("spec"))).as("the database admits the backend and the migration hook")
                .contains("netpol-guard.io/workload=deployment-shop-webshop-backend",
                        "netpol-guard.io/workload=job-shop-webshop-migrate")
                .doesNotContain("netpol-guard.io/workload=deployment-shop-webshop-frontend");
        assertThat(r.err()).as("what the user sees:\n%s", r.err())
                .contains("netpol-guard: release shop: segregated",
                        "it uses Service shop-webshop-backend: http://shop-webshop-backend:8080 in key default.conf"
                                + " of ConfigMap shop-webshop-frontend");
    }

    @Test
    void helm4InstallDryRunClientIsAbortedByARefusalWithTheReasonShownAndNothingInstalled() {
        Proc.Result r = helm.run("install", "shop", E2e.WEBSHOP.toString(), "--namespace", NS, "--dry-run=client",
                "--post-renderer", "netpol-guard", "--post-renderer-args=--release=shop",
                "--post-renderer-args=--check-only");

        assertThat(r.exit()).as("helm install must fail:\n%s", r.describe()).isNotZero();
        assertThat(r.out()).as("no partial release is shown").doesNotContain("MANIFEST:", "kind: Deployment");
        assertThat(r.err()).as("what the user sees:\n%s", r.err())
                .contains("netpol-guard: refused", "shop-webshop-migrate", "shop-webshop-frontend");
    }

    @Test
    void helm4PluginTgzInstallsOnlyWithVerifyFalseSinceItShipsNoProvenanceFile() {
        Helm fresh = Helm.helm4("helm4-verify");
        Proc.Result verified = fresh.run("plugin", "install", E2e.PLUGIN_TGZ.toString());
        assertThat(verified.exit()).as("install with verification:\n%s", verified.describe()).isNotZero();
        assertThat(verified.err()).contains("no provenance file");

        Proc.Result unverified = fresh.run("plugin", "install", E2e.PLUGIN_TGZ.toString(), "--verify=false");
        assertThat(unverified.exit()).as("install with --verify=false:\n%s", unverified.describe()).isZero();
        assertThat(fresh.ok("plugin", "list").out()).contains("netpol-guard");
    }

    @Test
    void helm4PluginInstallsFromTheUnpackedPluginFolderToo() {
        Helm fresh = Helm.helm4("helm4-folder");
        fresh.ok("plugin", "install", E2e.PLUGIN_DIR.toString());
        Proc.Result r = fresh.template("info", E2e.PODINFO_LIKE, NS, true, "--release=info");
        assertThat(r.exit()).as("render with the folder-installed plugin:\n%s", r.describe()).isZero();
        assertGeneratedReleasePolicy(Manifests.parse(r.out()), "info-netpol-guard", "info");
    }

    /** The webshop rendered by Helm 4 through netpol-guard (a shell script's "$0"), with these post-renderer args. */
    private static final String TEMPLATE = "\"$0\" template shop \"$1\" --namespace " + NS
            + " --post-renderer netpol-guard --post-renderer-args=--release=shop";

    /** Runs a shell script with "$0" Helm 4 and "$1" the webshop chart; returns what the log file holds. */
    private static String script(String name, String script) throws Exception {
        Path dir = E2e.freshDir("helm4-logs", name);
        Proc.Result r = Proc.run(List.of("/bin/sh", "-c", "cd '" + dir + "' && " + script, helm.binary.toString(),
                E2e.WEBSHOP.toString()), helm.env(), helm.home, null);
        assertThat(r.exit()).as(r.describe()).isZero();
        return Files.readString(dir.resolve("job.log"));
    }

    private static final String HELMS_ERROR = "Error: error while running post render on files: failed to invoke"
            + " post-renderer plugin \"netpol-guard\": plugin \"netpol-guard\" exited with error";

    /**
     * A CI job that writes all its output to one file it opened once ({@code { ...; } > job.log 2>&1}): Helm and the
     * shell write at a position they share, which netpol-guard cannot move, so it adds nothing there. The job's lines
     * stay in order and whole; the refusal is in the report (--report).
     */
    @Test
    void helm4CiJobWritingAllItsOutputToOneFileKeepsItsLinesInOrderAndHelmsLinesWhole() throws Exception {
        String log = script("one-file-refused", "{ echo before; " + TEMPLATE + " --post-renderer-args=--check-only"
                + " --post-renderer-args=--report=$PWD/report.json; echo \"helm exited $?\"; echo after; } > job.log 2>&1");

        List<String> lines = log.lines().toList();
        assertThat(lines).as(log).first().isEqualTo("before");
        assertThat(lines).as(log).endsWith("helm exited 1", "after").contains(HELMS_ERROR)
                .noneMatch(l -> !l.isEmpty() && l.isBlank());
        assertThat(lines.indexOf(HELMS_ERROR)).isEqualTo(1);
        assertThat(log).doesNotContain("netpol-guard: refused");
        Path report = E2e.WORK.resolve("helm4-logs/one-file-refused/report.json");
        assertThat(Files.readString(report)).contains("\"refusal\": \"5 workloads are selected by no NetworkPolicy");
    }

    @Test
    void helm4CiJobWritingAllItsOutputToOneFileKeepsHelmsManifestsIntactOnSuccessWithExplain() throws Exception {
        String plain = helm.template("shop", E2e.WEBSHOP, NS, true, "--release=shop").out();

        String log = script("one-file-explain", "{ echo before; " + TEMPLATE + " --post-renderer-args=--explain;"
                + " echo after; } > job.log 2>&1");

        assertThat(log).isEqualTo("before\n" + plain + "after\n");
    }

    /** {@code 2>err.log}: the file holds Helm's error, from its first byte, and nothing else. */
    @Test
    void helm4StderrRedirectedToAFileHoldsHelmsErrorFromItsFirstLineWithoutPadding() throws Exception {
        String log = script("stderr-file", TEMPLATE + " --post-renderer-args=--check-only > /dev/null 2> job.log;"
                + " true");

        assertThat(log).startsWith(HELMS_ERROR + "\n").doesNotContain("netpol-guard: refused");
    }

    /** A log opened for appending ({@code >>}): every write goes to its end, so netpol-guard's message lands in order. */
    @Test
    void helm4CiJobAppendingToItsLogGetsTheRefusalBeforeHelmsErrorInOrder() throws Exception {
        String log = script("one-file-appended", ": > job.log; { echo before; " + TEMPLATE
                + " --post-renderer-args=--check-only; echo \"helm exited $?\"; echo after; } >> job.log 2>&1");

        List<String> lines = log.lines().toList();
        assertThat(lines).as(log).first().isEqualTo("before");
        assertThat(lines.get(1)).startsWith("netpol-guard: refused: 5 workloads are selected by no NetworkPolicy");
        assertThat(lines).as(log).endsWith("helm exited 1", "after").contains(HELMS_ERROR)
                .noneMatch(l -> !l.isEmpty() && l.isBlank());
        assertThat(lines.indexOf(HELMS_ERROR)).isGreaterThan(1);
        assertThat(log.indexOf("netpol-guard: refused")).isEqualTo(log.lastIndexOf("netpol-guard: refused"));
    }

    /** Through a pipe ({@code 2>&1 | tee}, as CI runners read a job's output): the refusal, then Helm's error. */
    @Test
    void helm4OutputThroughAPipeGetsTheRefusalBeforeHelmsError() throws Exception {
        String log = script("piped", "{ " + TEMPLATE + " --post-renderer-args=--check-only 2>&1; echo after; }"
                + " | cat > job.log");

        assertThat(log).startsWith("netpol-guard: refused: 5 workloads are selected by no NetworkPolicy")
                .contains("\n" + HELMS_ERROR + "\n").endsWith("after\n");
    }

    /** A JVM that does not start is an error the user sees under Helm 4 too, whose plugin stderr is discarded. */
    @Test
    void helm4ShowsWhyTheJavaRuntimeDidNotStart() {
        Map<String, String> env = helm.env();
        env.put("NETPOL_GUARD_JAVA_OPTS", "-XX:+NoSuchOptionOfAnyJvm");
        Proc.Result r = Proc.run(List.of(helm.binary.toString(), "template", "shop", E2e.WEBSHOP.toString(),
                "--post-renderer", "netpol-guard", "--post-renderer-args=--release=shop"), env, helm.home, null);

        assertThat(r.exit()).as(r.describe()).isNotZero();
        assertThat(r.out()).doesNotContain("kind:");
        assertThat(r.err()).as(r.err()).contains("netpol-guard: error: the Java runtime ",
                " did not start with NETPOL_GUARD_JAVA_OPTS=-XX:+NoSuchOptionOfAnyJvm", HELMS_ERROR);
        assertThat(r.err().indexOf("netpol-guard: error:")).isLessThan(r.err().indexOf(HELMS_ERROR));
    }

    /**
     * Helm 3 and Helm 4 read plugins from the same HELM_DATA_HOME by default, and Helm 3 cannot read a Helm 4
     * plugin.yaml; Helm 4 runs only postrenderer/v1 plugins as post-renderers, so no plugin.yaml serves both. The README
     * says to give Helm 4 a data home of its own (repositories and cache stay shared); Helm 3 takes the launcher's path.
     */
    @Test
    void helm3KeepsWorkingBesideHelm4WhenHelm4sPluginsLiveInADataHomeOfTheirOwn() {
        Path home = E2e.freshDir("homes", "side-by-side");
        Map<String, String> helm3Env = Proc.baseEnv(home);
        helm3Env.put("HELM_DATA_HOME", home.resolve("data").toString());
        helm3Env.put("HELM_CONFIG_HOME", home.resolve("config").toString());
        helm3Env.put("HELM_CACHE_HOME", home.resolve("cache").toString());
        Map<String, String> helm4Env = new java.util.HashMap<>(helm3Env);
        helm4Env.put("HELM_DATA_HOME", home.resolve("data-helm4").toString());
        Path helm3 = E2e.helm3();

        Proc.Result install = Proc.run(List.of(helm.binary.toString(), "plugin", "install", E2e.PLUGIN_DIR.toString()),
                helm4Env, home, null);
        assertThat(install.exit()).as(install.describe()).isZero();
        Proc.Result list = Proc.run(List.of(helm3.toString(), "plugin", "list"), helm3Env, home, null);
        assertThat(list.exit()).as(list.describe()).isZero();
        assertThat(list.err()).doesNotContain("failed to load plugins");
        Proc.Result rendered3 = Proc.run(List.of(helm3.toString(), "template", "shop", E2e.WEBSHOP.toString(),
                "--post-renderer", E2e.LAUNCHER.toString(), "--post-renderer-args=--release=shop"), helm3Env, home, null);
        assertThat(rendered3.exit()).as(rendered3.describe()).isZero();
        assertThat(rendered3.err()).doesNotContain("failed to load plugins");
        Proc.Result rendered4 = Proc.run(List.of(helm.binary.toString(), "template", "shop", E2e.WEBSHOP.toString(),
                "--post-renderer", "netpol-guard", "--post-renderer-args=--release=shop"), helm4Env, home, null);
        assertThat(rendered4.exit()).as(rendered4.describe()).isZero();
        assertThat(rendered3.out()).contains("name: shop-netpol-guard");
        assertThat(rendered4.out()).contains("name: shop-netpol-guard");

        // In one data home, Helm 3 cannot list its plugins any more: what the README warns about.
        Proc.Result shared = Proc.run(List.of(helm.binary.toString(), "plugin", "install", E2e.PLUGIN_DIR.toString()),
                helm3Env, home, null);
        assertThat(shared.exit()).as(shared.describe()).isZero();
        Proc.Result broken = Proc.run(List.of(helm3.toString(), "plugin", "list"), helm3Env, home, null);
        assertThat(broken.exit()).as(broken.describe()).isNotZero();
        assertThat(broken.err()).contains("unknown field \"apiVersion\"");
    }

    @Test
    void helm4ConnectivityLockIsWrittenThenHeldAndADriftReachesTheUserWithTheDiffAndTheUpdateHint() throws Exception {
        Path lock = Files.createTempFile("netpol-guard-lock", ".txt");
        String[] args = {"--release=shop", "--namespace=" + NS, "--expect=" + lock};
        List<String> update = new ArrayList<>(List.of(args));
        update.add("--update-expect");

        Proc.Result written = helm.template("shop", E2e.WEBSHOP, NS, true, update.toArray(String[]::new));
        assertThat(written.exit()).as(written.describe()).isZero();
        assertThat(lock).content().contains("team-a/shop-webshop-frontend[Deployment]", "Exposure Analysis Result:");
        Proc.Result held = helm.template("shop", E2e.WEBSHOP, NS, true, args);
        assertThat(held.exit()).as(held.describe()).isZero();
        assertThat(held.out()).isEqualTo(written.out());

        Files.writeString(lock, "team-a/gone[Deployment] => team-a/shop-webshop-db[StatefulSet] : TCP 5432\n"
                + Files.readString(lock));
        Proc.Result drift = helm.template("shop", E2e.WEBSHOP, NS, true, args);
        assertThat(drift.exit()).as("helm must fail:\n%s", drift.describe()).isNotZero();
        assertThat(drift.out()).as("nothing rendered").doesNotContain("kind: Deployment");
        assertThat(drift.err()).as("what the user sees:\n%s", drift.err())
                .contains("netpol-guard: refused: the connectivity of the output differs from the lock file",
                        "- team-a/gone[Deployment] => team-a/shop-webshop-db[StatefulSet] : TCP 5432",
                        "--post-renderer-args=--update-expect");
        Files.delete(lock);
    }
}
