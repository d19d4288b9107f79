package io.netpolguard.plan.segregate;

import io.netpolguard.Result;
import io.netpolguard.config.Allowance;
import io.netpolguard.report.ExplainText;
import io.netpolguard.testing.HelmStream;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.netpolguard.plan.segregate.DerivedUses.segregated;
import static io.netpolguard.testing.Manifests.configMap;
import static io.netpolguard.testing.Manifests.deployment;
import static io.netpolguard.testing.Manifests.service;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guesses segregation makes from what pods are given, each in the shape that opened too much before: a word of a
 * description that named a Service, a host variable used only inside a URL that opened every port, a host and a
 * port given apart, and a host without a port, which still opens every port but says so first.
 */
class NarrowGuessesTest {

    /** A cache with two ports (redis 6379, sentinel 26379) and an agent with two (9000 traces, 9001 admin). */
    private static final String BACKENDS = HelmStream.of("app",
            deployment("cache").container("redis").port("redis", 6379).port("sentinel", 26379),
            service("cache").port("redis", 6379).port("sentinel", 26379),
            deployment("agent").port("traces", 9000).port("admin", 9001),
            service("agent").port("traces", 9000).port("admin", 9001));

    /** The Deployment "client" with the given pod spec. */
    private static String client(String podSpec) {
        return HelmStream.of("app", deployment("client").podSpec(podSpec));
    }

    /** A ConfigMap {@code client-files} with one file, mounted by the client at /etc/client. */
    private static String mounted(String file, String content) {
        return HelmStream.of("app", configMap("client-files").data(file, content)) + client("""
                containers: [{name: c, volumeMounts: [{name: files, mountPath: /etc/client}]}]
                volumes: [{name: files, configMap: {name: client-files}}]
                """);
    }

    /** "client -> cache TCP 6379", one per derived egress flow of the client. */
    private static List<String> uses(Result result) {
        return DerivedUses.uses(result, "client");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Service names match exactly

    @Test
    void aCapitalisedWordInAJsonDescriptionOfAMountedFileNamesNoService() {
        Result r = segregated(BACKENDS + mounted("flags.json", """
                {"flags": {"slowCache": {"description": "Delay every Cache read by 2s", "state": "DISABLED"}}}
                """));
        assertThat(uses(r)).isEmpty();
    }

    @Test
    void aServiceNameWrittenInAnotherCaseIsNotThatService() {
        assertThat(uses(segregated(BACKENDS + client("containers: [{name: c, env: [{name: CACHE, value: Cache}]}]"))))
                .isEmpty();
        assertThat(uses(segregated(BACKENDS + client("containers: [{name: c, env: [{name: CACHE, value: cache}]}]"))))
                .containsExactly("client -> cache TCP 6379,TCP 26379");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Only address-shaped values count

    @Test
    void aWordInASentenceOfAVariableNamesNoService() {
        Result r = segregated(BACKENDS + client("""
                containers:
                - name: c
                  env:
                  - {name: APP_DESCRIPTION, value: 'Keeps the sessions of the shop in the cache'}
                  - {name: HELP, value: 'see the agent logs when tracing stops'}
                """));
        assertThat(uses(r)).isEmpty();
    }

    @Test
    void theDescriptionsAndCommentsOfAMountedYamlFileNameNoService() {
        Result r = segregated(BACKENDS + mounted("application.yaml", """
                # sessions are kept in the cache; traces go to the agent
                app:
                  name: client
                  description: |
                    Reads sessions from the cache and
                    sends traces to the agent.
                  summary: a thin client of the cache
                """));
        assertThat(uses(r)).isEmpty();
    }

    @Test
    void aWordOfAPropertiesOrIniFileCountsOnlyUnderAKeyThatNamesAnAddress() {
        assertThat(uses(segregated(BACKENDS + mounted("client.properties", """
                # cache.host=cache
                session.store=cache
                session.redis.host=cache
                """)))).as("the key says host; a commented setting and a store type do not")
                .containsExactly("client -> cache TCP 6379,TCP 26379");
        assertThat(uses(segregated(BACKENDS + mounted("client.ini", """
                [tracing]
                exporter = agent
                ; endpoint = agent
                """)))).isEmpty();
    }

    @Test
    void aValueUnderANameThatSaysItIsNoHostIsNone() {
        Result r = segregated(BACKENDS + client("""
                containers:
                - name: c
                  env:
                  - {name: POSTGRES_DB, value: cache}
                  - {name: OTEL_SERVICE_NAME, value: agent}
                  - {name: KAFKA_TOPIC, value: agent}
                """));
        assertThat(uses(r)).isEmpty();
    }

    @Test
    void anOptionsValueCountsWithTheEqualsSignAndAsTheNextArgument() {
        assertThat(uses(segregated(BACKENDS + client("containers: [{name: c, args: ['--sessions=cache:6379']}]"))))
                .containsExactly("client -> cache TCP 6379");
        assertThat(uses(segregated(BACKENDS + client("containers: [{name: c, args: ['--traces', 'agent:9000']}]"))))
                .containsExactly("client -> agent TCP 9000");
    }

    // -------------------------------------------------------------------------------------------------------------
    // A variable used inside others counts through those uses; a host takes the port given beside it

    @Test
    void aVariableUsedOnlyInsideAnotherCountsThroughThatUseWithItsPort() {
        Result r = segregated(BACKENDS + client("""
                containers:
                - name: c
                  env:
                  - {name: AGENT_NAME, value: agent}
                  - {name: OTEL_EXPORTER_OTLP_ENDPOINT, value: 'http://$(AGENT_NAME):9000'}
                """));
        assertThat(uses(r)).containsExactly("client -> agent TCP 9000");
    }

    @Test
    void aVariableUsedOnlyInAnArgumentCountsThroughThatArgument() {
        Result r = segregated(BACKENDS + client("""
                containers:
                - name: c
                  env: [{name: CACHE_NAME, value: cache}]
                  args: ['--sentinel=$(CACHE_NAME):26379']
                """));
        assertThat(uses(r)).containsExactly("client -> cache TCP 26379");
    }

    @Test
    void aHostVariableTakesThePortOfItsPortVariable() {
        assertThat(uses(segregated(BACKENDS + client("""
                containers:
                - name: c
                  env:
                  - {name: REDIS_HOST, value: cache}
                  - {name: REDIS_PORT, value: "6379"}
                  - {name: FLAGD_HOST, value: agent}
                  - {name: FLAGD_PORT, value: "9001"}
                  - {name: FLAGD_OFREP_PORT, value: "9000"}
                """)))).containsExactly("client -> cache TCP 6379", "client -> agent TCP 9001");
    }

    @Test
    void theCommonHostAndPortNamesArePairs() {
        assertThat(uses(segregated(BACKENDS + client("""
                containers:
                - name: c
                  env:
                  - {name: SENTINEL_SERVICE_HOST, value: cache}
                  - {name: SENTINEL_SERVICE_PORT, value: "26379"}
                  - {name: TRACES_ADDR, value: agent}
                  - {name: TRACES_PORT, value: "9000"}
                  - {name: REDIS_MASTER_HOST, value: cache}
                  - {name: REDIS_MASTER_PORT_NUMBER, value: "6379"}
                """)))).containsExactly("client -> cache TCP 26379", "client -> agent TCP 9000",
                "client -> cache TCP 6379");
    }

    /** OpenTelemetry's demo gives its proxy OTEL_COLLECTOR_HOST with OTEL_COLLECTOR_PORT_GRPC and _PORT_HTTP. */
    @Test
    void aHostVariableTakesEachPortItsPortVariablesGiveAndNoOther() {
        assertThat(uses(segregated(BACKENDS + client("""
                containers:
                - name: c
                  env:
                  - {name: CACHE_HOST, value: cache}
                  - {name: CACHE_PORT_TCP, value: "6379"}
                  - {name: CACHE_SENTINEL_PORT, value: "26379"}
                  - {name: AGENT_HOST, value: agent}
                  - {name: AGENT_PORT_GRPC, value: "9000"}
                  - {name: AGENT_HTTP_PORT, value: "9001"}
                """)))).as("CACHE_SENTINEL_PORT is the port of another prefix")
                .containsExactly("client -> cache TCP 6379", "client -> agent TCP 9000", "client -> agent TCP 9001");
    }

    @Test
    void aHostVariableFromAConfigMapTakesThePortOfThePortVariableFromIt() {
        Result r = segregated(BACKENDS + HelmStream.of("app", configMap("client-env").data("SPRING_DATA_REDIS_HOST", "cache")
                .data("SPRING_DATA_REDIS_PORT", "26379")) + client("containers: [{name: c, envFrom: [{configMapRef: {name: client-env}}]}]"));
        assertThat(uses(r)).containsExactly("client -> cache TCP 26379");
        assertThat(r.openings()).anySatisfy(o -> assertThat(o.reason().why()).isEqualTo("it uses Service cache:"
                + " cache (port 26379 from SPRING_DATA_REDIS_PORT) in key SPRING_DATA_REDIS_HOST of ConfigMap"
                + " client-env (envFrom of container c)"));
    }

    @Test
    void aHostOptionTakesThePortOptionOfTheSameName() {
        assertThat(uses(segregated(BACKENDS + client("""
                containers: [{name: c, args: ['--cache-host', cache, '--cache-port=26379', '--traces-host=agent']}]
                """)))).containsExactly("client -> cache TCP 26379", "client -> agent TCP 9000,TCP 9001");
    }

    @Test
    void aHostInAFileTakesThePortOfTheSettingBesideIt() {
        assertThat(uses(segregated(BACKENDS + mounted("application.yaml", """
                spring:
                  data:
                    redis:
                      host: cache
                      port: 6379
                management:
                  tracing:
                    host: agent
                    port: 9000
                """)))).containsExactly("client -> cache TCP 6379", "client -> agent TCP 9000");
    }

    @Test
    void aWaitForLoopUsesThePortItWaitsFor() {
        assertThat(uses(segregated(BACKENDS + client("""
                initContainers:
                - {name: wait, command: [sh, -c, 'until nc -z cache 6379; do echo waiting for the cache; sleep 1; done']}
                containers: [{name: c}]
                """)))).containsExactly("client -> cache TCP 6379");
    }

    // -------------------------------------------------------------------------------------------------------------
    // A host without a port: every port, said first

    @Test
    void aHostWithoutAPortOpensEveryPortAndTheReasonSaysNoPortWasGiven() {
        Result r = segregated(BACKENDS + client("containers: [{name: c, env: [{name: CACHE_URL, value: 'redis://cache'}]}]"));
        assertThat(uses(r)).containsExactly("client -> cache TCP 6379,TCP 26379");
        assertThat(r.openings()).filteredOn(o -> o.allowance() == Allowance.USES)
                .extracting(o -> o.reason().why())
                .containsExactly("it uses Service cache on all ports (no port given): redis://cache in env CACHE_URL"
                        + " of container c", "Deployment client uses Service cache on all ports (no port given):"
                        + " redis://cache in env CACHE_URL of container c");
    }

    @Test
    void explainShowsTheGuessesOfAllPortsFirstInEachWorkload() {
        Result r = segregated(BACKENDS + client("""
                containers:
                - name: c
                  env:
                  - {name: TRACES, value: 'http://agent:9000'}
                  - {name: CACHE, value: cache}
                """));
        String explained = ExplainText.summary(r);
        String client = explained.substring(explained.indexOf("Deployment (release namespace)/client")
                + 1).split("\n  [A-Z]")[0];
        List<String> flows = client.lines().filter(l -> l.startsWith("    egress")).toList();
        assertThat(flows).hasSize(2);
        assertThat(flows.get(0)).contains("deployment-cache");
        assertThat(client.lines().filter(l -> l.contains("because")).findFirst().orElseThrow())
                .contains("uses Service cache on all ports (no port given): cache in env CACHE");
    }
}
