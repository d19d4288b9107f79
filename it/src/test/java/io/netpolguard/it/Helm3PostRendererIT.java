package io.netpolguard.it;

import static io.netpolguard.it.Isolation.assertGeneratedReleasePolicy;
import static io.netpolguard.it.Isolation.assertNoGeneratedPolicySelects;
import static io.netpolguard.it.Isolation.assertOriginalsKeptAndOnlyPoliciesAdded;
import static io.netpolguard.it.Isolation.assertPodTemplatesLabelled;
import static io.netpolguard.it.Isolation.generatedPolicyNames;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Helm 3.17: the launcher bin/netpol-guard is the --post-renderer executable. Helm 3 passes no hooks
 * and no release name to it, and prints its stderr when it fails.
 */
class Helm3PostRendererIT {

    private static final String NS = "team-a";
    private static Helm helm;

    @BeforeAll
    static void realHelm3() {
        E2e.assumeHelmWanted();
        E2e.requirePackagedPlugin();
        helm = Helm.helm3("helm3");
        assertThat(helm.version()).startsWith("v3.17.");
    }

    @Test
    void helm3TemplateWithPostRendererAddsIsolationPoliciesToTheWebshopExample() {
        Manifests before = helm.plain("shop", E2e.WEBSHOP, NS);
        Manifests after = helm.render("shop", E2e.WEBSHOP, NS, "--release=shop");

        assertOriginalsKeptAndOnlyPoliciesAdded(before, after);
        assertPodTemplatesLabelled(after, "shop", false);
        assertGeneratedReleasePolicy(after, "shop-netpol-guard", "shop");
        // Helm 3 never shows hooks to a post-renderer: the migration Job is printed as rendered,
        // and no hook policy can be made.
        assertThat(Manifests.podLabels(after.get("Job", "shop-webshop-migrate")))
                .doesNotContainKey(Manifests.RELEASE_LABEL);
        assertThat(after.find("NetworkPolicy", "shop-netpol-guard-hooks")).isEmpty();
    }

    @Test
    void helm3TemplateWithSegregateGivesEachWorkloadOfTheWebshopItsOwnPolicy() {
        Manifests before = helm.plain("shop", E2e.WEBSHOP, NS);
        Manifests after = helm.render("shop", E2e.WEBSHOP, NS, "--release=shop", "--segregate");

        assertOriginalsKeptAndOnlyPoliciesAdded(before, after);
        assertThat(generatedPolicyNames(after)).as("a policy per workload, none for the whole release")
                .contains("netpol-guard-deployment-shop-webshop-frontend", "netpol-guard-statefulset-shop-webshop-db")
                .doesNotContain("shop-netpol-guard");
        String db = String.valueOf(after.get("NetworkPolicy", "netpol-guard-statefulset-shop-webshop-db").get("spec"));
        assertThat(db).as("the database admits the backend and the report, on its port")
                .contains("netpol-guard.io/workload=deployment-shop-webshop-backend",
                        "netpol-guard.io/workload=cronjob-shop-webshop-report", "port=5432")
                .doesNotContain("netpol-guard.io/workload=deployment-shop-webshop-frontend");
    }

    @Test
    void helm3ShowsTheExplanationAndWarningsOfARunThatSucceedsThoughItKeepsAPostRenderersStderrToItself() {
        Proc.Result r = helm.template("shop", E2e.WEBSHOP, NS, true, "--release=shop", "--explain");

        assertThat(r.exit()).as(r.describe()).isZero();
        assertThat(r.err()).as("what the user sees:\n%s", r.err())
                .contains("netpol-guard: release shop: its pods may reach each other and cluster DNS; beyond that:",
                        "ingressRoutes: Ingress shop-webshop routes to Service shop-webshop-frontend port 80");
        assertThat(r.out()).contains("name: netpol-guard-deployment-shop-webshop-frontend-allow");
    }

    @Test
    void helm3TemplateWithPostRendererIsolatesAPodinfoLikeChartAndLeavesItsTestHooksAlone() {
        Manifests before = helm.plain("info", E2e.PODINFO_LIKE, NS);
        Manifests after = helm.render("info", E2e.PODINFO_LIKE, NS, "--release=info");

        assertOriginalsKeptAndOnlyPoliciesAdded(before, after);
        assertPodTemplatesLabelled(after, "info", false);
        assertGeneratedReleasePolicy(after, "info-netpol-guard", "info");
        assertThat(Manifests.labels(after.get("Pod", "info-podinfo-like-grpc-test")))
                .doesNotContainKey(Manifests.RELEASE_LABEL);
    }

    @Test
    void helm3PostRendererInfersTheReleaseFromTheInstanceLabelWhenNoReleaseIsPassed() {
        Manifests after = helm.render("inferred", E2e.PODINFO_LIKE, NS);

        assertPodTemplatesLabelled(after, "inferred", false);
        assertGeneratedReleasePolicy(after, "inferred-netpol-guard", "inferred");
    }

    @Test
    void helm3TemplateWithPostRendererAddsPoliciesOnlyForWhatAChartsOwnPolicyLeavesOpen() {
        Manifests before = helm.plain("pg", E2e.POSTGRESQL_LIKE, NS);
        Manifests after = helm.render("pg", E2e.POSTGRESQL_LIKE, NS, "--release=pg");

        assertOriginalsKeptAndOnlyPoliciesAdded(before, after);
        assertPodTemplatesLabelled(after, "pg", false);
        List<String> generated = Isolation.generatedPolicyNames(after);
        assertThat(generated).as("generated policies").isNotEmpty().allMatch(n -> n.contains("netpol-guard"));
        // The chart's policy selects the StatefulSet in both directions; nothing generated may select it too.
        assertNoGeneratedPolicySelects(after, "StatefulSet", "pg-postgresql-like");
    }

    @Test
    void helm3CheckOnlyRefusesAChartWithoutPoliciesAndShowsWhichWorkloads() {
        Manifests plain = helm.plain("shop", E2e.WEBSHOP, NS);
        Proc.Result r = helm.template("shop", E2e.WEBSHOP, NS, true, "--release=shop", "--check-only");

        assertThat(r.exit()).as("helm must fail:\n%s", r.describe()).isNotZero();
        assertThat(r.out()).as("nothing rendered").doesNotContain("kind: Deployment");
        assertThat(r.err()).contains("netpol-guard: refused");
        for (String workload : Isolation.workloadNames(plain, false)) {
            assertThat(r.err()).as("refusal names %s", workload).contains(workload);
        }
    }

    @Test
    void helm3CheckOnlyAcceptsAChartWhoseOwnPolicySelectsEveryWorkload() {
        Manifests before = helm.plain("pg", E2e.POSTGRESQL_LIKE, NS, "--set", "backup.enabled=false");
        Proc.Result r = helm.run("template", "pg", E2e.POSTGRESQL_LIKE.toString(), "--namespace", NS,
                "--set", "backup.enabled=false", "--post-renderer", helm.postRenderer(),
                "--post-renderer-args=--release=pg", "--post-renderer-args=--check-only");

        assertThat(r.exit()).as("check-only passes:\n%s", r.describe()).isZero();
        Manifests after = Manifests.parse(r.out());
        assertThat(after.docs()).isEqualTo(before.docs());
    }
}
