package io.netpolguard.flows;

import io.netpolguard.cli.Mode;
import io.netpolguard.cli.PostRenderer;
import io.netpolguard.oracle.Oracle;
import io.netpolguard.oracle.Pod;
import io.netpolguard.oracle.Port;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.netpolguard.flows.ReleaseFlows.INGRESS_NGINX;
import static io.netpolguard.flows.ReleaseFlows.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Workloads of kinds netpol-guard does not know (an Argo Rollout, a CronJob-like custom kind) are covered with zero
 * configuration when they have a pod template where the built-in kinds have theirs: labelled, selected by the
 * release's policies, given their allowances, and named in a note that says how to confirm or refuse such kinds.
 * With {@code coverUnknownKinds: false}, such a stream is refused, naming the kind and what to configure.
 */
class UnknownKindsTest {

    private static final String REPORT_TASK = """
            ---
            # Source: reports/templates/nightly.yaml
            apiVersion: batch.example.com/v1
            kind: ScheduledReport
            metadata:
              name: reports-nightly
              labels: {app.kubernetes.io/instance: reports}
            spec:
              schedule: "0 3 * * *"
              jobTemplate:
                spec:
                  template:
                    metadata:
                      labels: {app.kubernetes.io/name: nightly, app.kubernetes.io/instance: reports}
                    spec:
                      restartPolicy: Never
                      containers:
                        - name: report
                          image: ghcr.io/example/reports:2.1
                          args: ["--db=postgres://reports-db:5432/reports"]
            ---
            # Source: reports/templates/db.yaml
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: reports-db}
            spec:
              serviceName: reports-db
              selector: {matchLabels: {app.kubernetes.io/name: db}}
              template:
                metadata: {labels: {app.kubernetes.io/name: db, app.kubernetes.io/instance: reports}}
                spec:
                  containers: [{name: postgres, image: postgres:17, ports: [{name: postgres, containerPort: 5432}]}]
            ---
            # Source: reports/templates/db.yaml
            apiVersion: v1
            kind: Service
            metadata: {name: reports-db}
            spec:
              selector: {app.kubernetes.io/name: db}
              ports: [{name: postgres, port: 5432, targetPort: postgres}]
            """;

    private static String rollouts() throws IOException {
        try (InputStream in = UnknownKindsTest.class.getResourceAsStream("/roles/rollouts-demo.helm3.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static PostRenderer.Run run(String stream, String release, String... more) {
        List<String> args = new ArrayList<>(List.of("--release=" + release, "--namespace=team-a"));
        args.addAll(List.of(more));
        return PostRenderer.run(stream, args.toArray(String[]::new));
    }

    /** The pods an object of the output creates, from its pod template at {@code path}, as the Oracle sees pods. */
    @SuppressWarnings("unchecked")
    private static Pod pods(Oracle oracle, String kind, String name, String path, Port... ports) {
        for (Map<String, Object> o : oracle.objects()) {
            Map<String, Object> metadata = (Map<String, Object>) o.get("metadata");
            if (kind.equals(o.get("kind")) && name.equals(metadata.get("name"))) {
                Object node = o;
                for (String key : (path + ".metadata.labels").split("\\.")) {
                    node = ((Map<String, Object>) node).get(key);
                }
                Map<String, String> labels = new java.util.TreeMap<>();
                ((Map<String, Object>) node).forEach((k, v) -> labels.put(k, String.valueOf(v)));
                return new Pod("team-a", kind, name, labels, List.of(ports));
            }
        }
        throw new AssertionError("no " + kind + " " + name + " in the output");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void anArgoRolloutIsLabelledCoveredAndGivenItsAllowancesWithZeroConfiguration(Mode mode) throws IOException {
        PostRenderer.Run run = run(rollouts(), "rollouts-demo", mode.args());
        assertThat(run.exit()).as(run.stderr()).isZero();
        Oracle oracle = Oracle.of(run.out()).releaseNamespace("team-a");
        Pod rollout = pods(oracle, "Rollout", "rollouts-demo", "spec.template", new Port("http", 8080, "TCP"));
        Pod worker = oracle.pod("Deployment", "rollouts-demo-worker");

        assertThat(rollout.labels()).containsEntry("netpol-guard.io/release", "rollouts-demo");
        assertThat(oracle.isolated(rollout, true)).isTrue();
        assertThat(oracle.isolated(rollout, false)).isTrue();
        assertThat(oracle.allows(INGRESS_NGINX, rollout, "TCP", 8080)).as("the Ingress routes to the stable Service")
                .isTrue();
        assertThat(oracle.allows(worker, rollout, "TCP", 8080)).as(oracle.why(worker, rollout, "TCP", 8080)).isTrue();
        assertThat(oracle.allows(STRANGER, rollout, "TCP", 8080)).isFalse();
        assertThat(oracle.allows(rollout, STRANGER, "TCP", 8080)).isFalse();
    }

    @Test
    void theRolloutIsNamedInOneNoteWithItsPodTemplateAndTheConfigurationThatConfirmsOrRefusesIt(@TempDir Path dir)
            throws IOException {
        Path report = dir.resolve("report.json");
        PostRenderer.Run run = run(rollouts(), "rollouts-demo", "--explain", "--report=" + report);

        assertThat(run.stderr()).containsOnlyOnce("is a kind netpol-guard does not know").contains(
                "Rollout (release namespace)/rollouts-demo: Rollout (argoproj.io/v1alpha1) is a kind netpol-guard does"
                        + " not know; it has a pod template at spec.template, so netpol-guard labels and covers its pods"
                        + " as a workload's (selected by spec.selector). To say so in the configuration (and no longer"
                        + " see this), add `workloadKinds: [{apiVersion: argoproj.io/v1alpha1, kind: Rollout,"
                        + " podTemplatePath: spec.template, selectorPath: spec.selector}]`; to refuse kinds that are"
                        + " neither built in nor listed there, set `coverUnknownKinds: false`.");
        assertThat(run.stderr()).as("a Rollout with a workloadRef has its Deployment's pods")
                .doesNotContain("Rollout (release namespace)/rollouts-demo-worker");
        String json = Files.readString(report).replaceAll("\\s+", " ");
        assertThat(json).contains("\"kind\": \"Rollout\", \"namespace\": \"team-a\", \"name\": \"rollouts-demo\"")
                .contains("is a kind netpol-guard does not know");
        assertThat(json).doesNotContain("\"name\": \"rollouts-demo-worker\", \"hook\": false, \"labels\": {"
                + " \"app.kubernetes.io/instance\": \"rollouts-demo\", \"app.kubernetes.io/name\":"
                + " \"rollouts-demo-worker\" }, \"selectedBy\": [ ], ");
    }

    @Test
    void aKindListedUnderWorkloadKindsIsCoveredTheSameWithoutTheNote(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "workloadKinds: [{apiVersion: argoproj.io/v1alpha1, kind: Rollout,"
                + " podTemplatePath: spec.template, selectorPath: spec.selector}]\n");
        PostRenderer.Run configured = run(rollouts(), "rollouts-demo", "--config=" + config);
        PostRenderer.Run guessed = run(rollouts(), "rollouts-demo");

        assertThat(configured.exit()).isZero();
        assertThat(configured.stderr()).doesNotContain("does not know");
        assertThat(configured.out()).isEqualTo(guessed.out());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mode.class)
    void aCustomKindWithAJobTemplateIsCoveredAtItsPodTemplate(Mode mode) {
        PostRenderer.Run run = run(REPORT_TASK, "reports", mode.args());
        assertThat(run.exit()).as(run.stderr()).isZero();
        Oracle oracle = Oracle.of(run.out()).releaseNamespace("team-a");
        Pod task = pods(oracle, "ScheduledReport", "reports-nightly", "spec.jobTemplate.spec.template");
        Pod db = oracle.pod("StatefulSet", "reports-db");

        assertThat(task.labels()).containsEntry("netpol-guard.io/release", "reports");
        assertThat(oracle.allows(task, db, "TCP", 5432)).as(oracle.why(task, db, "TCP", 5432)).isTrue();
        assertThat(oracle.allows(task, STRANGER, "TCP", 5432)).isFalse();
        assertThat(run.stderr()).contains("ScheduledReport (batch.example.com/v1) is a kind netpol-guard does not know;"
                + " it has a pod template at spec.jobTemplate.spec.template");
    }

    @Test
    void withCoverUnknownKindsFalseAStreamWithSuchAKindIsRefusedNamingItAndWhatToConfigure(@TempDir Path dir)
            throws IOException {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "coverUnknownKinds: false\n");
        PostRenderer.Run run = run(rollouts(), "rollouts-demo", "--config=" + config);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo("netpol-guard: error: Document 6 (rollouts-demo/templates/rollout.yaml) is"
                + " Rollout rollouts-demo (argoproj.io/v1alpha1), a kind netpol-guard does not know, with a pod"
                + " template at spec.template. With coverUnknownKinds: false netpol-guard covers only the built-in"
                + " kinds and those under workloadKinds, so its pods would be selected by no NetworkPolicy. List the"
                + " kind in the configuration: `workloadKinds: [{apiVersion: argoproj.io/v1alpha1, kind: Rollout,"
                + " podTemplatePath: spec.template, selectorPath: spec.selector}]`, or set `coverUnknownKinds: true`"
                + " (the default) to cover such kinds by their pod template.\n");

        Files.writeString(config, "coverUnknownKinds: false\nworkloadKinds: [{apiVersion: argoproj.io/v1alpha1,"
                + " kind: Rollout, podTemplatePath: spec.template, selectorPath: spec.selector}]\n");
        assertThat(run(rollouts(), "rollouts-demo", "--config=" + config).exit()).as("listed").isZero();
    }
}
