package io.netpolguard.observe;

import io.netpolguard.model.Manifest;
import io.netpolguard.model.Workload;
import io.netpolguard.model.WorkloadKind;
import io.netpolguard.read.ManifestReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Pods of a flow log found among the input's workloads: by the names controllers give pods, then by labels. */
class MatcherTest {

    private static String workload(String kind, String name, String app) {
        String template = "{template: {metadata: {labels: {app: " + app + "}}, spec: {containers: [{name: c, image: i}]}}}";
        String spec = kind.equals("CronJob") ? "{schedule: \"0 * * * *\", jobTemplate: {spec: " + template + "}}"
                : template;
        return "---\napiVersion: " + (kind.endsWith("Job") ? "batch/v1" : "apps/v1") + "\nkind: " + kind
                + "\nmetadata: {name: " + name + "}\nspec: " + spec + "\n";
    }

    private static final Manifest SHOP = new ManifestReader(WorkloadKind.BUILT_IN).read((
            workload("Deployment", "shop-web", "web") + workload("Deployment", "shop-web-api", "api")
                    + workload("StatefulSet", "shop-db", "db") + workload("CronJob", "shop-report", "report")
                    + workload("DaemonSet", "shop-agent", "agent") + workload("Job", "shop-migrate", "migrate"))
            .getBytes(StandardCharsets.UTF_8));

    private final Matcher matcher = new Matcher(SHOP.workloads(), w -> "team-a");

    private String pod(String name) {
        Workload w = matcher.match(new FlowEnd("team-a", name, null, Map.of(), false, Map.of(), null));
        return w == null ? null : w.kind() + " " + w.name();
    }

    @Test
    void podNamesAreReadAsEachControllerWritesThem() {
        assertThat(pod("shop-web-7d4b9c6f5-x2x9z")).isEqualTo("Deployment shop-web");
        assertThat(pod("shop-web-api-7d4b9c6f5-x2x9z")).isEqualTo("Deployment shop-web-api");
        assertThat(pod("shop-db-12")).isEqualTo("StatefulSet shop-db");
        assertThat(pod("shop-report-29412360-k7d2m")).isEqualTo("CronJob shop-report");
        assertThat(pod("shop-agent-x7k2p")).isEqualTo("DaemonSet shop-agent");
        assertThat(pod("shop-migrate-q9w8e")).isEqualTo("Job shop-migrate");
        assertThat(pod("shop-web")).isEqualTo("Deployment shop-web");
    }

    @Test
    void aNameNoControllerWouldGiveMatchesNothing() {
        assertThat(pod("shop-db-primary")).isNull();
        assertThat(pod("shop-report-7d4b9c6f5-x2x9z")).isNull();
        assertThat(pod("other-web-7d4b9c6f5-x2x9z")).isNull();
    }

    @Test
    void withoutAKnownNameTheLabelsDecideAndAnotherNamespaceIsNeverTheRelease() {
        Workload byLabels = matcher.match(new FlowEnd("team-a", "renamed-0", null,
                Map.of("app", "db", "statefulset.kubernetes.io/pod-name", "renamed-0"), false, Map.of(), null));
        assertThat(byLabels.name()).isEqualTo("shop-db");
        Workload bySelector = matcher.match(new FlowEnd("team-a", null, null, Map.of("app", "api"), true, Map.of(),
                null));
        assertThat(bySelector.name()).isEqualTo("shop-web-api");
        assertThat(matcher.match(new FlowEnd("team-b", "shop-web-7d4b9c6f5-x2x9z", null, Map.of("app", "web"), false,
                Map.of(), null))).isNull();
    }
}
