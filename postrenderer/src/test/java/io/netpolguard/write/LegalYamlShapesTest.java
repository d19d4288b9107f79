package io.netpolguard.write;

import io.netpolguard.error.InputException;
import io.netpolguard.NetpolGuard;
import io.netpolguard.Settings;
import io.netpolguard.model.Labels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import static io.netpolguard.write.LabelledOutput.GENERATED;
import static io.netpolguard.write.LabelledOutput.RELEASE;
import static io.netpolguard.write.LabelledOutput.assertLabelled;
import static io.netpolguard.write.LabelledOutput.labelled;
import static io.netpolguard.write.LabelledOutput.output;
import static io.netpolguard.write.LabelledOutput.workloads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Pod templates written in YAML's less common but legal shapes (tags, comments after a tag or an indicator, explicit
 * keys) get the release label where YAML reads it, the output still parses, and a second run changes nothing.
 * Each case gives the input and the exact output before the appended policies.
 */
class LegalYamlShapesTest {

    static Stream<Arguments> shapes() {
        return Stream.of(
                arguments("a comment holding a brace between the labels' tag and their flow mapping", """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: p
                          labels: !!map # note {
                            {app: web}
                        """, """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: p
                          labels: !!map # note {
                            {netpol-guard.io/release: "shop", app: web}
                        """),
                arguments("a comment holding a brace between the metadata's tag and its flow mapping", """
                        apiVersion: v1
                        kind: Pod
                        metadata: !!map # {labels}
                          {name: p}
                        """, """
                        apiVersion: v1
                        kind: Pod
                        metadata: !!map # {labels}
                          {labels: {netpol-guard.io/release: "shop"}, name: p}
                        """),
                arguments("an anchor and a comment before an empty flow mapping of labels", """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: p
                          labels: !!map #{
                            { }
                        """, """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: p
                          labels: !!map #{
                            {netpol-guard.io/release: "shop" }
                        """),
                arguments("labels written with explicit keys", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            metadata:
                              labels:
                                ? app
                                : web
                            spec: {containers: [{name: web, image: nginx}]}
                        """, """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            metadata:
                              labels:
                                netpol-guard.io/release: "shop"
                                ? app
                                : web
                            spec: {containers: [{name: web, image: nginx}]}
                        """),
                arguments("pod template metadata starting with an explicit key", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            metadata:
                              ? annotations
                              : {a: b}
                            spec: {containers: [{name: web, image: nginx}]}
                        """, """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            metadata:
                              labels:
                                netpol-guard.io/release: "shop"
                              ? annotations
                              : {a: b}
                            spec: {containers: [{name: web, image: nginx}]}
                        """),
                arguments("a pod template without metadata whose first key is explicit", """
                        apiVersion: batch/v1
                        kind: Job
                        metadata: {name: once}
                        spec:
                          template:
                            ? spec
                            : restartPolicy: Never
                        """, """
                        apiVersion: batch/v1
                        kind: Job
                        metadata: {name: once}
                        spec:
                          template:
                            metadata:
                              labels:
                                netpol-guard.io/release: "shop"
                            ? spec
                            : restartPolicy: Never
                        """),
                arguments("labels as an explicit key with an empty value", """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: p
                          ? labels
                          :
                        """, """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: p
                          ? labels
                          : {netpol-guard.io/release: "shop"}
                        """),
                arguments("labels as an explicit key whose mapping starts on the value's line", """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: p
                          ? labels
                          : app: web
                            tier: front
                        """, """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: p
                          ? labels
                          : netpol-guard.io/release: "shop"
                            app: web
                            tier: front
                        """),
                arguments("metadata as an explicit key with an empty value and a comment", """
                        apiVersion: batch/v1
                        kind: Job
                        metadata: {name: once}
                        spec:
                          template:
                            ? metadata
                            : # nothing yet
                            spec: {restartPolicy: Never}
                        """, """
                        apiVersion: batch/v1
                        kind: Job
                        metadata: {name: once}
                        spec:
                          template:
                            ? metadata
                            : {labels: {netpol-guard.io/release: "shop"}} # nothing yet
                            spec: {restartPolicy: Never}
                        """),
                arguments("a tagged first label key", """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: p
                          labels:
                            !!str app: web
                        """, """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: p
                          labels:
                            netpol-guard.io/release: "shop"
                            !!str app: web
                        """),
                arguments("comments after the value indicator and before the first label", """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: p
                          labels: !!map # a tag, then a comment
                            # another
                            app: web
                        """, """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: p
                          labels: !!map # a tag, then a comment
                            # another
                            netpol-guard.io/release: "shop"
                            app: web
                        """),
                arguments("a flow mapping with a comment after its brace", """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: p
                          labels: { # the app
                            app: web}
                        """, """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: p
                          labels: {netpol-guard.io/release: "shop",  # the app
                            app: web}
                        """),
                arguments("a flow mapping with explicit keys", """
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: p, labels: {? app : web}}
                        """, """
                        apiVersion: v1
                        kind: Pod
                        metadata: {name: p, labels: {netpol-guard.io/release: "shop", ? app : web}}
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void theLabelGoesWhereYamlReadsItAndASecondRunChangesNothing(String caseName, String input, String expected) {
        String output = assertLabelled(input, expected);
        assertThat(output(output)).as("a second run").isEqualTo(output);
    }

    @Test
    void aStreamWithCarriageReturnsAloneAsLineBreaksGetsItsLabelsInThatStyle() {
        String web = io.netpolguard.cli.PostRenderer.WEB;
        String input = (web + web.replace("shop-web", "shop-api")).replace("\n", "\r");
        String output = output(input);
        String labelled = "        netpol-guard.io/release: \"shop\"\r        app: web\r";
        String expected = (web + web.replace("shop-web", "shop-api"))
                .replace("        app: web\n", "        netpol-guard.io/release: \"shop\"\n        app: web\n")
                .replace("\n", "\r");
        assertThat(expected).contains(labelled);
        // A line feed ends the last line before the generated documents, so that their --- starts a line for every
        // reader, not only for YAML's.
        assertThat(output).startsWith(expected + "\n" + GENERATED);
        assertThat(workloads(output)).hasSize(2).allSatisfy(w ->
                assertThat(w.podLabels()).containsEntry(Labels.RELEASE, RELEASE));
        assertThat(output(output)).as("a second run").isEqualTo(output);
    }

    @Test
    void labelsMergedFromAnotherMappingAreRefusedRatherThanEditedThere() {
        String input = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: &meta
                  name: web
                  labels: {app: web}
                spec:
                  template:
                    metadata:
                      <<: *meta
                      annotations: {a: b}
                """;
        assertThatThrownBy(() -> NetpolGuard.run(input.getBytes(StandardCharsets.UTF_8),
                Settings.defaults().withRelease(RELEASE)))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.getMessage()).contains("Deployment").contains("merge key");
                    assertThat(e.suggestion()).contains("--no-inject-labels");
                });
    }
}
