package io.netpolguard.testing;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.netpolguard.testing.Manifests.configMap;
import static io.netpolguard.testing.Manifests.deployment;
import static io.netpolguard.testing.Manifests.job;
import static io.netpolguard.testing.Manifests.policy;
import static io.netpolguard.testing.Manifests.service;
import static org.assertj.core.api.Assertions.assertThat;

/** The test fixtures write the objects they say, as Helm writes a stream. */
class ManifestsTest {

    private static List<Object> parse(String stream) {
        List<Object> documents = new ArrayList<>();
        new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(stream).forEach(documents::add);
        return documents;
    }

    @Test
    void aDeploymentSelectsItsPodsByTheirLabelsAndRunsOneContainerNamedAfterIt() {
        assertThat(parse(deployment("api").port("http", 8080).port(null, 53, "UDP").toString())).containsExactly(
                Map.of("apiVersion", "apps/v1", "kind", "Deployment", "metadata", Map.of("name", "api"),
                        "spec", Map.of("selector", Map.of("matchLabels", Map.of("app", "api")),
                                "template", Map.of("metadata", Map.of("labels", Map.of("app", "api")),
                                        "spec", Map.of("containers", List.of(Map.of("name", "api", "ports", List.of(
                                                Map.of("name", "http", "containerPort", 8080),
                                                Map.of("containerPort", 53, "protocol", "UDP")))))))));
    }

    @Test
    void aJobWithoutPodLabelsHasNoTemplateMetadataAndValuesThatAreNoWordsAreQuoted() {
        String yaml = job("once").podLabels().annotation("helm.sh/hook-weight", "-5").annotation("on", "true")
                .podSpec("restartPolicy: Never\ncontainers: [{name: c}]").toString();
        assertThat(parse(yaml)).containsExactly(Map.of("apiVersion", "batch/v1", "kind", "Job",
                "metadata", Map.of("name", "once", "annotations", Map.of("helm.sh/hook-weight", "-5", "on", "true")),
                "spec", Map.of("template", Map.of("spec", Map.of("restartPolicy", "Never",
                        "containers", List.of(Map.of("name", "c")))))));
    }

    @Test
    void aServiceAPolicyAndAConfigMapSayWhatTheyAreGiven() {
        assertThat(parse(HelmStream.plain(
                service("db").headless().port("pg", 5432, "postgres", "TCP"),
                policy("deny").namespace("team-a").selects("app", "db").types("Ingress").spec("ingress: []"),
                configMap("files").data("app.yaml", "a:\n  b: c\n").data("url", "http://api:80")))).containsExactly(
                Map.of("apiVersion", "v1", "kind", "Service", "metadata", Map.of("name", "db"),
                        "spec", Map.of("clusterIP", "None", "selector", Map.of("app", "db"), "ports", List.of(
                                Map.of("name", "pg", "port", 5432, "targetPort", "postgres", "protocol", "TCP")))),
                Map.of("apiVersion", "networking.k8s.io/v1", "kind", "NetworkPolicy",
                        "metadata", Map.of("name", "deny", "namespace", "team-a"),
                        "spec", Map.of("podSelector", Map.of("matchLabels", Map.of("app", "db")),
                                "policyTypes", List.of("Ingress"), "ingress", List.of())),
                Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "files"),
                        "data", Map.of("app.yaml", "a:\n  b: c\n", "url", "http://api:80")));
    }

    @Test
    void aHelmStreamPutsEachObjectAfterTheSourceLineOfItsTemplate() {
        String stream = HelmStream.of("shop", deployment("web"), service("web"), configMap("settings").from("web.yaml"));
        assertThat(stream.lines().filter(l -> l.startsWith("---") || l.startsWith("#"))).containsExactly(
                "---", "# Source: shop/templates/web.yaml", "---", "# Source: shop/templates/web.yaml",
                "---", "# Source: shop/templates/web.yaml");
        assertThat(stream).startsWith("---\n# Source: shop/templates/web.yaml\napiVersion: apps/v1\n");
    }
}
