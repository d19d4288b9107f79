package io.netpolguard.plan;

import io.netpolguard.error.InputException;
import io.netpolguard.NetpolGuard;
import io.netpolguard.Result;
import io.netpolguard.Settings;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.Labels;
import io.netpolguard.model.PodSpec;
import io.netpolguard.model.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReleaseResolverTest {

    private static final String HINT = "--post-renderer-args=--release=";

    private static Workload workload(String name, Map<String, String> objectLabels, Map<String, String> podLabels) {
        KubeObject object = new KubeObject(null, "apps/v1", "Deployment", name, null, objectLabels, List.of(), 0, null);
        return new Workload(object, podLabels, "spec.template.metadata.labels", null, null, null, PodSpec.NONE, null);
    }

    private static Workload podLabelled(String name, String instance) {
        return workload(name, Map.of(), Map.of(Labels.INSTANCE, instance, "app", name));
    }

    private static Workload objectLabelled(String name, String instance) {
        return workload(name, Map.of(Labels.INSTANCE, instance), Map.of("app", name));
    }

    private static Workload unlabelled(String name) {
        return workload(name, Map.of(), Map.of("app", name));
    }

    @Test
    void anExplicitReleaseIsUsedEvenWhenTheLabelsSaySomethingElse() {
        assertThat(ReleaseResolver.resolve("shop", List.of(podLabelled("web", "other")))).isEqualTo("shop");
    }

    @Test
    void anExplicitReleaseNeedsNoWorkload() {
        assertThat(ReleaseResolver.resolve("shop", List.of())).isEqualTo("shop");
    }

    static Stream<String> validNames() {
        return Stream.of("a", "7", "shop", "shop-2", "1st-release", "a--b", "x".repeat(53));
    }

    @ParameterizedTest
    @MethodSource("validNames")
    void validHelmReleaseNamesAreAccepted(String name) {
        assertThat(ReleaseResolver.resolve(name, List.of())).isEqualTo(name);
    }

    static Stream<String> invalidNames() {
        return Stream.of("", "Shop", "-shop", "shop-", "sh_op", "shop v2", "shöp", "shop/web", " shop", "shop\n",
                "x".repeat(54));
    }

    @ParameterizedTest
    @MethodSource("invalidNames")
    void invalidReleaseNamesAreRefused(String name) {
        assertThatThrownBy(() -> ReleaseResolver.resolve(name, List.of(podLabelled("web", "shop"))))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.getMessage()).contains("\"" + name + "\"").contains("not a valid Helm release name");
                    assertThat(e.suggestion()).isNotBlank();
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"shop.v1", "a.b.c", "my-app.prod"})
    void dottedReleaseNamesThatHelmAcceptsAreAccepted(String name) {
        assertThat(ReleaseResolver.resolve(name, List.of())).isEqualTo(name);
    }

    @Test
    void theReleaseIsInferredWhenEveryPodTemplateAgrees() {
        assertThat(ReleaseResolver.resolve(null, List.of(podLabelled("web", "shop"), podLabelled("db", "shop"))))
                .isEqualTo("shop");
    }

    @Test
    void theReleaseIsInferredFromTheObjectLabelWhenThePodTemplateHasNone() {
        assertThat(ReleaseResolver.resolve(null, List.of(objectLabelled("web", "shop"), podLabelled("db", "shop"))))
                .isEqualTo("shop");
    }

    @Test
    void thePodTemplateLabelCountsBeforeTheObjectLabel() {
        Workload w = workload("web", Map.of(Labels.INSTANCE, "chart-default"), Map.of(Labels.INSTANCE, "shop"));
        assertThat(ReleaseResolver.resolve(null, List.of(w))).isEqualTo("shop");
    }

    @Test
    void workloadsWithoutTheLabelDoNotStopTheInference() {
        assertThat(ReleaseResolver.resolve(null, List.of(unlabelled("sidecar"), podLabelled("web", "shop"))))
                .isEqualTo("shop");
    }

    @Test
    void anEmptyInstanceLabelIsNoVote() {
        assertThat(ReleaseResolver.resolve(null, List.of(podLabelled("web", ""), podLabelled("db", "shop"))))
                .isEqualTo("shop");
    }

    @Test
    void noLabelledWorkloadIsRefusedWithTheHelmCommandToUse() {
        assertThatThrownBy(() -> ReleaseResolver.resolve(null, List.of(unlabelled("web"), unlabelled("db"))))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.getMessage()).contains("cannot tell the release name").contains(Labels.INSTANCE);
                    assertThat(e.paragraph()).contains(HINT);
                });
    }

    @Test
    void noWorkloadAtAllIsRefusedWithTheHint() {
        assertThatThrownBy(() -> ReleaseResolver.resolve(null, List.of()))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.paragraph()).contains(HINT));
    }

    @Test
    void disagreeingWorkloadsAreRefusedNamingTheValuesAndTheWorkloads() {
        assertThatThrownBy(() -> ReleaseResolver.resolve(null,
                List.of(podLabelled("web", "shop"), objectLabelled("db", "shop-db"), unlabelled("cache"))))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.getMessage()).contains("disagree").contains(Labels.INSTANCE)
                            .contains("shop").contains("shop-db")
                            .contains("Deployment (release namespace)/web")
                            .contains("Deployment (release namespace)/db")
                            .doesNotContain("cache");
                    assertThat(e.paragraph()).contains(HINT);
                });
    }

    @Test
    void anInferredNameThatIsNoValidReleaseNameIsRefusedWithTheHint() {
        assertThatThrownBy(() -> ReleaseResolver.resolve(null, List.of(podLabelled("web", "Shop_1"))))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.paragraph()).contains(HINT));
    }

    @Test
    void aRunWithoutReleaseUsesTheInferredOne() {
        String chart = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: shop-web
                  labels: {app.kubernetes.io/instance: shop}
                spec:
                  template:
                    metadata:
                      labels: {app.kubernetes.io/instance: shop, app: web}
                """;
        Result result = NetpolGuard.run(chart.getBytes(StandardCharsets.UTF_8), Settings.defaults());
        assertThat(result.release()).isEqualTo("shop");
        assertThat(result.refused()).isFalse();
    }

    @Test
    void aRunWithoutReleaseOrLabelsIsRefusedWithTheHint() {
        String chart = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    metadata:
                      labels: {app: web}
                """;
        assertThatThrownBy(() -> NetpolGuard.run(chart.getBytes(StandardCharsets.UTF_8), Settings.defaults()))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.paragraph()).contains(HINT));
    }
}
