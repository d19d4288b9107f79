package io.netpolguard.verify;

import io.netpolguard.NetpolGuard;
import io.netpolguard.Result;
import io.netpolguard.Settings;
import io.netpolguard.config.Config;
import io.netpolguard.model.Direction;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** The cross-release findings of the twelve real charts of ../shared/corpus, Helm 3 and Helm 4 alike. */
class CrossReleaseCorpusTest {

    static Stream<Path> corpus() throws IOException {
        String dir = System.getProperty("netpolguard.corpus", "");
        Assumptions.assumeTrue(!dir.isEmpty() && Files.isDirectory(Path.of(dir)),
                "the shared corpus (../shared/corpus) is not beside this checkout");
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    private static String chart(Path stream) {
        String file = stream.getFileName().toString();
        return file.substring(0, file.indexOf('.'));
    }

    private static Result run(Path stream) throws IOException {
        return NetpolGuard.run(Files.readAllBytes(stream), new Settings(chart(stream), null, false, true,
                Config.defaults()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void findingsNameTheChartsOwnPolicyRuleAndTemplatesAndOnlyChartsWithPoliciesHaveThem(Path stream)
            throws IOException {
        Result result = run(stream);
        String chart = chart(stream);

        switch (chart) {
            case "postgresql" -> assertThat(result.crossRelease())
                    .extracting(f -> f.workload().name(), Finding::kind, Finding::rule, Finding::admits,
                            Finding::connections)
                    .containsExactly(
                            tuple("postgresql", Finding.Kind.CROSS_RELEASE, "spec.ingress[0]",
                                    "anywhere (every pod and every address)", "TCP 5432"),
                            tuple("postgresql", Finding.Kind.ISOLATION_VOIDED, "spec.egress[0]",
                                    "anywhere (every pod and every address)", "All Connections"));
            case "redis" -> assertThat(result.crossRelease())
                    .extracting(f -> f.workload().name(), Finding::kind, Finding::direction, Finding::connections)
                    .containsExactly(
                            tuple("redis-master", Finding.Kind.CROSS_RELEASE, Direction.INGRESS, "TCP 6379"),
                            tuple("redis-replicas", Finding.Kind.CROSS_RELEASE, Direction.INGRESS, "TCP 6379"),
                            tuple("redis-master", Finding.Kind.ISOLATION_VOIDED, Direction.EGRESS, "All Connections"),
                            tuple("redis-replicas", Finding.Kind.ISOLATION_VOIDED, Direction.EGRESS, "All Connections"));
            case "welkin-user-demo" -> assertThat(result.crossRelease())
                    .extracting(Finding::direction, Finding::admits, Finding::connections)
                    .contains(tuple(Direction.INGRESS, "anywhere (every pod and every address)", "TCP 3000"));
            case "argo-cd" -> {
                assertThat(result.crossRelease()).filteredOn(f -> f.kind() == Finding.Kind.CROSS_RELEASE)
                        .hasSizeGreaterThanOrEqualTo(4)
                        .allSatisfy(f -> assertThat(f.admits()).isEqualTo("every pod of every namespace"));
                assertThat(result.crossRelease()).filteredOn(f -> f.kind() == Finding.Kind.ISOLATION_VOIDED)
                        .singleElement().satisfies(f -> assertThat(f.workload().name())
                                .isEqualTo("argo-cd-argocd-server"));
            }
            default -> assertThat(result.findings()).as("a chart without policies").isEmpty();
        }
        for (Finding f : result.findings()) {
            assertThat(f.workload().object().source()).startsWith(chart + "/templates/");
            assertThat(f.policy().source()).startsWith(chart + "/templates/").endsWith(".yaml");
        }
        assertThat(result.warnings()).filteredOn(w -> w.contains("outside the release"))
                .hasSize((int) result.crossRelease().stream().map(f -> f.policy().name() + f.rule()).distinct().count());
    }
}
