package io.netpolguard.robust;

import io.netpolguard.cli.PostRenderer;
import io.netpolguard.oracle.Oracle;
import io.netpolguard.oracle.Pod;
import io.netpolguard.read.StreamSplitter;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import static io.netpolguard.robust.StreamRuns.compareDocuments;
import static io.netpolguard.robust.StreamRuns.count;
import static io.netpolguard.robust.StreamRuns.damage;
import static io.netpolguard.robust.StreamRuns.runDamaged;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real charts' streams and the examples, mutated in YAML style and structure ({@link Mutants}), come out whole:
 * every input document in its place and, where untouched, byte for byte; labelled ones only with the label inserted;
 * the output parses with a second, independent YAML parser (snakeyaml-engine) and means what the input meant plus the
 * release labels and the generated policies; every workload in scope is isolated in both directions as written (judged
 * by the test tree's {@link Oracle}); a second run changes nothing; the same input gives the same output.
 * Fixed seeds; {@code -Dnetpolguard.generative.streams=N} runs more (the default runs in well under a minute).
 * A failing stream is saved under target/generative-failures.
 */
class GenerativeStreamsTest {

    private static final int STREAMS = Integer.getInteger("netpolguard.generative.streams", 2000);
    private static final String[] ARGS = {"--release=" + Mutants.RELEASE, "--namespace=" + Mutants.NAMESPACE};
    private static final Set<String> EXEMPT = Set.of("kube-system", "kube-public", "kube-node-lease");
    private static final String RELEASE_LABEL = "netpol-guard.io/release";
    private static final Pattern NULL_VALUE = Pattern.compile(
            "(?m)(?<=:)[ \\t]*(?:!!null(?:[ \\t]+\"\")?|null|Null|NULL|~)(?=[ \\t]*(?:#.*)?\\r?$)");

    @Test
    void everyMutatedStreamComesOutWholeParsableMeaningTheSameIsolatedStableAndDeterministic() {
        Random seeds = new Random(18);
        int labelled = 0;
        for (int i = 0; i < STREAMS; i++) {
            long seed = seeds.nextLong();
            Mutants mutants = new Mutants(new Random(seed));
            byte[] in = mutants.stream();
            try {
                labelled += check(in);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("stream " + i + " (seed " + seed + ", " + mutants + "; saved as "
                        + save(seed, in) + "): " + e.getMessage(), e);
            }
        }
        assertThat(labelled).as("documents that got the label").isGreaterThan(STREAMS / 2);
    }

    @Test
    void mutatedStreamsDamagedAtRandomEndInOutputOrOneParagraphButNeverInAStackTrace() {
        Random seeds = new Random(19);
        int[] exits = new int[3];
        for (int i = 0; i < STREAMS / 3; i++) {
            long seed = seeds.nextLong();
            Random random = new Random(seed);
            byte[] in = damage(new Mutants(random).stream(), random, " ", "\n", ":", "\"", "'", "[", "{", "}", "- ",
                    "---\n", "? ", "&a ", "*a", "!!", "#", "\t", "...\n", "~", "<<: ");
            exits[runDamaged(in, ARGS, "damaged stream " + i + " (saved as " + save(seed, in) + ")")]++;
        }
        assertThat(exits[0]).as("damaged streams still accepted").isPositive();
        assertThat(exits[2]).as("damaged streams refused as bad input").isPositive();
    }

    /** Checks every property on one stream; returns how many documents got the release label. */
    private static int check(byte[] in) {
        PostRenderer.Run run = PostRenderer.run(in, ARGS);
        assertThat(run.exit()).as("exit; stderr: %s", run.stderr()).isZero();
        // A closed flow's warning lists its addresses and declared flows indented under it.
        assertThat(run.stderr().lines()).as("stderr holds warnings only")
                .allMatch(l -> l.startsWith("netpol-guard: warning: ") || l.startsWith("  "));
        assertThat(run.stderr()).as("stderr starts with a warning").matches("(?s)(netpol-guard: warning: .*)?");

        int changed = compareDocuments(in, run.stdout(), GenerativeStreamsTest::onlyTheLabelWasInserted);
        int generated = StreamSplitter.split(run.stdout()).size() - StreamSplitter.split(in).size();

        List<Map<String, Object>> inObjects = objects(in);
        List<Map<String, Object>> outObjects = objects(run.stdout());
        assertThat(outObjects).as("objects out").hasSize(inObjects.size() + generated);
        for (Map<String, Object> p : outObjects.subList(inObjects.size(), outObjects.size())) {
            assertThat(p.get("kind")).isEqualTo("NetworkPolicy");
            assertThat(((Map<?, ?>) ((Map<?, ?>) p.get("metadata")).get("labels")).get("netpol-guard.io/generated"))
                    .isEqualTo("true");
        }
        assertThat(withoutLabels(outObjects.subList(0, inObjects.size())))
                .as("the input's objects, read by snakeyaml-engine, without the release labels")
                .isEqualTo(withoutLabels(inObjects));

        StringBuilder dumped = new StringBuilder();
        Dump dump = new Dump(DumpSettings.builder().build());
        for (Map<String, Object> o : outObjects) {
            dumped.append("---\n").append(dump.dumpToString(o));
        }
        Oracle oracle = Oracle.of(dumped.toString()).releaseNamespace(Mutants.NAMESPACE);
        for (Pod pod : oracle.pods()) {
            if (EXEMPT.contains(pod.namespace())) {
                continue;
            }
            assertThat(pod.labels()).as("pod labels of %s", pod).containsEntry(RELEASE_LABEL, Mutants.RELEASE);
            assertThat(oracle.isolated(pod, true)).as("%s isolated for ingress as written", pod).isTrue();
            assertThat(oracle.isolated(pod, false)).as("%s isolated for egress as written", pod).isTrue();
        }

        PostRenderer.Run again = PostRenderer.run(in, ARGS);
        assertThat(again.stdout()).as("the same input gives the same output").isEqualTo(run.stdout());
        assertThat(again.stderr()).as("and the same messages").isEqualTo(run.stderr());
        PostRenderer.Run second = PostRenderer.run(run.stdout(), ARGS);
        assertThat(second.exit()).as(second.stderr()).isZero();
        assertThat(second.out()).as("a second run changes nothing").isEqualTo(run.out());
        return changed;
    }

    /** The input document is what remains when the inserted text is taken out (and a null value it replaced). */
    private static void onlyTheLabelWasInserted(int number, String before, String after) {
        String kept = NULL_VALUE.matcher(before).replaceAll("");
        assertThat(StreamPropertiesTest.isSubsequence(kept, after))
                .as("document %d: the input is kept around the insertions:%n%s%nbecame%n%s", number, before, after)
                .isTrue();
        int inserted = count(after, RELEASE_LABEL) - count(before, RELEASE_LABEL);
        assertThat(inserted).as("document %d: labels inserted", number).isPositive();
        assertThat(after.length() - kept.length()).as("document %d: characters inserted", number)
                .isLessThanOrEqualTo(inserted * 200);
    }

    /** Every object of a stream, as snakeyaml-engine reads it; Lists replaced by their items. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(byte[] stream) {
        String text = new String(stream, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (Object doc : new Load(LoadSettings.builder().setCodePointLimit(64 << 20).build()).loadAllFromString(text)) {
            if (doc instanceof Map<?, ?> m) {
                Map<String, Object> map = (Map<String, Object>) m;
                if (String.valueOf(map.get("kind")).endsWith("List") && map.get("items") instanceof List<?> items) {
                    items.forEach(item -> result.add((Map<String, Object>) item));
                } else {
                    result.add(map);
                }
            }
        }
        return result;
    }

    /**
     * Copies of the objects without netpol-guard's pod labels, and without the labels and metadata maps that are then
     * empty or null (so that "no labels", "labels: {}" and "labels:" read the same).
     */
    @SuppressWarnings("unchecked")
    private static List<Object> withoutLabels(List<Map<String, Object>> objects) {
        List<Object> result = new ArrayList<>();
        for (Map<String, Object> o : objects) {
            Map<String, Object> copy = (Map<String, Object>) deepCopy(o);
            String path = Mutants.templatePath(String.valueOf(copy.get("kind")));
            if (path != null) {
                Object template = copy;
                for (String key : path.isEmpty() ? new String[0] : path.split("\\.")) {
                    template = template instanceof Map<?, ?> m ? m.get(key) : null;
                }
                if (template instanceof Map<?, ?> t) {
                    strip((Map<String, Object>) t);
                }
            }
            result.add(copy);
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static void strip(Map<String, Object> template) {
        if (template.get("metadata") instanceof Map<?, ?> metadata) {
            Map<String, Object> md = (Map<String, Object>) metadata;
            if (md.get("labels") instanceof Map<?, ?> labels) {
                labels.remove(RELEASE_LABEL);
                labels.remove("netpol-guard.io/workload");
            }
            if (md.containsKey("labels") && (md.get("labels") == null || md.get("labels") instanceof Map<?, ?> l
                    && l.isEmpty())) {
                md.remove("labels");
            }
        }
        if (template.containsKey("metadata") && (template.get("metadata") == null
                || template.get("metadata") instanceof Map<?, ?> m && m.isEmpty())) {
            template.remove("metadata");
        }
    }

    private static Object deepCopy(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(k, deepCopy(v)));
            return copy;
        }
        if (o instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return o;
    }

    private static String save(long seed, byte[] stream) {
        return StreamRuns.save("generative-failures", seed, stream);
    }
}
