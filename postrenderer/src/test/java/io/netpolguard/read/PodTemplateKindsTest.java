package io.netpolguard.read;

import io.netpolguard.error.InputException;
import io.netpolguard.config.ConfigReader;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.Workload;
import io.netpolguard.model.WorkloadKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which objects of kinds netpol-guard does not know it takes for workloads, from their pod templates. */
class PodTemplateKindsTest {

    private static Manifest read(String yaml, List<WorkloadKind> kinds) {
        return new ManifestReader(kinds).read(yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Workload> workloads(String yaml) {
        return read(yaml, WorkloadKind.BUILT_IN).workloads();
    }

    @Test
    void anObjectWithContainersInItsSpecTemplateIsAWorkloadSelectedByItsSpecSelector() {
        Workload w = workloads("""
                apiVersion: apps.kruise.io/v1alpha1
                kind: CloneSet
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]}
                """).get(0);

        assertThat(w.kind()).isEqualTo("CloneSet");
        assertThat(w.labelsPath()).isEqualTo("spec.template.metadata.labels");
        assertThat(w.selector()).isEqualTo(LabelSelector.of(Map.of("app", "web")));
        assertThat(w.pod().ports()).hasSize(1);
        assertThat(w.guessedKind().guessed()).isTrue();
        assertThat(w.guessedKind().entry("apps.kruise.io/v1alpha1")).isEqualTo("{apiVersion: apps.kruise.io/v1alpha1,"
                + " kind: CloneSet, podTemplatePath: spec.template, selectorPath: spec.selector}");
    }

    @Test
    void aSelectorThatIsAMapOfLabelsAsADeploymentConfigsIsReadAsOneAndAnyOtherShapeIsNoSelector() {
        Workload config = workloads("""
                apiVersion: apps.openshift.io/v1
                kind: DeploymentConfig
                metadata: {name: web}
                spec:
                  selector: {app: web, deploymentconfig: web}
                  template:
                    metadata: {labels: {app: web, deploymentconfig: web}}
                    spec: {containers: [{name: web, image: nginx}]}
                """).get(0);
        Workload odd = workloads("""
                apiVersion: example.com/v1
                kind: Runner
                metadata: {name: web}
                spec:
                  selector: "app=web"
                  template:
                    spec: {containers: [{name: web, image: nginx}]}
                """).get(0);

        assertThat(config.selector()).isEqualTo(LabelSelector.of(Map.of("app", "web", "deploymentconfig", "web")));
        assertThat(odd.selector()).isNull();
        assertThat(odd.guessedKind().selectorPath()).isNull();
    }

    @Test
    void aCronJobLikeKindIsAWorkloadAtItsJobTemplate() {
        Workload w = workloads("""
                apiVersion: batch.example.com/v1
                kind: ScheduledReport
                metadata: {name: nightly}
                spec:
                  jobTemplate:
                    spec:
                      template:
                        metadata: {labels: {app: nightly}}
                        spec: {containers: [{name: report, image: busybox}]}
                """).get(0);

        assertThat(w.labelsPath()).isEqualTo("spec.jobTemplate.spec.template.metadata.labels");
        assertThat(w.podLabels()).containsEntry("app", "nightly");
        assertThat(w.selector()).isNull();
    }

    @Test
    void templatesWithoutContainersCoreKindsAndNamelessObjectsAreNotWorkloads() {
        assertThat(workloads("""
                apiVersion: example.com/v1
                kind: Blueprint
                metadata: {name: a}
                spec: {template: {metadata: {labels: {app: a}}}}
                ---
                apiVersion: v1
                kind: PodTemplate
                metadata: {name: b}
                template: {spec: {containers: [{name: b, image: nginx}]}}
                ---
                apiVersion: example.com/v1
                kind: Runner
                metadata: {generateName: c-}
                spec: {template: {spec: {containers: [{name: c, image: nginx}]}}}
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: d}
                spec:
                  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: d}
                """)).isEmpty();
    }

    @Test
    void aConfiguredKindWhoseObjectTakesItsTemplateFromAWorkloadRefIsNoWorkloadAndOneWithoutEitherIsAnError() {
        List<WorkloadKind> kinds = ConfigReader.parse("workloadKinds: [{apiVersion: argoproj.io/v1alpha1, kind:"
                + " Rollout, podTemplatePath: spec.template}]", "test").workloadKinds();
        assertThat(read("""
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: d}
                spec:
                  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: d}
                """, kinds).workloads()).isEmpty();

        assertThatThrownBy(() -> read("""
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: e}
                spec: {replicas: 2}
                """, kinds)).isInstanceOf(InputException.class).hasMessage("Document 1 is Rollout e"
                + " (argoproj.io/v1alpha1), which has no pod template at spec.template, where workloadKinds in the"
                + " configuration says its kind has one.");
    }

    @Test
    void withCoverUnknownKindsFalseAnObjectWithAPodTemplateIsRefusedAndOthersAreNot() {
        List<WorkloadKind> strict = ConfigReader.parse("coverUnknownKinds: false", "test").workloadKinds();
        assertThat(read("""
                apiVersion: example.com/v1
                kind: Blueprint
                metadata: {name: a}
                spec: {template: {metadata: {labels: {app: a}}}}
                """, strict).workloads()).isEmpty();

        assertThatThrownBy(() -> read("""
                apiVersion: example.com/v1
                kind: Runner
                metadata: {name: r}
                spec: {template: {spec: {containers: [{name: r, image: nginx}]}}}
                """, strict)).isInstanceOf(InputException.class)
                .hasMessageContaining("Document 1 is Runner r (example.com/v1), a kind netpol-guard does not know, with"
                        + " a pod template at spec.template.")
                .satisfies(e -> assertThat(((InputException) e).suggestion()).contains(
                        "`workloadKinds: [{apiVersion: example.com/v1, kind: Runner, podTemplatePath: spec.template}]`"));
    }
}
