package io.netpolguard.flows;

import io.netpolguard.cli.PostRenderer;
import io.netpolguard.flows.ReleaseFlows.Flow;
import io.netpolguard.flows.SegregationFlows.App;
import io.netpolguard.oracle.Oracle;
import io.netpolguard.oracle.Pod;
import io.netpolguard.oracle.Port;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static io.netpolguard.flows.ReleaseFlows.API_SERVER;
import static io.netpolguard.flows.ReleaseFlows.INGRESS_NGINX;
import static io.netpolguard.flows.ReleaseFlows.INTERNET;
import static io.netpolguard.flows.ReleaseFlows.INTERNET_CLIENT;
import static io.netpolguard.flows.ReleaseFlows.KUBE_DNS;
import static io.netpolguard.flows.ReleaseFlows.NAMESPACE;
import static io.netpolguard.flows.ReleaseFlows.NEIGHBOUR;
import static io.netpolguard.flows.ReleaseFlows.NODE;
import static io.netpolguard.flows.ReleaseFlows.PROMETHEUS;
import static io.netpolguard.flows.ReleaseFlows.STRANGER;
import static io.netpolguard.flows.SegregationFlows.MICROSHOP;
import static io.netpolguard.flows.SegregationFlows.MICROSHOP_ORIGIN;
import static io.netpolguard.flows.SegregationFlows.MICROSHOP_FOREIGN_VALUE;
import static io.netpolguard.flows.SegregationFlows.MICROSHOP_FOREIGN_WORKLOAD;
import static io.netpolguard.flows.SegregationFlows.PAYMENTS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code --segregate}, each workload of a release gets exactly the connections {@link SegregationFlows} writes
 * out by hand from its manifests (the web shop and microshop): into its container ports only from the workloads
 * that name one of its Services (and its StatefulSet peers, and the allowances), out only to what it names, DNS
 * and the allowances. Judged by the {@link Oracle}, which knows nothing of netpol-guard's code.
 */
class SegregationTest {

    /** The option under test. */
    private static final String SEGREGATE = "--segregate";

    /** Ports nothing of these releases listens on, probed besides the destination's own container ports. */
    private static final List<Port> UNUSED_PORTS = List.of(Port.tcp(22), Port.tcp(80), Port.tcp(443),
            Port.tcp(5432), Port.tcp(6379), Port.tcp(8080), Port.tcp(9090), new Port(null, 53, "UDP"));

    /** Peers outside the release that no flow of these applications admits: they get nothing in. */
    private static final List<Object> NOBODY_ADMITS = List.of(NEIGHBOUR, STRANGER, PAYMENTS, NODE, INTERNET_CLIENT,
            INTERNET);

    /** Peers outside the release that none of its workloads needs: nothing gets out to them. */
    private static final List<Object> NOBODY_NEEDS = List.of(NEIGHBOUR, STRANGER, PAYMENTS, INGRESS_NGINX, PROMETHEUS,
            INTERNET, API_SERVER, NODE);
    private static final int[] OUTBOUND_PROBE_PORTS = {22, 80, 443, 587, 5432, 5672, 6379, 6443, 8080, 8443, 9090};

    static Stream<App> apps() {
        return SegregationFlows.APPS.stream();
    }

    // ---------------------------------------------------------------------------------------------------------
    // The expectations themselves

    /** Guards the hand-written lists against typos: a flow to a port nobody listens on would test nothing. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void theExpectedFlowsNameWorkloadsOfTheStreamAndContainerPortsTheirDestinationsDeclare(App app) {
        Oracle asWritten = Oracle.of(input(app)).releaseNamespace(NAMESPACE);
        List<String> wrong = new ArrayList<>();
        Set<String> mentioned = new TreeSet<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Flow flow : app.flows()) {
            if (!seen.add(key(flow.from(), flow.to(), flow.protocol(), flow.port()))) {
                wrong.add("listed twice: " + flow);
            }
            for (Object end : List.of(flow.from(), flow.to())) {
                if (end instanceof String workload) {
                    mentioned.add(workload);
                }
            }
            Object to = flow.to() instanceof String w ? workload(asWritten, w) : flow.to();
            if (to instanceof Pod pod && pod.ports().stream()
                    .noneMatch(p -> p.number() == flow.port() && p.protocol().equals(flow.protocol()))) {
                wrong.add("no container port " + flow.protocol() + " " + flow.port() + " in " + pod + ": " + flow);
            }
            if (flow.from() instanceof String w) {
                workload(asWritten, w); // fails when the stream has no such workload
            }
        }
        for (Pod pod : asWritten.pods()) {
            if (!mentioned.contains(name(pod))) {
                wrong.add(name(pod) + " is in no expected flow: write out what it uses and who uses it");
            }
        }
        assertThat(wrong).withFailMessage("%s", String.join("\n", wrong)).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Between the release's own pods

    /**
     * Every ordered pair of the release's pods (a workload with itself too: its other replicas), on every container
     * port of the destination with its protocol and on a few ports nothing listens on: allowed exactly when an
     * expected flow says so.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void betweenTheReleasesPodsExactlyTheExpectedFlowsAreAllowed(App app) {
        assertExactlyTheExpectedFlowsBetweenPods(app, segregated(app), SEGREGATE);
    }

    /** Without label injection, policies name the pods by their own labels: the same connections, no more. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void withoutLabelInjectionExactlyTheSameFlowsAreAllowedBetweenThePods(App app) {
        PostRenderer.Run run = PostRenderer.run(input(app), "--release=" + app.release(), "--namespace=" + NAMESPACE,
                SEGREGATE, "--no-inject-labels");
        assertThat(run.exit()).as("exit code; stderr:\n%s", run.stderr()).isZero();
        assertExactlyTheExpectedFlowsBetweenPods(app, Oracle.of(run.out()).releaseNamespace(NAMESPACE),
                SEGREGATE + " --no-inject-labels");
    }

    private static void assertExactlyTheExpectedFlowsBetweenPods(App app, Oracle oracle, String options) {
        Map<String, Flow> expected = expected(app);
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Pod src : oracle.pods()) {
            for (Pod dst : oracle.pods()) {
                for (Port port : probed(dst)) {
                    checked++;
                    Flow flow = expected.get(key(name(src), name(dst), port.protocol(), port.number()));
                    boolean allowed = oracle.allows(src, dst, port.protocol(), port.number());
                    if (allowed != (flow != null)) {
                        wrong.add(verdict(flow, name(src), name(dst), port)
                                + "\n      " + oracle.why(src, dst, port.protocol(), port.number()));
                    }
                }
            }
        }
        assertThat(checked).as("pairs and ports checked").isPositive();
        assertThat(wrong).withFailMessage("%d of %d connections between the pods of %s differ from SegregationFlows "
                + "under %s:\n%s", wrong.size(), checked, app, options, String.join("\n", wrong)).isEmpty();
    }

    /** Hooks, CronJobs and helm test pods included: the list is complete in both directions, so this is its mirror. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void everyExpectedFlowIsAllowed(App app) {
        Oracle oracle = segregated(app);
        List<String> blocked = new ArrayList<>();
        for (Flow flow : app.flows()) {
            Object src = endpoint(oracle, flow.from());
            Object dst = endpoint(oracle, flow.to());
            if (!allows(oracle, src, dst, flow.protocol(), flow.port())) {
                blocked.add(flow + "\n      " + oracle.why(src, dst, flow.protocol(), flow.port()));
            }
        }
        assertThat(blocked).withFailMessage("blocked under %s:\n%s", SEGREGATE, String.join("\n", blocked)).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------
    // From and to the outside

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void theIngressControllerReachesExactlyThePublicEntry(App app) {
        assertOnlyExpectedFrom(app, List.of(INGRESS_NGINX));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void prometheusReachesExactlyWhatTheReleaseAsksToBeScraped(App app) {
        assertOnlyExpectedFrom(app, List.of(PROMETHEUS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void otherReleasesOtherTenantsNodesAndTheInternetGetNothingIn(App app) {
        assertOnlyExpectedFrom(app, NOBODY_ADMITS);
    }

    /**
     * Every pod resolves names with cluster DNS (UDP and TCP 53, nothing else of kube-dns), and reaches nothing
     * outside the release: neither release needs the API server, another namespace or the internet.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void everyPodResolvesNamesWithClusterDnsAndReachesNothingOutsideTheRelease(App app) {
        Oracle oracle = segregated(app);
        List<String> wrong = new ArrayList<>();
        for (Pod pod : oracle.pods()) {
            for (String protocol : List.of("UDP", "TCP")) {
                if (!oracle.allows(pod, KUBE_DNS, protocol, 53)) {
                    wrong.add("DNS blocked: " + oracle.why(pod, KUBE_DNS, protocol, 53));
                }
            }
            if (oracle.allows(pod, KUBE_DNS, "TCP", 9153)) {
                wrong.add("let out to kube-dns's metrics port: " + oracle.why(pod, KUBE_DNS, "TCP", 9153));
            }
            for (Object outside : NOBODY_NEEDS) {
                for (int port : OUTBOUND_PROBE_PORTS) {
                    if (allows(oracle, pod, outside, "TCP", port)) {
                        wrong.add("let out: " + oracle.why(pod, outside, "TCP", port));
                    }
                }
            }
        }
        assertThat(wrong).withFailMessage("%s", String.join("\n", wrong)).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------
    // What it says, and the output itself

    @Test
    void anAddressOfAServiceInAnotherNamespaceIsAWarningOfTheWorkloadNamingTheValue() {
        PostRenderer.Run run = render(MICROSHOP, input(MICROSHOP));
        assertThat(run.exit()).as(run.stderr()).isZero();
        List<String> blocks = List.of(run.stderr().split("(?m)^(?=netpol-guard: warning: )"));
        assertThat(blocks).as("stderr:\n%s", run.stderr()).filteredOn(b -> b.contains(MICROSHOP_FOREIGN_VALUE))
                .singleElement().satisfies(b -> assertThat(b.lines().findFirst().orElseThrow())
                        .startsWith("netpol-guard: warning: Deployment " + MICROSHOP_FOREIGN_WORKLOAD + " ("));
    }

    @Test
    void anAddressOfAServiceInAnotherNamespaceOpensNothing() {
        Oracle oracle = segregated(MICROSHOP);
        Pod orders = oracle.pod("Deployment", MICROSHOP_FOREIGN_WORKLOAD);
        assertThat(oracle.allows(orders, PAYMENTS, "TCP", 443)).as(oracle.why(orders, PAYMENTS, "TCP", 443)).isFalse();
    }

    @Test
    void externalHostsAreNotOpenedAndABrowsersOriginIsNoFlow() {
        PostRenderer.Run run = render(MICROSHOP, input(MICROSHOP));
        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stderr()).as("what stderr says about %s", MICROSHOP_ORIGIN).doesNotContain(MICROSHOP_ORIGIN);
        Oracle oracle = Oracle.of(run.out()).releaseNamespace(NAMESPACE);
        Pod orders = oracle.pod("Deployment", "micro-orders");
        Pod dispatcher = oracle.pod("Deployment", "micro-order-notification-dispatcher");
        assertThat(oracle.allows(orders, INTERNET, "TCP", 443)).as(oracle.why(orders, INTERNET, "TCP", 443)).isFalse();
        assertThat(oracle.allows(dispatcher, INTERNET, "TCP", 587)).as(oracle.why(dispatcher, INTERNET, "TCP", 587))
                .isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void aSecondRunWithSegregateChangesNoByte(App app) {
        PostRenderer.Run first = render(app, input(app));
        assertThat(first.exit()).as(first.stderr()).isZero();
        PostRenderer.Run second = render(app, first.out());
        assertThat(second.exit()).as(second.stderr()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(second.stdout()).isEqualTo(first.stdout());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void theSameInputGivesTheSameBytes(App app) {
        PostRenderer.Run first = render(app, input(app));
        PostRenderer.Run again = render(app, input(app));
        assertThat(first.exit()).as(first.stderr()).isZero();
        assertThat(again.out()).isEqualTo(first.out());
        assertThat(again.stderr()).isEqualTo(first.stderr());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void everyAddedNetworkPolicyHasAValidUniqueNameOfAtMost63Characters(App app) {
        PostRenderer.Run run = render(app, input(app));
        assertThat(run.exit()).as(run.stderr()).isZero();
        List<String> names = new ArrayList<>();
        for (Map<String, Object> object : Oracle.of(run.out()).objects()) {
            Map<?, ?> metadata = (Map<?, ?>) object.get("metadata");
            Object labels = metadata.get("labels");
            if ("NetworkPolicy".equals(object.get("kind")) && labels instanceof Map<?, ?> l
                    && "true".equals(l.get("netpol-guard.io/generated"))) {
                names.add(String.valueOf(metadata.get("name")));
            }
        }
        assertThat(names).as("policies netpol-guard added").isNotEmpty().doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).hasSizeLessThanOrEqualTo(63)
                        .matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?"));
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Into every pod of the release, on its ports and the unused ones, from each peer: exactly the expected flows. */
    private static void assertOnlyExpectedFrom(App app, List<Object> peers) {
        Oracle oracle = segregated(app);
        Map<String, Flow> expected = expected(app);
        List<String> wrong = new ArrayList<>();
        for (Object peer : peers) {
            for (Pod dst : oracle.pods()) {
                for (Port port : probed(dst)) {
                    Flow flow = expected.get(key(peer, name(dst), port.protocol(), port.number()));
                    if (allows(oracle, peer, dst, port.protocol(), port.number()) != (flow != null)) {
                        wrong.add(verdict(flow, peer, name(dst), port)
                                + "\n      " + oracle.why(peer, dst, port.protocol(), port.number()));
                    }
                }
            }
        }
        assertThat(wrong).withFailMessage("%s under %s:\n%s", app, SEGREGATE, String.join("\n", wrong)).isEmpty();
    }

    private static String verdict(Flow flow, Object src, Object dst, Port port) {
        String connection = src + " -> " + dst + " " + port.protocol() + " " + port.number()
                + (port.name() == null ? "" : " (" + port.name() + ")");
        return flow == null ? "let through, no expected flow: " + connection
                : "blocked, expected: " + connection + " for " + flow.why();
    }

    /** The expected flows by source, destination, protocol and port. */
    private static Map<String, Flow> expected(App app) {
        Map<String, Flow> byKey = new LinkedHashMap<>();
        for (Flow flow : app.flows()) {
            byKey.put(key(flow.from(), flow.to(), flow.protocol(), flow.port()), flow);
        }
        return byKey;
    }

    private static String key(Object from, Object to, String protocol, int port) {
        return from + " -> " + to + " " + protocol + " " + port;
    }

    /** The destination's container ports, then the unused ones it does not declare. */
    private static List<Port> probed(Pod dst) {
        List<Port> ports = new ArrayList<>(dst.ports());
        for (Port unused : UNUSED_PORTS) {
            if (ports.stream().noneMatch(p -> p.number() == unused.number() && p.protocol().equals(unused.protocol()))) {
                ports.add(unused);
            }
        }
        return ports;
    }

    private static String name(Pod pod) {
        return pod.kind() + "/" + pod.name();
    }

    private static Pod workload(Oracle oracle, String kindAndName) {
        String[] parts = kindAndName.split("/", 2);
        return oracle.pod(parts[0], parts[1]);
    }

    private static Object endpoint(Oracle oracle, Object peer) {
        return peer instanceof String s && s.contains("/") ? workload(oracle, s) : peer;
    }

    private static boolean allows(Oracle oracle, Object src, Object dst, String protocol, int port) {
        if (src instanceof Pod s && dst instanceof Pod d) {
            return oracle.allows(s, d, protocol, port);
        }
        if (src instanceof Pod s) {
            return oracle.allows(s, (String) dst, protocol, port);
        }
        return oracle.allows((String) src, (Pod) dst, protocol, port);
    }

    static String input(App app) {
        try (InputStream in = SegregationTest.class.getResourceAsStream(app.resource())) {
            assertThat(in).as(app.resource()).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PostRenderer.Run render(App app, String stream) {
        return PostRenderer.run(stream, "--release=" + app.release(), "--namespace=" + NAMESPACE, SEGREGATE);
    }

    private static Oracle segregated(App app) {
        PostRenderer.Run run = render(app, input(app));
        assertThat(run.exit()).as("exit code; stderr:\n%s", run.stderr()).isZero();
        return Oracle.of(run.out()).releaseNamespace(NAMESPACE);
    }
}
