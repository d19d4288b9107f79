package io.netpolguard.robust;

import io.netpolguard.cli.PostRenderer;
import io.netpolguard.model.RawDocument;
import io.netpolguard.read.StreamSplitter;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import static io.netpolguard.robust.StreamRuns.compareDocuments;
import static io.netpolguard.robust.StreamRuns.count;
import static io.netpolguard.robust.StreamRuns.damage;
import static io.netpolguard.robust.StreamRuns.runDamaged;
import static io.netpolguard.robust.StreamRuns.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties that hold for every stream: nothing is lost, only the release label is inserted, a second run changes
 * nothing, the output depends only on the input, and every workload in scope is selected (by the independent
 * {@link Gatekeeper} model). Streams come from {@link Streams} with fixed seeds, so a failure is reproducible; the
 * failing stream is also saved under target/robust-failures.
 */
class StreamPropertiesTest {

    private static final int TRIES = 1000;
    private static final String[] ARGS = {"--release=" + Streams.RELEASE, "--namespace=" + Streams.NAMESPACE};
    private static final String ENTRY = "netpol-guard.io/release: \"" + Streams.RELEASE + "\"";

    @Test
    void everyGeneratedStreamComesOutCompleteLabelledOnlyStableAndFullySelected() {
        Random seeds = new Random(5);
        int changedDocuments = 0;
        for (int i = 0; i < TRIES; i++) {
            long seed = seeds.nextLong();
            byte[] in = new Streams(new Random(seed)).stream();
            try {
                changedDocuments += checkAll(in);
            } catch (AssertionError e) {
                throw new AssertionError("stream " + i + " (seed " + seed + ", saved as " + save(seed, in) + "): "
                        + e.getMessage(), e);
            }
        }
        assertThat(changedDocuments).as("documents that got the label").isGreaterThan(TRIES);
    }

    @Test
    void streamsMutatedAtRandomEndInOutputOrOneParagraphButNeverInAStackTrace() {
        Random seeds = new Random(11);
        int[] exits = new int[3];
        for (int i = 0; i < TRIES; i++) {
            long seed = seeds.nextLong();
            Random random = new Random(seed);
            byte[] in = damage(new Streams(random).stream(), random, " ", "\n", ":", "\"", "'", "[", "{", "}", "- ",
                    "---\n", "&a ", "*a", "!!", "#", "\t", "~", "<<: ", "\u0000", "\uFFFE");
            exits[runDamaged(in, ARGS, "mutant " + i + " (saved as " + save(seed, in) + ")")]++;
        }
        assertThat(exits[0]).as("mutants still accepted").isPositive();
        assertThat(exits[2]).as("mutants refused as bad input").isPositive();
    }

    /** Checks every property on one stream; returns how many documents were changed. */
    private static int checkAll(byte[] in) {
        PostRenderer.Run run = PostRenderer.run(in, ARGS);
        assertThat(run.exit()).as("exit; stderr: %s", run.stderr()).isZero();

        int changed = compareDocuments(in, run.stdout(), StreamPropertiesTest::onlyTheLabelWasInserted);
        List<RawDocument> after = StreamSplitter.split(run.stdout());
        for (RawDocument added : after.subList(StreamSplitter.split(in).size(), after.size())) {
            List<Map<String, Object>> objects = Gatekeeper.objects(text(added).getBytes(StandardCharsets.UTF_8));
            assertThat(objects).hasSize(1).allMatch(Gatekeeper::isNetworkPolicy);
            Object labels = ((Map<?, ?>) objects.get(0).get("metadata")).get("labels");
            assertThat(((Map<?, ?>) labels).get("netpol-guard.io/generated")).isEqualTo("true");
        }

        everyWorkloadInScopeIsLabelledAndSelected(run.stdout());

        PostRenderer.Run again = PostRenderer.run(in, ARGS);
        assertThat(again.stdout()).as("the same input gives the same output").isEqualTo(run.stdout());
        PostRenderer.Run second = PostRenderer.run(run.stdout(), ARGS);
        assertThat(second.exit()).as(second.stderr()).isZero();
        assertThat(second.out()).as("a second run is a no-op").isEqualTo(run.out());
        return changed;
    }

    private static void onlyTheLabelWasInserted(int number, String before, String after) {
        // Textually: the input is what remains when the inserted characters are taken out again.
        String normalized = before.replaceAll("(?m)^(\\s*(?:- )?(?:labels|metadata):)[ \\t]*(?:null|~)[ \\t]*$", "$1");
        assertThat(isSubsequence(normalized, after)).as("document %d: the input is kept around the insertions:%n%s%n"
                + "became%n%s", number, before, after).isTrue();
        int inserted = count(after, ENTRY) - count(before, ENTRY);
        assertThat(inserted).as("document %d: labels inserted", number).isPositive();
        assertThat(after.length() - normalized.length()).as("document %d: inserted characters", number)
                .isLessThanOrEqualTo(inserted * 200);
        // Semantically: without the release label (and the empty maps that held it) both are the same objects.
        assertThat(strip(load(after))).as("document %d without the label", number).isEqualTo(strip(load(before)));
    }

    private static void everyWorkloadInScopeIsLabelledAndSelected(byte[] out) {
        List<Map<String, Object>> objects = Gatekeeper.objects(out);
        List<Map<String, Object>> policies = objects.stream().filter(Gatekeeper::isNetworkPolicy).toList();
        for (Map<String, Object> o : objects) {
            Map<String, Object> labels = Gatekeeper.podLabels(o);
            String ns = Gatekeeper.namespace(o, Streams.NAMESPACE);
            if (labels == null || Gatekeeper.EXEMPT.contains(ns)) {
                continue;
            }
            assertThat(labels).as("pod labels of %s", o.get("metadata"))
                    .containsEntry("netpol-guard.io/release", Streams.RELEASE);
            assertThat(Gatekeeper.admit(o, policies, Streams.NAMESPACE)).as("admission of %s %s", o.get("kind"),
                    o.get("metadata")).isNull();
        }
    }

    private static List<Object> load(String document) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        List<Object> docs = new ArrayList<>();
        new Yaml(new SafeConstructor(options)).loadAll(document).forEach(docs::add);
        return docs;
    }

    /** Removes the labels netpol-guard adds (release, workload) from every pod template, and label or metadata maps left empty or null. */
    @SuppressWarnings("unchecked")
    private static List<Object> strip(List<Object> docs) {
        for (Object doc : docs) {
            if (!(doc instanceof Map<?, ?> map)) {
                continue;
            }
            List<Object> objects = map.get("items") instanceof List<?> items ? (List<Object>) items : List.of(doc);
            for (Object o : objects) {
                Map<String, Object> object = (Map<String, Object>) o;
                List<String> path = switch (String.valueOf(object.get("kind"))) {
                    case "Pod" -> List.of();
                    case "CronJob" -> List.of("spec", "jobTemplate", "spec", "template");
                    default -> List.of("spec", "template");
                };
                Object holder = object;
                for (String key : path) {
                    holder = holder instanceof Map<?, ?> m ? m.get(key) : null;
                }
                if (holder instanceof Map<?, ?> template) {
                    Map<String, Object> t = (Map<String, Object>) template;
                    if (t.get("metadata") instanceof Map<?, ?> metadata) {
                        Map<String, Object> md = (Map<String, Object>) metadata;
                        if (md.get("labels") instanceof Map<?, ?> labels) {
                            labels.remove("netpol-guard.io/release");
                            labels.remove("netpol-guard.io/workload");
                        }
                        if (md.containsKey("labels") && (md.get("labels") == null
                                || md.get("labels") instanceof Map<?, ?> l && l.isEmpty())) {
                            md.remove("labels");
                        }
                    }
                    if (t.containsKey("metadata") && (t.get("metadata") == null
                            || t.get("metadata") instanceof Map<?, ?> m && m.isEmpty())) {
                        t.remove("metadata");
                    }
                }
            }
        }
        return docs;
    }

    /** True when {@code small} can be obtained from {@code big} by deleting characters. */
    static boolean isSubsequence(String small, String big) {
        int i = 0;
        for (int j = 0; i < small.length() && j < big.length(); j++) {
            if (small.charAt(i) == big.charAt(j)) {
                i++;
            }
        }
        return i == small.length();
    }

    private static String save(long seed, byte[] stream) {
        return StreamRuns.save("robust-failures", seed, stream);
    }

    @Test
    void theSubsequenceCheckCanFail() {
        assertThat(isSubsequence("abc", "a-b-c")).isTrue();
        assertThat(isSubsequence("abc", "acb")).isFalse();
        assertThat(Objects.requireNonNull(strip(load("kind: Pod\nmetadata: {labels: {netpol-guard.io/release: x}}"))))
                .isEqualTo(load("kind: Pod"));
    }
}
