package io.netpolguard.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.netpolguard.model.RawDocument;
import io.netpolguard.read.StreamSplitter;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every real stream Helm 3.17 and Helm 4.1 hand a post-renderer (../shared/corpus, twelve public charts)
 * goes through netpol-guard and comes out complete, isolated and stable: as it is run by default, and with
 * {@code --segregate}.
 */
class CorpusTest {

    private static final List<String> LABEL_LINES = List.of("netpol-guard.io/release: \"", "netpol-guard.io/workload: \"");

    static Stream<Path> corpus() throws IOException {
        String dir = System.getProperty("netpolguard.corpus", "");
        Assumptions.assumeTrue(!dir.isEmpty() && Files.isDirectory(Path.of(dir)),
                "the shared corpus (../shared/corpus) is not beside this checkout");
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    /** Each stream of the corpus, in each mode. */
    static Stream<Arguments> corpusInEachMode() throws IOException {
        return corpus().flatMap(stream -> Stream.of(Mode.values()).map(mode -> Arguments.of(stream, mode)));
    }

    private static String release(Path stream) {
        String file = stream.getFileName().toString();
        return file.substring(0, file.indexOf('.'));
    }

    /** --release, the mode's options, then any others. */
    private static String[] args(Path stream, Mode mode, String... more) {
        List<String> args = new ArrayList<>(List.of("--release=" + release(stream)));
        args.addAll(List.of(mode.args()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("corpusInEachMode")
    void everyDocumentComesOutInPlaceAndChangedOnesDifferOnlyByTheInjectedLabelLines(Path stream, Mode mode)
            throws IOException {
        byte[] input = Files.readAllBytes(stream);
        PostRenderer.Run run = PostRenderer.run(input, args(stream, mode));

        assertThat(run.exit()).as(run.stderr()).isZero();
        List<RawDocument> in = StreamSplitter.split(input);
        List<RawDocument> out = StreamSplitter.split(run.stdout());
        assertThat(out.size()).isGreaterThanOrEqualTo(in.size());
        int changed = 0;
        for (int i = 0; i < in.size(); i++) {
            String before = text(in.get(i));
            String after = text(out.get(i));
            if (i == in.size() - 1 && !before.endsWith("\n") && after.endsWith("\n")) {
                after = after.substring(0, after.length() - 1);
            }
            if (!before.equals(after)) {
                changed++;
                assertThat(withoutLabelLines(after)).as("document %d of %s", i + 1, stream).isEqualTo(before);
            }
        }
        assertThat(changed).as("documents that got the label").isGreaterThan(0);
        for (RawDocument added : out.subList(in.size(), out.size())) {
            assertThat(text(added)).contains("kind: NetworkPolicy", "netpol-guard.io/generated: \"true\"");
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("corpusInEachMode")
    void everyWorkloadIsIsolatedForIngressAndEgress(Path stream, Mode mode) throws IOException {
        Path report = Files.createTempFile("netpol-guard-report", ".json");
        PostRenderer.Run run = PostRenderer.run(Files.readAllBytes(stream), args(stream, mode, "--report=" + report));
        assertThat(run.exit()).as(run.stderr()).isZero();

        Map<String, Object> json = new ObjectMapper().readValue(report.toFile(), Map.class);
        List<Map<String, Object>> workloads = (List<Map<String, Object>>) json.get("workloads");
        assertThat(workloads).isNotEmpty();
        for (Map<String, Object> w : workloads) {
            assertThat((List<?>) w.get("ingressIsolatedBy")).as("ingress of %s %s", w.get("kind"), w.get("name"))
                    .isNotEmpty();
            assertThat((List<?>) w.get("egressIsolatedBy")).as("egress of %s %s", w.get("kind"), w.get("name"))
                    .isNotEmpty();
        }
        Files.delete(report);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("corpusInEachMode")
    void generatedPoliciesAreValidNetworkPoliciesWithNoUnknownFields(Path stream, Mode mode) throws IOException {
        byte[] input = Files.readAllBytes(stream);
        PostRenderer.Run run = PostRenderer.run(input, args(stream, mode));
        assertThat(run.exit()).as(run.stderr()).isZero();

        List<RawDocument> out = StreamSplitter.split(run.stdout());
        ObjectMapper mapper = new ObjectMapper();
        for (RawDocument added : out.subList(StreamSplitter.split(input).size(), out.size())) {
            Object tree = new Yaml().load(text(added));
            NetworkPolicy policy = mapper.convertValue(tree, NetworkPolicy.class);
            assertThat(policy.getMetadata().getName()).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?").hasSizeLessThan(64);
            assertThat(policy.getSpec().getPodSelector()).isNotNull();
            assertThat(unknownFields(policy)).as("fields fabric8 does not know in %s", policy.getMetadata().getName())
                    .isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("corpusInEachMode")
    void aSecondRunChangesNothing(Path stream, Mode mode) throws IOException {
        String[] args = args(stream, mode);
        PostRenderer.Run first = PostRenderer.run(Files.readAllBytes(stream), args);
        assertThat(first.exit()).as(first.stderr()).isZero();
        PostRenderer.Run second = PostRenderer.run(first.stdout(), args);
        assertThat(second.exit()).as(second.stderr()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
    }

    private static String text(RawDocument d) {
        return new String(d.bytes(), d.offset(), d.length(), StandardCharsets.UTF_8);
    }

    private static String withoutLabelLines(String text) {
        return Arrays.stream(text.split("(?<=\n)")).filter(line -> LABEL_LINES.stream().noneMatch(line::contains))
                .reduce("", String::concat);
    }

    /** Every additionalProperties entry of the fabric8 object graph, i.e. every field Kubernetes does not know. */
    private static List<String> unknownFields(Object object) {
        List<String> found = new ArrayList<>();
        collect(object, found);
        return found;
    }

    private static void collect(Object o, List<String> found) {
        if (o == null) {
            return;
        }
        if (o instanceof Collection<?> c) {
            c.forEach(x -> collect(x, found));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8")) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getName().equals("getClass")) {
                continue;
            }
            try {
                Object value = m.invoke(o);
                if (m.getName().equals("getAdditionalProperties")) {
                    ((Map<?, ?>) value).keySet().forEach(k -> found.add(o.getClass().getSimpleName() + "." + k));
                } else {
                    collect(value, found);
                }
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
    }
}
