package io.netpolguard.read;

import io.netpolguard.error.InputException;
import io.netpolguard.cli.PostRenderer;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.WorkloadKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reader accepts what Kubernetes' YAML tooling (go-yaml under Helm and kubectl) accepts where SnakeYAML alone
 * would not: tabs as separation after {@code ---}, and tab-indented JSON documents wherever they sit in the stream.
 * Tabs stay refused where YAML refuses them.
 */
class KubernetesYamlTest {

    private static final String POD_JSON = "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Pod\",\n\t\"metadata\": {\n"
            + "\t\t\"name\": \"p\",\n\t\t\"labels\": {\n\t\t\t\"app\": \"web\"\n\t\t}\n\t},\n"
            + "\t\"spec\": {\"containers\": [{\"name\": \"c\", \"image\": \"nginx\"}]}\n}\n";

    private static Manifest read(String stream) {
        return new ManifestReader(WorkloadKind.BUILT_IN).read(stream.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aTabAfterTheDocumentStartMarkerIsSeparationAsInGoYaml() {
        Manifest m = read("---\t# the first\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"
                + "--- \t # the second\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n"
                + "---\t\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n");
        assertThat(m.objects()).extracting(o -> o.name()).containsExactly("a", "b", "c");
    }

    @Test
    void aTabIndentedJsonDocumentIsReadAfterTheSeparatorAndSourceCommentHelmWrites() {
        Manifest m = read("---\n# Source: shop/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n"
                + "---\n# Source: shop/templates/pod.json\n" + POD_JSON);
        assertThat(m.workloads()).hasSize(1);
        assertThat(m.workloads().get(0).podLabels()).isEqualTo(Map.of("app", "web"));
    }

    @Test
    void aTabIndentedJsonDocumentInTheMiddleOfTheStreamGetsTheLabelAndReadsBack() {
        String input = PostRenderer.WEB + "---\n# Source: shop/templates/pod.json\n" + POD_JSON
                + "---\n# Source: shop/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n";
        PostRenderer.Run run = PostRenderer.run(input, "--release=shop");
        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(read(run.out()).workloads()).allSatisfy(w ->
                assertThat(w.podLabels()).containsEntry("netpol-guard.io/release", "shop"));
        assertThat(PostRenderer.run(run.stdout(), "--release=shop").out()).isEqualTo(run.out());
    }

    @Test
    void aTabInsideAQuotedValueOfAFlowDocumentStaysATab() {
        Manifest m = read("---\n# Source: x\n{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\",\n\t\"metadata\":"
                + " {\"name\": \"a\", \"labels\": {\"note\": \"one\ttwo\", 'other': 'three\tfour'}}}\n");
        assertThat(m.objects().get(0).labels()).containsEntry("note", "one\ttwo").containsEntry("other",
                "three\tfour");
    }

    @Test
    void tabsIndentingABlockDocumentAreStillRefusedAsYamlRefusesThem() {
        assertThatThrownBy(() -> read("---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: a\n"))
                .isInstanceOf(InputException.class).hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> read("---\t\n\tapiVersion: v1\nkind: ConfigMap\n"))
                .isInstanceOf(InputException.class).hasMessageContaining("not valid YAML");
    }
}
