package io.netpolguard.flows;

import io.netpolguard.cli.PostRenderer;
import io.netpolguard.oracle.Oracle;
import io.netpolguard.oracle.Pod;
import io.netpolguard.testing.HelmStream;
import io.netpolguard.testing.Manifests;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Segregation where Kubernetes' own rules decide what a pod connects to: how cluster DNS and Services send an
 * address to pods, and how the kubelet builds a container's environment. Each case is a small release whose
 * traffic is worked out by hand from those rules; the {@link Oracle}, which knows nothing of netpol-guard's code,
 * judges the policies.
 */
class SegregationKubernetesTest {

    /** A Deployment {@code name} with pods labelled app=name and the given pod spec (YAML, indented as a spec). */
    private static String deployment(String name, String spec) {
        return HelmStream.of("app", Manifests.deployment(name).podSpec(spec));
    }

    /** A Deployment {@code name} with one container listening on {@code http} 8080, behind Service name:80. */
    private static String backend(String name) {
        return HelmStream.of("app", Manifests.deployment(name).container("app").port("http", 8080),
                Manifests.service(name).port("http", 80, "http"));
    }

    private static void assertAllowed(Oracle oracle, Pod from, Pod to, int port, boolean allowed) {
        assertThat(oracle.allows(from, to, "TCP", port)).as(oracle.why(from, to, "TCP", port)).isEqualTo(allowed);
    }

    /**
     * A headless Service has no cluster IP: its name resolves to the pods' own addresses and nothing translates the
     * port, so {@code web-headless:80} reaches the pods' port 80 (here a proxy in front of the app), not the
     * Service's targetPort.
     */
    @Test
    void anAddressOfAHeadlessServiceReachesThePodsOnThePortItWritesNotOnTheServicesTargetPort() {
        String stream = """
                ---
                # Source: app/templates/web.yaml
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: web}
                spec:
                  serviceName: web-headless
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - {name: proxy, ports: [{name: proxy, containerPort: 80}]}
                      - {name: app, ports: [{name: http, containerPort: 8080}]}
                ---
                # Source: app/templates/web.yaml
                apiVersion: v1
                kind: Service
                metadata: {name: web-headless}
                spec:
                  clusterIP: None
                  selector: {app: web}
                  ports: [{name: http, port: 80, targetPort: http}]
                """ + deployment("client",
                "containers: [{name: c, env: [{name: WEB, value: 'http://web-headless:80'}]}]");
        Oracle oracle = Segregated.oracle(stream);
        Pod client = oracle.pod("Deployment", "client");
        Pod web = oracle.pod("StatefulSet", "web");

        assertAllowed(oracle, client, web, 80, true);
        assertAllowed(oracle, client, web, 8080, false);
    }

    /** Lists of URLs joined by commas (Elasticsearch hosts, Kafka listeners): the pods reach every one listed. */
    @Test
    void aCommaSeparatedListOfUrlsReachesEveryServiceItLists() {
        String stream = backend("api") + backend("search") + backend("queue") + deployment("client", """
                containers:
                - name: c
                  env:
                  - {name: HOSTS, value: 'http://api:80/v1,http://search:80'}
                  - {name: BROKERS, value: 'PLAINTEXT://queue:80,PLAINTEXT://search'}
                """);
        Oracle oracle = Segregated.oracle(stream);
        Pod client = oracle.pod("Deployment", "client");

        for (String backend : new String[] {"api", "search", "queue"}) {
            assertAllowed(oracle, client, oracle.pod("Deployment", backend), 8080, true);
        }
    }

    /** A ConfigMap of the search client's settings, HOST and PORT. */
    private static final String SEARCH_CONFIG = """
            ---
            # Source: app/templates/search-config.yaml
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: search-config}
            data: {HOST: search, PORT: "80"}
            """;

    /**
     * envFrom with a prefix gives the container ES_HOST and ES_PORT, not HOST and PORT: {@code $(ES_HOST)} expands,
     * {@code $(HOST)} stays as written (and the address around it cannot be read).
     */
    @Test
    void envFromWithAPrefixDefinesThePrefixedVariablesAndNotTheKeysAsWritten() {
        String stream = backend("search") + SEARCH_CONFIG + deployment("client", """
                containers:
                - name: c
                  envFrom: [{prefix: ES_, configMapRef: {name: search-config}}]
                  args: ['--search=http://$(ES_HOST):$(ES_PORT)', '--legacy=http://$(HOST):80']
                """);
        PostRenderer.Run run = Segregated.run(stream);
        Oracle oracle = Oracle.of(run.out()).releaseNamespace("team-a");

        assertAllowed(oracle, oracle.pod("Deployment", "client"), oracle.pod("Deployment", "search"), 8080, true);
        assertThat(run.stderr()).doesNotContain("$(ES_HOST)")
                .contains("names $(HOST) in args of container c: a variable the container does not define");
    }

    /**
     * A variable set in {@code env} replaces the one of the same name {@code envFrom} gives, and of several
     * {@code envFrom} sources the last one's wins: the pods never get the replaced value, so it opens nothing.
     */
    @Test
    void aVariableSetAgainReplacesTheValueEnvFromGaveAndOnlyTheValueThePodsGetIsReached() {
        String config = """
                ---
                # Source: app/templates/config.yaml
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: defaults}
                data: {API_URL: 'http://api:80'}
                ---
                # Source: app/templates/config.yaml
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: overrides}
                data: {API_URL: 'http://queue:80'}
                """;
        String stream = backend("api") + backend("search") + backend("queue") + config
                + deployment("by-env", """
                        containers:
                        - name: c
                          envFrom: [{configMapRef: {name: defaults}}]
                          env: [{name: API_URL, value: 'http://search:80'}]
                        """)
                + deployment("by-envfrom", """
                        containers:
                        - name: c
                          envFrom: [{configMapRef: {name: defaults}}, {configMapRef: {name: overrides}}]
                        """);
        Oracle oracle = Segregated.oracle(stream);
        Pod byEnv = oracle.pod("Deployment", "by-env");
        Pod byEnvFrom = oracle.pod("Deployment", "by-envfrom");
        Pod api = oracle.pod("Deployment", "api");

        assertAllowed(oracle, byEnv, oracle.pod("Deployment", "search"), 8080, true);
        assertAllowed(oracle, byEnv, api, 8080, false);
        assertAllowed(oracle, byEnvFrom, oracle.pod("Deployment", "queue"), 8080, true);
        assertAllowed(oracle, byEnvFrom, api, 8080, false);
    }

    /**
     * A chart's extra variables appended after its own ({@code extraEnv}) may set one again: the kubelet gives the
     * container the last value, and a reference after it expands to that, even where it is a field of the pod
     * netpol-guard cannot know (HOST, the pod's IP, replacing the HOST of the envFrom).
     */
    @Test
    void aVariableSetAgainInEnvGivesTheContainerTheLastValueOnly() {
        String stream = backend("api") + backend("search") + backend("queue") + SEARCH_CONFIG + deployment("client", """
                containers:
                - name: c
                  envFrom: [{configMapRef: {name: search-config}}]
                  env:
                  - {name: URL, value: 'http://api:80'}
                  - {name: URL, value: 'http://queue:80'}
                  - {name: HOST, valueFrom: {fieldRef: {fieldPath: status.podIP}}}
                  args: ['--self=http://$(HOST):80']
                """);
        Oracle oracle = Segregated.oracle(stream);
        Pod client = oracle.pod("Deployment", "client");

        assertAllowed(oracle, client, oracle.pod("Deployment", "queue"), 8080, true);
        assertAllowed(oracle, client, oracle.pod("Deployment", "api"), 8080, false);
        assertAllowed(oracle, client, oracle.pod("Deployment", "search"), 8080, false);
    }

    /**
     * Helm does not tell the post-renderer the namespace. A chart that writes {@code namespace:} on its workloads
     * and Services but not on its ConfigMaps (Helm puts them in the same, release namespace) still has its pods
     * read them, as the Services are found.
     */
    @Test
    void aWorkloadThatWritesItsNamespaceReadsTheConfigMapsThatWriteNoneWhenTheNamespaceIsNotGiven() {
        String stream = (backend("api") + SEARCH_CONFIG + deployment("client", """
                containers:
                - name: c
                  envFrom: [{configMapRef: {name: search-config}}]
                """)).replace("metadata: {name: api}", "metadata: {name: api, namespace: team-a}")
                .replace("metadata: {name: client}", "metadata: {name: client, namespace: team-a}")
                .replace("data: {HOST: search, PORT: \"80\"}", "data: {API: 'http://api:80'}");
        PostRenderer.Run run = PostRenderer.run(stream, "--release=app", "--segregate");
        assertThat(run.exit()).as(run.stderr()).isZero();
        Oracle oracle = Oracle.of(run.out()).releaseNamespace("team-a");

        assertAllowed(oracle, oracle.pod("Deployment", "client"), oracle.pod("Deployment", "api"), 8080, true);
    }

    /**
     * The usual way to write a Service's full name without templating the namespace: a variable from the pod's
     * {@code metadata.namespace}, which the kubelet expands to the pod's namespace.
     */
    @Test
    void aServiceAddressWrittenWithThePodsNamespaceVariableReachesTheServiceOfThatNamespace() {
        String stream = backend("api") + deployment("client", """
                containers:
                - name: c
                  env:
                  - {name: POD_NAMESPACE, valueFrom: {fieldRef: {fieldPath: metadata.namespace}}}
                  - {name: API, value: 'http://api.$(POD_NAMESPACE).svc.cluster.local:80'}
                """);
        PostRenderer.Run run = Segregated.run(stream);
        Oracle oracle = Oracle.of(run.out()).releaseNamespace("team-a");

        assertAllowed(oracle, oracle.pod("Deployment", "client"), oracle.pod("Deployment", "api"), 8080, true);
        assertThat(run.stderr()).doesNotContain("svc.cluster.local");
    }

    /**
     * {@code api.team-a} is Service api of namespace team-a, which cluster DNS resolves from any namespace. Helm does
     * not tell the post-renderer the namespace; where it was not given either, netpol-guard cannot tell that from a
     * file name ({@code redis.conf}), so it opens nothing, and says so: the user need only add --namespace.
     */
    @Test
    void anAddressServiceDotNamespaceIsReachedWithTheNamespaceGivenAndAWarningWithout() {
        String stream = backend("api") + deployment("client",
                "containers: [{name: c, env: [{name: API_HOST, value: 'api.team-a'}]}]");
        Oracle oracle = Segregated.oracle(stream);
        assertAllowed(oracle, oracle.pod("Deployment", "client"), oracle.pod("Deployment", "api"), 8080, true);

        PostRenderer.Run run = PostRenderer.run(stream, "--release=app", "--segregate");
        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stderr()).contains("Deployment client (app/templates/client.yaml) names api.team-a in env"
                + " API_HOST of container c: Service api of namespace team-a, if that is the release namespace,"
                + " which netpol-guard was not given (--namespace=team-a)");
    }
}
