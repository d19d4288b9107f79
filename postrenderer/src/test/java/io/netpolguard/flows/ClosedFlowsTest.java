package io.netpolguard.flows;

import io.netpolguard.cli.PostRenderer;
import io.netpolguard.flows.SegregationFlows.App;
import io.netpolguard.oracle.Oracle;
import io.netpolguard.oracle.Pod;
import io.netpolguard.oracle.Port;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.netpolguard.flows.ReleaseFlows.NAMESPACE;
import static io.netpolguard.flows.SegregationFlows.ASTRO_SHOP;
import static io.netpolguard.flows.SegregationFlows.CODE_ONLY;
import static io.netpolguard.flows.SegregationFlows.LIBRARY;
import static io.netpolguard.flows.SegregationFlows.OUTSIDE;
import static io.netpolguard.flows.SegregationTest.input;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every flow the applications' documents show and the policies close is named in exactly one warning, with the
 * declared flow that opens it, and nothing is opened for it: the addresses outside the release (with and without
 * --segregate), and, segregated, the Services a component calls by a name only its code knows
 * ({@link SegregationFlows#OUTSIDE}, {@link SegregationFlows#CODE_ONLY}). The visible flows are
 * {@link SegregationTest}'s, judged pair by pair with the {@link Oracle}.
 */
class ClosedFlowsTest {

    private static final String WARNING = "netpol-guard: warning: ";

    static Stream<App> apps() {
        return SegregationFlows.APPS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void underSegregateEachOutsideAddressAndEachServiceOnlyCodeNamesIsOneWarningOfItsWorkload(App app) {
        PostRenderer.Run run = run(app, "--segregate");
        assertExactlyTheseClosedFlows(run.stderr(), OUTSIDE.get(app.name()), CODE_ONLY.get(app.name()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void isolatedAsAWholeEachOutsideAddressIsOneWarningAndNoServiceIsUnreached(App app) {
        PostRenderer.Run run = run(app);
        assertExactlyTheseClosedFlows(run.stderr(), OUTSIDE.get(app.name()), Map.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void withoutLabelInjectionTheSameFlowsAreClosedAndTheClientIsNamedByItsOwnLabels(App app) {
        PostRenderer.Run run = run(app, "--segregate", "--no-inject-labels");
        assertExactlyTheseClosedFlows(run.stderr(), OUTSIDE.get(app.name()), CODE_ONLY.get(app.name()));
        if (!CODE_ONLY.get(app.name()).isEmpty()) {
            assertThat(run.stderr()).contains("from: [{podLabels: {app.kubernetes.io/name: CLIENT}}]")
                    .doesNotContain("netpol-guard.io/workload: deployment-CLIENT");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apps")
    void nothingReachesTheServicesOnlyCodeNamesAndTheOutsideAddressesStayClosed(App app) {
        Oracle oracle = Oracle.of(run(app, "--segregate").out()).releaseNamespace(NAMESPACE);
        for (String backend : CODE_ONLY.get(app.name()).values()) {
            Pod dst = oracle.pod("Deployment", backend);
            for (Pod src : oracle.pods()) {
                for (Port port : dst.ports()) {
                    assertThat(oracle.allows(src, dst, port.protocol(), port.number()))
                            .as("%s -> %s %s", src, dst, port).isFalse();
                }
            }
        }
        Pod reviews = Oracle.pod("ai-models", Map.of("app.kubernetes.io/name", "llm"), Port.tcp(8000));
        if (app == ASTRO_SHOP) {
            assertThat(oracle.allows(oracle.pod("Deployment", "product-reviews"), reviews, "TCP", 8000)).isFalse();
        }
        if (app == LIBRARY) {
            assertThat(oracle.allows(oracle.pod("Deployment", "books-recommender"), "10.20.30.40", "TCP", 9000))
                    .isFalse();
        }
    }

    /**
     * The library's declared flows, as the warnings give them, pasted into the configuration with the placeholders
     * filled in (the client of the recommender, the CIDR of the S3 endpoint): no warning is left, each flow is
     * open, and every other connection between the release's pods is as it was.
     */
    @Test
    void pastingTheDeclaredFlowsOpensExactlyThemAndEndsTheWarnings(@TempDir Path dir) throws IOException {
        PostRenderer.Run before = run(LIBRARY, "--segregate");
        StringBuilder flows = new StringBuilder("flows:\n");
        before.stderr().lines().filter(l -> l.startsWith("    ")).forEach(l -> flows.append(l.substring(2)
                .replace("CIDR-of-s3.eu-west-1.amazonaws.com", "52.218.0.0/17").replace("CLIENT", "books-api"))
                .append('\n'));
        Path config = Files.writeString(dir.resolve("netpol-guard.yaml"), flows);

        PostRenderer.Run after = run(LIBRARY, "--segregate", "--config=" + config);
        assertThat(after.exit()).as(after.stderr()).isZero();
        assertThat(after.stderr()).as("config:\n%s", flows).doesNotContain("documents show");

        Oracle was = Oracle.of(before.out()).releaseNamespace(NAMESPACE);
        Oracle now = Oracle.of(after.out()).releaseNamespace(NAMESPACE);
        Pod api = now.pod("Deployment", "books-api");
        Pod recommender = now.pod("Deployment", "books-recommender");
        assertThat(now.allows(api, recommender, "TCP", 8080)).as(now.why(api, recommender, "TCP", 8080)).isTrue();
        assertThat(now.allows(recommender, "10.20.30.40", "TCP", 9000)).isTrue();
        assertThat(now.allows(now.pod("Deployment", "books-covers"), "52.218.0.1", "TCP", 443)).isTrue();
        assertThat(now.allows(now.pod("Deployment", "books-covers"), "52.218.0.1", "TCP", 80)).isFalse();

        List<String> changed = new ArrayList<>();
        for (Pod src : now.pods()) {
            for (Pod dst : now.pods()) {
                for (Port port : dst.ports()) {
                    boolean opened = src.name().equals("books-api") && dst.name().equals("books-recommender");
                    if (!opened && now.allows(src, dst, port.protocol(), port.number())
                            != was.allows(was.pod(src.kind(), src.name()), was.pod(dst.kind(), dst.name()),
                            port.protocol(), port.number())) {
                        changed.add(src.name() + " -> " + dst.name() + " " + port);
                    }
                }
            }
        }
        assertThat(changed).as("connections changed beyond the declared ones").isEmpty();
    }

    /** A Service of another namespace, pasted as given: its guessed pods are reachable on its port, nothing more. */
    @Test
    void theDeclaredFlowToAServiceOfAnotherNamespaceOpensItsGuessedPodsOnItsPort(@TempDir Path dir)
            throws IOException {
        PostRenderer.Run before = run(ASTRO_SHOP, "--segregate");
        List<String> block = before.stderr().lines().dropWhile(l -> !l.contains("llm.ai-models")).skip(1)
                .takeWhile(l -> l.startsWith("    ")).toList();
        Path config = Files.writeString(dir.resolve("c.yaml"), "flows:\n" + String.join("\n", block.stream()
                .map(l -> l.substring(2)).toList()) + "\n");
        PostRenderer.Run after = run(ASTRO_SHOP, "--segregate", "--config=" + config);
        assertThat(after.stderr()).doesNotContain("llm.ai-models");
        Oracle now = Oracle.of(after.out()).releaseNamespace(NAMESPACE);
        Pod reviews = now.pod("Deployment", "product-reviews");
        Pod llm = Oracle.pod("ai-models", Map.of("app.kubernetes.io/name", "llm"), Port.tcp(8000), Port.tcp(9000));
        assertThat(now.allows(reviews, llm, "TCP", 8000)).as(now.why(reviews, llm, "TCP", 8000)).isTrue();
        assertThat(now.allows(reviews, llm, "TCP", 9000)).isFalse();
    }

    @Test
    void theReportListsEveryClosedFlowWithItsDeclaredFlow(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("report.json");
        PostRenderer.Run run = run(LIBRARY, "--segregate", "--report=" + report);
        assertThat(run.exit()).isZero();
        String json = Files.readString(report);
        assertThat(json).contains("\"closedFlows\"", "\"kind\": \"unreachedService\"", "\"service\": \"books-recommender\"",
                "\"kind\": \"address\"", "\"address\": \"http://10.20.30.40:9000\"", "\"kind\": \"host\"",
                "\"source\": \"library/templates/recommender.yaml\"", "\"declaredFlow\": \"- description:");
    }

    @Test
    void explainListsTheClosedFlowsAfterWhatIsOpen() {
        PostRenderer.Run run = run(LIBRARY, "--segregate", "--explain");
        assertThat(run.stderr()).contains("closed: flows the documents show that no policy opens",
                "    Service books-recommender (library/templates/recommender.yaml): nothing reaches");
    }

    @Test
    void strictDoesNotRefuseOnClosedFlows() {
        PostRenderer.Run run = run(LIBRARY, "--segregate", "--strict");
        assertThat(run.exit()).as(run.stderr()).isZero();
    }

    /**
     * Exactly one warning line per closed flow, under the block of its workload (the workload given the address, or
     * behind the Service), and the count.
     */
    private static void assertExactlyTheseClosedFlows(String stderr, Map<String, String> outside,
                                                      Map<String, String> codeOnly) {
        List<String> items = new ArrayList<>();
        String block = null;
        for (String line : stderr.lines().toList()) {
            if (line.startsWith(WARNING)) {
                block = line;
            } else if (line.startsWith("  ") && !line.startsWith("    ")) {
                items.add(block.substring(WARNING.length()).split(" ")[1] + " | " + line.strip());
            }
        }
        List<String> expected = new ArrayList<>();
        outside.forEach((address, workload) -> expected.add(workload + " | " + address + " in "));
        codeOnly.forEach((service, workload) -> expected.add(workload + " | Service " + service + " ("));
        assertThat(items).as("closed flows in stderr:\n%s", stderr).hasSameSizeAs(expected);
        for (String e : expected) {
            assertThat(items).as("stderr:\n%s", stderr).filteredOn(i -> i.startsWith(e)).hasSize(1);
        }
        int all = outside.size() + codeOnly.size();
        if (all == 0) {
            assertThat(stderr).doesNotContain("documents show");
        } else {
            assertThat(stderr).contains(WARNING + all + (all == 1 ? " flow the documents show is" : " flows the"
                    + " documents show are") + " closed: " + outside.size() + (outside.size() == 1 ? " address"
                    : " addresses") + " outside the release, " + codeOnly.size() + (codeOnly.size() == 1 ? " Service"
                    : " Services") + " nothing reaches");
        }
    }

    private static PostRenderer.Run run(App app, String... options) {
        List<String> args = new ArrayList<>(List.of("--release=" + app.release(), "--namespace=" + NAMESPACE));
        args.addAll(List.of(options));
        PostRenderer.Run run = PostRenderer.run(input(app), args.toArray(String[]::new));
        assertThat(run.exit()).as("exit; stderr:\n%s", run.stderr()).isZero();
        return run;
    }
}
