package io.netpolguard.flows;

import io.netpolguard.cli.PostRenderer;
import io.netpolguard.oracle.Oracle;
import io.netpolguard.oracle.Pod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Segregation where a release spans namespaces, where the chart ships its own policies, and without label
 * injection: judged by the {@link Oracle}, which knows nothing of netpol-guard's code.
 */
class SegregationCasesTest {

    /** An api in team-a, its database in team-a-data (addressed as db.team-a-data), and a worker that uses neither. */
    private static final String TWO_NAMESPACES = """
            ---
            # Source: app/templates/api.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api}
            spec:
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec:
                  containers:
                  - {name: api, ports: [{containerPort: 8080}], env: [{name: DB, value: 'postgres://db.team-a-data:5432/app'}]}
            ---
            # Source: app/templates/worker.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: worker}
            spec:
              selector: {matchLabels: {app: worker}}
              template:
                metadata: {labels: {app: worker}}
                spec: {containers: [{name: worker, ports: [{containerPort: 9000}]}]}
            ---
            # Source: app/templates/db.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: db, namespace: team-a-data}
            spec:
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec: {containers: [{name: pg, ports: [{name: pg, containerPort: 5432}]}]}
            ---
            # Source: app/templates/db.yaml
            apiVersion: v1
            kind: Service
            metadata: {name: db, namespace: team-a-data}
            spec:
              selector: {app: db}
              ports: [{port: 5432, targetPort: pg}]
            """;

    @Test
    void aServiceInAnotherNamespaceOfTheReleaseIsReachedThereAndOnlyByItsUser() {
        Oracle oracle = Segregated.oracle(TWO_NAMESPACES);
        Pod api = oracle.pod("Deployment", "api");
        Pod worker = oracle.pod("Deployment", "worker");
        Pod db = oracle.pod("team-a-data", "Deployment", "db");

        assertThat(oracle.allows(api, db, "TCP", 5432)).as(oracle.why(api, db, "TCP", 5432)).isTrue();
        assertThat(oracle.allows(worker, db, "TCP", 5432)).as(oracle.why(worker, db, "TCP", 5432)).isFalse();
        assertThat(oracle.allows(db, api, "TCP", 8080)).as(oracle.why(db, api, "TCP", 8080)).isFalse();
        assertThat(oracle.allows(api, worker, "TCP", 9000)).as(oracle.why(api, worker, "TCP", 9000)).isFalse();
        Pod stranger = Oracle.pod("team-a-data", java.util.Map.of("app", "api"));
        assertThat(oracle.allows(stranger, db, "TCP", 5432)).as("a pod of another release with the api's labels,"
                + " in the database's namespace: " + oracle.why(stranger, db, "TCP", 5432)).isFalse();
    }

    @Test
    void whereTheChartIsolatesADirectionSegregationAddsNothingThereAndSaysWhatIsBlocked() {
        String chartPolicy = """
                ---
                # Source: app/templates/db-policy.yaml
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: db, namespace: team-a-data}
                spec:
                  podSelector: {matchLabels: {app: db}}
                  policyTypes: [Ingress]
                  ingress: [{from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: worker}}}]}]
                """;
        PostRenderer.Run run = PostRenderer.run(TWO_NAMESPACES + chartPolicy, "--release=app", "--namespace=team-a",
                "--segregate");
        assertThat(run.exit()).as(run.stderr()).isZero();
        Oracle oracle = Oracle.of(run.out()).releaseNamespace("team-a");
        Pod api = oracle.pod("Deployment", "api");
        Pod worker = oracle.pod("Deployment", "worker");
        Pod db = oracle.pod("team-a-data", "Deployment", "db");

        assertThat(oracle.allows(api, db, "TCP", 5432)).as("the chart admits only the worker: "
                + oracle.why(api, db, "TCP", 5432)).isFalse();
        assertThat(oracle.allows(worker, db, "TCP", 5432)).as("the chart's own rule, which segregation leaves alone,"
                + " but the worker's egress is segregation's: " + oracle.why(worker, db, "TCP", 5432)).isFalse();
        assertThat(run.stderr()).contains("NetworkPolicy team-a-data/db (from the chart) isolates ingress of"
                + " Deployment team-a-data/db and does not allow ingress from the pods of deployment-api");
    }

    /**
     * A pre-upgrade hook new in this version (a migration Job) runs before the new regular policies are applied,
     * while the database's policy is still the last version's, which does not know it: the database admits it in a
     * policy of hook time too.
     */
    @Test
    void aHookConsumerNewInAnUpgradeReachesItsBackendWhileTheLastVersionsPoliciesAreStillInPlace() {
        String webshop = SegregationTest.input(SegregationFlows.WEBSHOP);
        StringBuilder withoutMigration = new StringBuilder();
        for (String doc : webshop.split("(?m)^---\n")) {
            if (!doc.isBlank() && !doc.contains("name: shop-webshop-migrate")) {
                withoutMigration.append("---\n").append(doc);
            }
        }
        PostRenderer.Run last = PostRenderer.run(withoutMigration.toString(), "--release=shop", "--namespace=team-a",
                "--segregate");
        PostRenderer.Run next = PostRenderer.run(webshop, "--release=shop", "--namespace=team-a", "--segregate");
        assertThat(last.exit()).as(last.stderr()).isZero();
        assertThat(next.exit()).as(next.stderr()).isZero();

        StringBuilder duringTheHook = new StringBuilder();
        for (String doc : last.out().split("(?m)^---\n")) {
            if (doc.contains("kind: NetworkPolicy")) {
                duringTheHook.append("---\n").append(doc); // the last version's policies, all still in place
            }
        }
        for (String doc : next.out().split("(?m)^---\n")) {
            if (!doc.contains("kind: NetworkPolicy") || doc.contains("helm.sh/hook:")) {
                duringTheHook.append("---\n").append(doc); // the workloads, and this version's hook policies
            }
        }
        Oracle oracle = Oracle.of(duringTheHook.toString()).releaseNamespace("team-a");
        Pod migrate = oracle.pod("Job", "shop-webshop-migrate");
        Pod db = oracle.pod("StatefulSet", "shop-webshop-db");
        Pod frontend = oracle.pod("Deployment", "shop-webshop-frontend");
        assertThat(oracle.allows(migrate, db, "TCP", 5432)).as(oracle.why(migrate, db, "TCP", 5432)).isTrue();
        assertThat(oracle.allows(frontend, db, "TCP", 5432)).as(oracle.why(frontend, db, "TCP", 5432)).isFalse();
    }

    @Test
    void withoutLabelInjectionThePodsAreNamedByTheirOwnLabelsAndTheFlowsStayTheSame() {
        Oracle oracle = Segregated.oracle(TWO_NAMESPACES, "--no-inject-labels");
        Pod api = oracle.pod("Deployment", "api");
        Pod worker = oracle.pod("Deployment", "worker");
        Pod db = oracle.pod("team-a-data", "Deployment", "db");

        assertThat(oracle.allows(api, db, "TCP", 5432)).as(oracle.why(api, db, "TCP", 5432)).isTrue();
        assertThat(oracle.allows(worker, db, "TCP", 5432)).as(oracle.why(worker, db, "TCP", 5432)).isFalse();
        assertThat(oracle.allows(api, worker, "TCP", 9000)).as(oracle.why(api, worker, "TCP", 9000)).isFalse();
    }
}
