package io.netpolguard.write;

import io.netpolguard.error.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.netpolguard.write.LabelledOutput.assertLabelled;
import static io.netpolguard.write.LabelledOutput.labelled;
import static io.netpolguard.write.LabelledOutput.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The release label goes into each pod template by inserting text only: every other byte of the document stays.
 * Each case gives the input and the exact output before the appended policies.
 */
class LabelInsertionTest {

    static Stream<Arguments> shapes() {
        return Stream.of(
                arguments("block labels, indent 2, comment before the first key", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: web
                        spec:
                          selector:
                            matchLabels:
                              app: web
                          template:
                            metadata:
                              labels:
                                # the app
                                app: web
                            spec:
                              containers:
                                - name: web
                                  image: nginx
                        """, """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: web
                        spec:
                          selector:
                            matchLabels:
                              app: web
                          template:
                            metadata:
                              labels:
                                # the app
                                netpol-guard.io/release: "shop"
                                app: web
                            spec:
                              containers:
                                - name: web
                                  image: nginx
                        """),
                arguments("block labels, indent 4, comment before the first key", """
                        apiVersion: apps/v1
                        kind: StatefulSet
                        metadata:
                            name: db
                        spec:
                            selector:
                                matchLabels:
                                    app: db
                            template:
                                metadata:
                                    labels:
                                        # keep
                                        app: db   # trailing
                                        tier: data
                                spec:
                                    containers: []
                        """, """
                        apiVersion: apps/v1
                        kind: StatefulSet
                        metadata:
                            name: db
                        spec:
                            selector:
                                matchLabels:
                                    app: db
                            template:
                                metadata:
                                    labels:
                                        # keep
                                        netpol-guard.io/release: "shop"
                                        app: db   # trailing
                                        tier: data
                                spec:
                                    containers: []
                        """),
                arguments("flow labels", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            metadata:
                              labels: {app: web, tier: front}
                        """, """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            metadata:
                              labels: {netpol-guard.io/release: "shop", app: web, tier: front}
                        """),
                arguments("empty flow labels", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            metadata:
                              labels: {}
                        """, """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            metadata:
                              labels: {netpol-guard.io/release: "shop"}
                        """),
                arguments("labels: with no value", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            metadata:
                              labels:
                              annotations:
                                a: b
                        """, """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            metadata:
                              labels: {netpol-guard.io/release: "shop"}
                              annotations:
                                a: b
                        """),
                arguments("labels: with no value and a comment", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            metadata:
                              labels:   # none yet
                            spec: {}
                        """, """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            metadata:
                              labels: {netpol-guard.io/release: "shop"}   # none yet
                            spec: {}
                        """),
                arguments("labels: null", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            metadata:
                              labels: null
                              name: x
                        """, """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            metadata:
                              labels: {netpol-guard.io/release: "shop"}
                              name: x
                        """),
                arguments("labels: ~", """
                        apiVersion: batch/v1
                        kind: Job
                        metadata: {name: once}
                        spec:
                          template:
                            metadata: {labels: ~}
                        """, """
                        apiVersion: batch/v1
                        kind: Job
                        metadata: {name: once}
                        spec:
                          template:
                            metadata: {labels: {netpol-guard.io/release: "shop"}}
                        """),
                arguments("block metadata without labels", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            metadata:
                              annotations:
                                a: b
                            spec: {}
                        """, """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            metadata:
                              labels:
                                netpol-guard.io/release: "shop"
                              annotations:
                                a: b
                            spec: {}
                        """),
                arguments("flow metadata without labels", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            metadata: {annotations: {a: b}}
                        """, """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            metadata: {labels: {netpol-guard.io/release: "shop"}, annotations: {a: b}}
                        """),
                arguments("empty flow metadata", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            metadata: {}
                        """, """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            metadata: {labels: {netpol-guard.io/release: "shop"}}
                        """),
                arguments("metadata: with no value", """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            metadata:
                            spec: {}
                        """, """
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            metadata: {labels: {netpol-guard.io/release: "shop"}}
                            spec: {}
                        """),
                arguments("block pod template without metadata", """
                        apiVersion: batch/v1
                        kind: Job
                        metadata: {name: once}
                        spec:
                          template:
                            spec:
                              restartPolicy: Never
                        """, """
                        apiVersion: batch/v1
                        kind: Job
                        metadata: {name: once}
                        spec:
                          template:
                            metadata:
                              labels:
                                netpol-guard.io/release: "shop"
                            spec:
                              restartPolicy: Never
                        """),
                arguments("flow pod template without metadata", """
                        apiVersion: batch/v1
                        kind: Job
                        metadata: {name: once}
                        spec:
                          template: {spec: {restartPolicy: Never}}
                        """, """
                        apiVersion: batch/v1
                        kind: Job
                        metadata: {name: once}
                        spec:
                          template: {metadata: {labels: {netpol-guard.io/release: "shop"}}, spec: {restartPolicy: Never}}
                        """),
                arguments("a Pod at the document root", """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: p
                          labels:
                            app: p
                        spec:
                          containers: []
                        """, """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: p
                          labels:
                            netpol-guard.io/release: "shop"
                            app: p
                        spec:
                          containers: []
                        """),
                arguments("a Pod without labels", """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          name: p
                        spec:
                          containers: []
                        """, """
                        apiVersion: v1
                        kind: Pod
                        metadata:
                          labels:
                            netpol-guard.io/release: "shop"
                          name: p
                        spec:
                          containers: []
                        """),
                arguments("a CronJob's pod template", """
                        apiVersion: batch/v1
                        kind: CronJob
                        metadata: {name: nightly}
                        spec:
                          schedule: "0 0 * * *"
                          jobTemplate:
                            metadata:
                              labels: {job: nightly}
                            spec:
                              template:
                                metadata:
                                  labels:
                                    app: nightly
                        """, """
                        apiVersion: batch/v1
                        kind: CronJob
                        metadata: {name: nightly}
                        spec:
                          schedule: "0 0 * * *"
                          jobTemplate:
                            metadata:
                              labels: {job: nightly}
                            spec:
                              template:
                                metadata:
                                  labels:
                                    netpol-guard.io/release: "shop"
                                    app: nightly
                        """),
                arguments("non-ASCII text before the insertion point", """
                        ---
                        # Source: shop/templates/web.yaml — 网店 🚀
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: web
                          annotations: {note: "🚀🚀 日本語 ü", other: 'é'}
                        spec:
                          template:
                            metadata:
                              annotations:
                                emoji: "👩‍💻"
                              labels:
                                app: 店
                        """, """
                        ---
                        # Source: shop/templates/web.yaml — 网店 🚀
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: web
                          annotations: {note: "🚀🚀 日本語 ü", other: 'é'}
                        spec:
                          template:
                            metadata:
                              annotations:
                                emoji: "👩‍💻"
                              labels:
                                netpol-guard.io/release: "shop"
                                app: 店
                        """),
                arguments("two workloads in one List document", """
                        apiVersion: v1
                        kind: List
                        items:
                          - apiVersion: apps/v1
                            kind: Deployment
                            metadata: {name: web}
                            spec:
                              template:
                                metadata:
                                  labels:
                                    app: web
                          - apiVersion: v1
                            kind: Service
                            metadata: {name: web}
                          - apiVersion: batch/v1
                            kind: Job
                            metadata: {name: migrate}
                            spec:
                              template:
                                metadata: {labels: {app: migrate}}
                        """, """
                        apiVersion: v1
                        kind: List
                        items:
                          - apiVersion: apps/v1
                            kind: Deployment
                            metadata: {name: web}
                            spec:
                              template:
                                metadata:
                                  labels:
                                    netpol-guard.io/release: "shop"
                                    app: web
                          - apiVersion: v1
                            kind: Service
                            metadata: {name: web}
                          - apiVersion: batch/v1
                            kind: Job
                            metadata: {name: migrate}
                            spec:
                              template:
                                metadata: {labels: {netpol-guard.io/release: "shop", app: migrate}}
                        """),
                arguments("only the workload documents of a stream change", """
                        ---
                        # Source: shop/templates/svc.yaml
                        apiVersion: v1
                        kind: Service
                        metadata:
                          name: web
                        spec:
                          selector: {app: web}
                        ---
                        # Source: shop/templates/web.yaml
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: web
                        spec:
                          template:
                            metadata:
                              labels: {app: web}
                        ---
                        # Source: shop/templates/db.yaml
                        apiVersion: apps/v1
                        kind: StatefulSet
                        metadata:
                          name: db
                        spec:
                          template:
                            metadata:
                              labels:
                                app: db
                        """, """
                        ---
                        # Source: shop/templates/svc.yaml
                        apiVersion: v1
                        kind: Service
                        metadata:
                          name: web
                        spec:
                          selector: {app: web}
                        ---
                        # Source: shop/templates/web.yaml
                        apiVersion: apps/v1
                        kind: Deployment
                        metadata:
                          name: web
                        spec:
                          template:
                            metadata:
                              labels: {netpol-guard.io/release: "shop", app: web}
                        ---
                        # Source: shop/templates/db.yaml
                        apiVersion: apps/v1
                        kind: StatefulSet
                        metadata:
                          name: db
                        spec:
                          template:
                            metadata:
                              labels:
                                netpol-guard.io/release: "shop"
                                app: db
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void theOutputDiffersFromTheInputOnlyByTheInsertedLabel(String caseName, String input, String expected) {
        assertLabelled(input, expected);
    }

    @Test
    void aCrlfDocumentKeepsItsCrlfLineBreaks() {
        String input = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    metadata:
                      labels:
                        app: web
                """.replace("\n", "\r\n");
        String expected = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                spec:
                  template:
                    metadata:
                      labels:
                        netpol-guard.io/release: "shop"
                        app: web
                """.replace("\n", "\r\n");
        assertLabelled(input, expected);
        assertThat(labelled(input).replace("\r\n", "")).doesNotContain("\n");
    }

    @Test
    void aCrlfDocumentGetsCrlfInANewLabelsBlock() {
        String input = """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: once}
                spec:
                  template:
                    spec: {}
                """.replace("\n", "\r\n");
        String expected = """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: once}
                spec:
                  template:
                    metadata:
                      labels:
                        netpol-guard.io/release: "shop"
                    spec: {}
                """.replace("\n", "\r\n");
        assertLabelled(input, expected);
    }

    @Test
    void aByteOrderMarkDoesNotShiftTheInsertion() {
        String input = "\uFEFF" + """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  labels: {app: p}
                """;
        String expected = "\uFEFF" + """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  labels: {netpol-guard.io/release: "shop", app: p}
                """;
        assertLabelled(input, expected);
    }

    @Test
    void aPodTemplateThatAlreadyCarriesTheReleaseLabelIsLeftAlone() {
        String input = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  labels: {netpol-guard.io/release: shop, app: p}
                """;
        assertThat(labelled(input)).isEqualTo(input);
    }

    @Test
    void aTaggedFlowMappingGetsTheLabelAfterItsBrace() {
        assertLabelled("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  labels: !!map {app: p}
                """, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  labels: !!map {netpol-guard.io/release: "shop", app: p}
                """);
        assertLabelled("""
                apiVersion: v1
                kind: Pod
                metadata: !!map {name: p}
                """, """
                apiVersion: v1
                kind: Pod
                metadata: !!map {labels: {netpol-guard.io/release: "shop"}, name: p}
                """);
    }

    @Test
    void aTaggedEmptyNullIsReplacedLikeNull() {
        assertLabelled("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  labels: !!null
                """, """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  labels: {netpol-guard.io/release: "shop"}
                """);
    }

    @Test
    void aFlowKeyWithoutValueGetsTheLabels() {
        assertLabelled("""
                apiVersion: v1
                kind: Pod
                metadata: {labels, name: p}
                """, """
                apiVersion: v1
                kind: Pod
                metadata: {labels: {netpol-guard.io/release: "shop"}, name: p}
                """);
    }

    @Test
    void labelsSharedThroughAnAnchorAreRefusedWithAWayOut() {
        String input = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: web
                  labels: &labels
                    app: web
                spec:
                  selector:
                    matchLabels: *labels
                  template:
                    metadata:
                      labels: *labels
                """;
        assertThatThrownBy(() -> run(input))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.getMessage()).contains("Deployment").contains("web").contains("anchor");
                    assertThat(e.suggestion()).contains("--no-inject-labels");
                });
    }

    @Test
    void anAnchoredPodTemplateMetadataIsRefusedToo() {
        String input = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: &meta
                  name: web
                spec:
                  template:
                    metadata: *meta
                """;
        assertThatThrownBy(() -> run(input))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.getMessage()).contains("anchor");
                    assertThat(e.paragraph()).contains("--no-inject-labels");
                });
    }
}
