package io.netpolguard.plan.segregate;

import io.netpolguard.NetpolGuard;
import io.netpolguard.Result;
import io.netpolguard.Settings;
import io.netpolguard.config.Allowance;
import io.netpolguard.config.ConfigReader;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.PodInputs;
import io.netpolguard.model.WorkloadKind;
import io.netpolguard.read.ManifestReader;
import io.netpolguard.testing.HelmStream;
import io.netpolguard.testing.ObjectYaml;
import io.netpolguard.testing.WorkloadYaml;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.netpolguard.plan.segregate.DerivedUses.segregated;
import static io.netpolguard.plan.segregate.DerivedUses.uses;
import static io.netpolguard.testing.Manifests.configMap;
import static io.netpolguard.testing.Manifests.daemonSet;
import static io.netpolguard.testing.Manifests.deployment;
import static io.netpolguard.testing.Manifests.secret;
import static io.netpolguard.testing.Manifests.service;
import static io.netpolguard.testing.Manifests.statefulSet;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which Services of the release a workload uses, as segregation derives it from what its pods are given, and what
 * it says when it cannot tell. Whether the policies then admit exactly that is judged by the oracle elsewhere
 * (flows/SegregationTest); this is about the derivation.
 */
class ServiceUsesTest {

    /** Three backends: an API with a named target port, a cache with two ports, and a headless queue. */
    private static final String BACKENDS = backends(deployment("api").port("http", 8080));

    private static String backends(WorkloadYaml api) {
        return HelmStream.of("app",
                api,
                service("api").port("http", 80, "http"),
                deployment("cache").container("redis").port("redis", 6379).port("sentinel", 26379),
                service("cache").port("redis", 6379).port("sentinel", 26379),
                statefulSet("queue").spec("serviceName", "queue-headless").spec("replicas", 3).container("mq")
                        .port("amqp", 5672).port("cluster", 25672),
                service("queue-headless").from("queue.yaml").headless().selects("app", "queue")
                        .port("amqp", 5672).port("cluster", 25672));
    }

    /** The Deployment "client" with the given pod spec. */
    private static String client(String podSpec) {
        return HelmStream.of("app", deployment("client").podSpec(podSpec));
    }

    /** Objects of template config.yaml. */
    private static String config(ObjectYaml<?>... objects) {
        for (ObjectYaml<?> o : objects) {
            o.from("config.yaml");
        }
        return HelmStream.of("app", objects);
    }

    @Test
    void aUrlInAnEnvValueUsesTheServicePortItNamesOnItsTargetPort() {
        Result r = segregated(BACKENDS + client("containers: [{name: c, env: [{name: API, value: 'http://api:80/v1'}]}]"));
        assertThat(uses(r, "client")).containsExactly("client -> api TCP 8080");
        assertThat(r.openings()).anySatisfy(o -> assertThat(o.reason().why())
                .isEqualTo("it uses Service api: http://api:80 in env API of container c"));
    }

    @Test
    void anAddressWithoutPortUsesEveryPortOfTheService() {
        Result r = segregated(BACKENDS + client("containers: [{name: c, args: ['--cache-host', 'cache']}]"));
        assertThat(uses(r, "client")).containsExactly("client -> cache TCP 6379,TCP 26379");
    }

    @Test
    void theServicesClusterNamesAllNameIt() {
        Result r = segregated(BACKENDS + client("""
                containers:
                - name: c
                  env:
                  - {name: A, value: 'api.team-a:80'}
                  - {name: B, value: 'grpc://cache.team-a.svc:6379'}
                  - {name: C, value: 'amqp://u:p@queue-headless.team-a.svc.cluster.local:5672'}
                """));
        assertThat(uses(r, "client")).containsExactly("client -> api TCP 8080", "client -> cache TCP 6379",
                "client -> queue TCP 5672");
    }

    @Test
    void onlyTheConfigMapKeyTheContainerReadsCounts() {
        Result r = segregated(BACKENDS + config(configMap("client-config").data("API_URL", "http://api")
                .data("CACHE_URL", "redis://cache:6379")) + client("""
                containers:
                - name: c
                  env: [{name: API_URL, valueFrom: {configMapKeyRef: {name: client-config, key: API_URL}}}]
                """));
        assertThat(uses(r, "client")).containsExactly("client -> api TCP 8080");
        assertThat(r.openings()).anySatisfy(o -> assertThat(o.reason().describe()).isEqualTo("uses: it uses Service"
                + " api on all ports (no port given): http://api in key API_URL of ConfigMap client-config (env"
                + " API_URL of container c) (app/templates/config.yaml)"));
    }

    @Test
    void envFromMountedAndProjectedConfigMapsAndSecretsCount() {
        Result r = segregated(BACKENDS + config(
                secret("client-secret").data("CACHE_URL", "cmVkaXM6Ly86cGFzc3dvcmRAY2FjaGU6NjM3OQ=="),
                configMap("client-files").data("app.yaml", "upstream:\n  url: http://api:80\n"),
                configMap("client-projected").data("queue", "queue-headless:5672")) + client("""
                containers:
                - name: c
                  envFrom: [{secretRef: {name: client-secret}}]
                  volumeMounts: [{name: files, mountPath: /etc/app}, {name: all, mountPath: /etc/all}]
                volumes:
                - {name: files, configMap: {name: client-files}}
                - name: all
                  projected: {sources: [{configMap: {name: client-projected}}]}
                """));
        assertThat(uses(r, "client")).containsExactly("client -> cache TCP 6379", "client -> api TCP 8080",
                "client -> queue TCP 5672");
        assertThat(r.openings()).noneSatisfy(o -> assertThat(o.reason().why()).contains("password"));
    }

    @Test
    void aVolumeNoContainerMountsGivesItsFilesToNobody() {
        Result r = segregated(BACKENDS + config(configMap("client-files").data("app.yaml", "url: http://api:80"))
                + client("""
                containers: [{name: c}]
                volumes: [{name: files, configMap: {name: client-files}}]
                """));
        assertThat(uses(r, "client")).isEmpty();
    }

    @Test
    void variablesAreExpandedAsKubernetesExpandsThemAndServiceLinksCount() {
        Result r = segregated(BACKENDS + client("""
                containers:
                - name: c
                  env: [{name: API_HOST, value: api}]
                  command: [sh, -c, 'wget http://$(API_HOST):80/ && redis-cli -h $CACHE_SERVICE_HOST ping']
                """));
        assertThat(uses(r, "client")).containsExactly("client -> api TCP 8080", "client -> cache TCP 6379,TCP 26379");
    }

    @Test
    void variablesFromEnvFromCarryItsPrefix() {
        Result r = segregated(BACKENDS + config(configMap("api-endpoint").data("HOST", "api").data("PORT", "80"))
                + client("""
                containers:
                - name: c
                  envFrom: [{prefix: API_, configMapRef: {name: api-endpoint}}]
                  args: ['--upstream=http://$(API_HOST):$(API_PORT)']
                """));
        assertThat(uses(r, "client")).containsExactly("client -> api TCP 8080");
        assertThat(r.warnings()).noneSatisfy(w -> assertThat(w).contains("$(API_HOST)"));
    }

    @Test
    void serviceLinksAreForServicesWithAClusterIpAndTheirPortIsRead() {
        Result r = segregated(BACKENDS + client("""
                containers:
                - name: c
                  args: ['redis-cli -h $(CACHE_SERVICE_HOST) -p 6379', '$(CACHE_SERVICE_HOST):6379',
                         '$QUEUE_HEADLESS_SERVICE_HOST']
                """));
        assertThat(uses(r, "client")).as("the headless queue has no service link; the cache's port is read")
                .containsExactly("client -> cache TCP 6379,TCP 26379");
        Result portOnly = segregated(BACKENDS + client("containers: [{name: c, args: ['$(CACHE_SERVICE_HOST):6379']}]"));
        assertThat(uses(portOnly, "client")).containsExactly("client -> cache TCP 6379");
    }

    @Test
    void aPodNameUnderAServiceWithAClusterIpNamesNoPod() {
        Result r = segregated(BACKENDS + client("containers: [{name: c, args: ['api-0.api.team-a.svc.cluster.local:80']}]"));
        assertThat(uses(r, "client")).isEmpty();
    }

    @Test
    void aTwoLabelNameIsFirstAPodOfAHeadlessServiceOfTheOwnNamespaceAsTheResolverTriesIt() {
        Result r = segregated(BACKENDS + HelmStream.of("app",
                deployment("other").namespace("queue-headless").container("o").port(null, 7000),
                service("queue-1").from("other.yaml").namespace("queue-headless").selects("app", "other")
                        .port(null, 7000)) + client("containers: [{name: c, args: ['queue-1.queue-headless']}]"));
        assertThat(uses(r, "client")).containsExactly("client -> queue TCP 5672,TCP 25672");
    }

    @Test
    void initContainersAreConsumersToo() {
        Result r = segregated(BACKENDS + client("""
                initContainers: [{name: wait, command: [sh, -c, 'until nc -z queue-headless 5672; do sleep 1; done']}]
                containers: [{name: c}]
                """));
        assertThat(uses(r, "client")).as("nc -z HOST PORT: that port, not every port of the Service")
                .containsExactly("client -> queue TCP 5672");
    }

    @Test
    void aStatefulSetsPodsReachEachOtherThroughTheirGoverningService() {
        Result r = segregated(BACKENDS);
        assertThat(uses(r, "queue")).containsExactly("queue -> queue TCP 5672,TCP 25672");
        assertThat(r.openings()).anySatisfy(o -> assertThat(o.reason().why()).isEqualTo(
                "its pods reach each other through their governing Service queue-headless (spec.serviceName)"));
    }

    @Test
    void anAddressOfOneStatefulSetPodUsesItsPodsPort() {
        Result r = segregated(BACKENDS + client("containers: [{name: c, args: ['--peer=queue-1.queue-headless:25672']}]"));
        assertThat(uses(r, "client")).containsExactly("client -> queue TCP 25672");
    }

    @Test
    void anAddressOfOnePodUsesOnlyTheStatefulSetThatNamesItsPodsSo() {
        String replicaSet = HelmStream.of("app",
                statefulSet("mongo").spec("serviceName", "mongo-headless").spec("replicas", 3)
                        .podLabels("app", "mongo", "component", "mongodb").port("mongodb", 27017),
                statefulSet("mongo-arbiter").spec("serviceName", "mongo-headless")
                        .podLabels("app", "mongo", "component", "arbiter").port("mongodb", 27017),
                service("mongo-headless").headless().selects("app", "mongo").port("mongodb", 27017));
        assertThat(uses(segregated(replicaSet + client("containers: [{name: c, args: ['mongo-1.mongo-headless:27017']}]")),
                "client")).containsExactly("client -> mongo TCP 27017");
        assertThat(uses(segregated(replicaSet
                + client("containers: [{name: c, args: ['mongo-arbiter-0.mongo-headless:27017']}]")), "client"))
                .containsExactly("client -> mongo-arbiter TCP 27017");
        assertThat(uses(segregated(replicaSet
                + client("containers: [{name: c, args: ['mongo-primary.mongo-headless:27017']}]")), "client"))
                .as("no StatefulSet names a pod so: every pod of the Service")
                .containsExactly("client -> mongo TCP 27017", "client -> mongo-arbiter TCP 27017");
    }

    @Test
    void anAddressBuiltOnThePodsOwnNameStillNamesTheHeadlessServiceAfterIt() {
        Result r = segregated(BACKENDS + client("""
                containers:
                - name: c
                  env:
                  - {name: POD, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
                  - {name: NODE, value: 'rabbit@$(POD).queue-headless.team-a.svc.cluster.local'}
                """));
        assertThat(uses(r, "client")).containsExactly("client -> queue TCP 5672,TCP 25672");
        assertThat(r.warnings()).noneSatisfy(w -> assertThat(w).contains("$(POD)"));
    }

    @Test
    void aWorkloadNamingItsOwnServiceIsNotGivenAFlowToItself() {
        Result r = segregated(backends(deployment("api").podSpec(
                "containers: [{name: api, env: [{name: SELF, value: api}], ports: [{name: http, containerPort: 8080}]}]")));
        assertThat(uses(r, "api")).isEmpty();
    }

    @Test
    void whatCannotBeResolvedIsAWarningNamingTheWorkloadTheAddressAndWhereItIs() {
        Result r = segregated(BACKENDS + client("""
                containers:
                - name: c
                  env:
                  - {name: PAY, value: 'https://payments.billing.svc.cluster.local:443'}
                  - {name: API, value: 'api:8080'}
                  - {name: EXT, value: 'https://api.stripe.com/v1'}
                  - {name: KUBE, value: 'https://kubernetes.default.svc'}
                  - {name: UNSET, value: 'http://$(NOT_DEFINED):80'}
                """));
        assertThat(uses(r, "client")).isEmpty();
        assertThat(r.closedFlows()).anySatisfy(c -> assertThat(c.target())
                .isEqualTo("https://payments.billing.svc.cluster.local:443")); // a closed flow, not a second warning
        assertThat(r.warnings()).noneSatisfy(w -> assertThat(w).contains("payments"));
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("names api:8080 in env API of container c:"
                + " port 8080 of Service api, which has no such port (it has http/80)"));
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("$(NOT_DEFINED)", "does not define"));
        assertThat(r.warnings()).noneSatisfy(w -> assertThat(w).containsAnyOf("stripe", "kubernetes.default"));
    }

    @Test
    void aPortServedOnTcpAndUdpIsUsedOnBoth() {
        Result r = segregated(BACKENDS + HelmStream.of("app",
                deployment("dns").port(null, 5353, "UDP").port(null, 5353),
                service("dns").port("udp", 53, 5353, "UDP").port("tcp", 53, 5353)) + client("containers: [{name: c, args: ['--resolver=dns:53']}]"));
        assertThat(uses(r, "client")).containsExactly("client -> dns UDP 5353,TCP 5353");
    }

    @Test
    void anExternalNameServiceIsAWarningNotAFlow() {
        Result r = segregated(BACKENDS + HelmStream.of("app", service("mail").externalName("smtp.example.com")) + client("containers: [{name: c, env: [{name: SMTP, value: 'mail:587'}]}]"));
        assertThat(uses(r, "client")).isEmpty();
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("names mail:587 in env SMTP of container c:"
                + " Service mail, an ExternalName Service"));
    }

    @Test
    void aDottedWordIsAServiceInANamespaceOnlyWhereThatNamespaceIsKnownToBeItsOwn() {
        String stream = BACKENDS + client("containers: [{name: c, args: ['--config', 'cache.conf', '--api', 'api.team-a']}]");
        Settings unknownNamespace = new Settings("app", null, false, true, ConfigReader.parse("segregate: true", "t"));
        Result r = NetpolGuard.run(stream.getBytes(StandardCharsets.UTF_8), unknownNamespace);
        assertThat(uses(r, "client")).as("without --namespace, team-a may or may not be the release's").isEmpty();
        assertThat(uses(segregated(stream), "client")).containsExactly("client -> api TCP 8080");
    }

    @Test
    void aWorkloadOnTheHostNetworkThatUsesAServiceIsAWarningWithTheFlowToDeclare() {
        Result r = segregated(BACKENDS + HelmStream.of("app", daemonSet("agent").hostNetwork()
                .podSpec("containers: [{name: a, args: ['--push=http://api:80']}]")));
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).startsWith("DaemonSet team-a/agent"
                + " (app/templates/agent.yaml) runs on the host network and uses Service api of the release")
                .contains("flows:"));
    }

    @Test
    void withoutSegregationNothingIsDerivedAndNothingIsRead() {
        Settings s = new Settings("app", "team-a", false, true, ConfigReader.parse("", "test"));
        Result r = NetpolGuard.run((BACKENDS + client("containers: [{name: c, args: [api]}]"))
                .getBytes(StandardCharsets.UTF_8), s);
        assertThat(r.openings()).noneMatch(o -> o.allowance() == Allowance.USES);
        assertThat(r.segregated()).isFalse();

        byte[] stream = (BACKENDS + client("containers: [{name: c, args: [api]}]") + configMap("c").data("k", "v"))
                .getBytes(StandardCharsets.UTF_8);
        Manifest usual = new ManifestReader(WorkloadKind.BUILT_IN, false).read(stream);
        Manifest segregating = new ManifestReader(WorkloadKind.BUILT_IN, true).read(stream);
        assertThat(usual.configData()).isEmpty();
        assertThat(usual.workloads()).allSatisfy(w -> assertThat(w.pod().inputs()).isSameAs(PodInputs.NONE));
        assertThat(segregating.configData()).hasSize(1);
        assertThat(segregating.workloads()).anySatisfy(w -> assertThat(w.pod().inputs().containers()).isNotEmpty());
    }
}
