package io.netpolguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kustomize users: the example kustomization (examples/kustomize) inflates the web shop chart with helmCharts and
 * includes netpol-guard's exported Component; real kustomize (kubectl 1.35.2) and real Helm build it. Judged with
 * {@code netpol-guard analyze} against Helm 4 running netpol-guard as its post-renderer on the same chart and
 * values. kubectl's kustomize v5.7.1 inflates charts with Helm 3 only: it runs {@code helm version -c}, which Helm 4
 * refuses.
 */
class KustomizeComponentIT {

    private static final Path EXAMPLE = E2e.EXAMPLES.resolve("kustomize");
    private static Helm helm3;
    private static Helm helm4;

    @BeforeAll
    static void realHelmAndKustomize() {
        E2e.assumeHelmWanted();
        E2e.requirePackagedPlugin();
        helm3 = Helm.helm3("kustomize-helm3");
        helm4 = Helm.helm4("kustomize-helm4");
        helm4.installPluginTgz();
    }

    /** What CI runs on the example: the committed export and lock must be what the chart and values give now. */
    @Test
    void theExampleHoldsTheExportItsChartAndValuesGive() {
        Path rendered = render(helm3, E2e.WEBSHOP, EXAMPLE.resolve("values.yaml"), "example-kustomize.yaml");
        Proc.Result ci = GitOps.netpolGuard(EXAMPLE, rendered, "export", "--release=shop", "--namespace=team-a",
                "--output=netpol-guard", "--expect=shop.connectivity.txt");

        assertThat(ci.exit()).as(ci.describe()).isZero();
    }

    @Test
    void theExampleBuiltByKustomizeConnectsExactlyAsThePostRenderedChart() {
        Path work = E2e.freshDir("kustomize", "example");
        Path built = GitOps.write(work.resolve("built.yaml"), GitOps.kustomize(EXAMPLE, helm3.binary));
        Path postRendered = postRender(work, "--release=shop");

        assertThat(GitOps.connectivity(built, "team-a")).isEqualTo(GitOps.connectivity(postRendered, "team-a"));
        Proc.Result lock = GitOps.netpolGuard(work, built, "analyze", "--namespace=team-a",
                "--expect=" + EXAMPLE.resolve("shop.connectivity.txt"));
        assertThat(lock.exit()).as("the export's lock holds for what kustomize builds:\n%s", lock.describe()).isZero();
        Manifests m = Manifests.parse(E2e.read(built));
        assertThat(Isolation.generatedPolicyNames(m)).containsExactlyInAnyOrder("shop-netpol-guard",
                "shop-netpol-guard-hooks", "netpol-guard-deployment-shop-webshop-frontend-allow");
        Isolation.assertPodTemplatesLabelled(m, "shop", true);
    }

    @Test
    void segregatedTheExportedComponentConnectsExactlyAsThePostRendererSegregates() {
        Path copy = copyOfExample("segregated");
        export(copy, "--segregate");
        Path built = GitOps.write(copy.resolve("built.yaml"), GitOps.kustomize(copy.resolve("kustomize"),
                helm3.binary));
        Path postRendered = postRender(copy, "--release=shop", "--segregate");

        String connectivity = GitOps.connectivity(built, "team-a");
        assertThat(connectivity).isEqualTo(GitOps.connectivity(postRendered, "team-a"))
                .contains("team-a/shop-webshop-backend[Deployment] => team-a/shop-webshop-db[StatefulSet] : TCP 5432")
                .doesNotContain("team-a/shop-webshop-frontend[Deployment] => team-a/shop-webshop-db[StatefulSet]");
    }

    /**
     * The lock on an export in CI: a chart upgrade that adds a workload changes what the release allows; CI fails with
     * the difference until the export is made again (and committed), then passes, and kustomize builds what the lock
     * says.
     */
    @Test
    void aChangedChartFailsCiWithTheDiffUntilTheExportIsMadeAgain() {
        Path copy = copyOfExample("lock");
        export(copy, "--expect=shop.connectivity.txt", "--update-expect");
        assertThat(ci(copy).exit()).as("CI before the upgrade").isZero();

        GitOps.write(copy.resolve("webshop/templates/worker.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ .Release.Name }}-webshop-worker
                spec:
                  selector: {matchLabels: {app: webshop-worker}}
                  template:
                    metadata: {labels: {app: webshop-worker}}
                    spec: {containers: [{name: worker, image: busybox}]}
                """);
        Proc.Result failed = ci(copy);
        assertThat(failed.exit()).as(failed.describe()).isEqualTo(1);
        assertThat(failed.err()).contains("netpol-guard: refused: the connectivity of the output differs")
                .contains("+ team-a/shop-webshop-worker[Deployment] => team-a/shop-webshop-db[StatefulSet]")
                .contains("--update-expect");

        export(copy, "--expect=shop.connectivity.txt", "--update-expect");
        Proc.Result passed = ci(copy);
        assertThat(passed.exit()).as(passed.describe()).isZero();
        Path built = GitOps.write(copy.resolve("built.yaml"), GitOps.kustomize(copy.resolve("kustomize"),
                helm3.binary));
        Proc.Result lock = GitOps.netpolGuard(copy, built, "analyze", "--namespace=team-a",
                "--expect=" + copy.resolve("kustomize/shop.connectivity.txt"));
        assertThat(lock.exit()).as(lock.describe()).isZero();
    }

    /** webshop/ and kustomize/ side by side, as in examples/ (the kustomization's chartHome is ..). */
    private static Path copyOfExample(String name) {
        Path copy = E2e.freshDir("kustomize", name);
        GitOps.copy(E2e.WEBSHOP, copy.resolve("webshop"));
        GitOps.copy(EXAMPLE, copy.resolve("kustomize"));
        return copy;
    }

    private static Path render(Helm helm, Path chart, Path values, String file) {
        Proc.Result r = helm.run("template", "shop", chart.toString(), "--namespace", "team-a", "-f",
                values.toString());
        assertThat(r.exit()).as(r.describe()).isZero();
        return GitOps.write(E2e.WORK.resolve("kustomize").resolve(file), r.out());
    }

    /** As the example's kustomization.yaml says: helm template with its values, piped to export. */
    private static void export(Path copy, String... more) {
        Proc.Result r = exportRun(copy, more);
        assertThat(r.exit()).as(r.describe()).isZero();
    }

    private static Proc.Result ci(Path copy) {
        return exportRun(copy, "--expect=shop.connectivity.txt");
    }

    private static Proc.Result exportRun(Path copy, String... more) {
        Path rendered = render(helm3, copy.resolve("webshop"), copy.resolve("kustomize/values.yaml"),
                copy.getFileName() + "-rendered.yaml");
        String[] args = new String[more.length + 4];
        args[0] = "export";
        args[1] = "--release=shop";
        args[2] = "--namespace=team-a";
        args[3] = "--output=netpol-guard";
        System.arraycopy(more, 0, args, 4, more.length);
        return GitOps.netpolGuard(copy.resolve("kustomize"), rendered, args);
    }

    /** Helm 4 with netpol-guard as its post-renderer, on the web shop with the example's values. */
    private static Path postRender(Path work, String... postRendererArgs) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("template", "shop",
                E2e.WEBSHOP.toString(), "--namespace", "team-a", "-f", EXAMPLE.resolve("values.yaml").toString(),
                "--post-renderer", "netpol-guard"));
        for (String a : postRendererArgs) {
            args.add("--post-renderer-args=" + a);
        }
        Proc.Result r = helm4.run(args);
        assertThat(r.exit()).as(r.describe()).isZero();
        return GitOps.write(work.resolve("post-rendered.yaml"), r.out());
    }
}
