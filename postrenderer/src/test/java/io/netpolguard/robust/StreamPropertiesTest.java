package io.netpolguard.robust;

import io.netpolguard.cli.PostRenderer;
import io.netpolguard.model.RawDocument;
import io.netpolguard.read.StreamSplitter;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

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
            byte[] in = mutate(new Streams(random).stream(), random);
            PostRenderer.Run run;
            try {
                run = PostRenderer.run(in, ARGS);
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("mutant " + i + " (saved as " + save(seed, in) + ") escaped as " + e, e);
            }
            assertThat(run.exit()).as("mutant %d, %s", i, run.stderr()).isBetween(0, 2);
            exits[run.exit()]++;
            if (run.exit() != 0) {
                assertThat(run.stdout()).isEmpty();
                assertThat(run.stderr()).startsWith("netpol-guard: ").doesNotContain("\tat ", "Exception");
            }
            if (run.exit() == 2) {
                assertThat(run.stderr().lines().count()).as(run.stderr()).isEqualTo(1);
            }
        }
        assertThat(exits[0]).as("mutants still accepted").isPositive();
        assertThat(exits[2]).as("mutants refused as bad input").isPositive();
    }

    /** Byte-level damage where YAML is fragile: indentation, separators, quotes, colons, brackets, anchors. */
    private static byte[] mutate(byte[] stream, Random random) {
        StringBuilder sb = new StringBuilder(new String(stream, StandardCharsets.UTF_8));
        String[] inserts = {" ", "\n", ":", "\"", "'", "[", "{", "}", "- ", "---\n", "&a ", "*a", "!!", "#", "\t",
                "~", "<<: ", "\u0000", "\uFFFE"};
        for (int n = 1 + random.nextInt(3); n > 0 && sb.length() > 0; n--) {
            int at = random.nextInt(sb.length());
            if (Character.isLowSurrogate(sb.charAt(at))) {
                at--;
            }
            switch (random.nextInt(3)) {
                case 0 -> sb.insert(at, inserts[random.nextInt(inserts.length)]);
                case 1 -> sb.delete(at, Math.min(sb.length(), at + 1 + random.nextInt(4)));
                default -> sb.setCharAt(at, inserts[random.nextInt(inserts.length)].charAt(0));
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Checks every property on one stream; returns how many documents were changed. */
    private static int checkAll(byte[] in) {
        PostRenderer.Run run = PostRenderer.run(in, ARGS);
        assertThat(run.exit()).as("exit; stderr: %s", run.stderr()).isZero();

        List<RawDocument> before = StreamSplitter.split(in);
        List<RawDocument> after = StreamSplitter.split(run.stdout());
        assertThat(after.size()).as("documents out").isGreaterThanOrEqualTo(before.size());
        int changed = 0;
        for (int i = 0; i < before.size(); i++) {
            String a = text(before.get(i));
            String b = text(after.get(i));
            if (i == before.size() - 1 && after.size() > before.size() && !a.endsWith("\n") && b.endsWith("\n")) {
                b = b.substring(0, b.length() - 1);
            }
            if (!a.equals(b)) {
                changed++;
                onlyTheLabelWasInserted(i + 1, a, b);
            }
        }
        for (RawDocument added : after.subList(before.size(), after.size())) {
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

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    private static String text(RawDocument d) {
        return new String(d.bytes(), d.offset(), d.length(), StandardCharsets.UTF_8);
    }

    private static String save(long seed, byte[] stream) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "robust-failures"));
            Path file = dir.resolve("stream-" + Long.toHexString(seed) + ".yaml");
            Files.write(file, stream);
            return file.toString();
        } catch (IOException e) {
            return "(not saved: " + e + ")";
        }
    }

    @Test
    void theSubsequenceCheckCanFail() {
        assertThat(isSubsequence("abc", "a-b-c")).isTrue();
        assertThat(isSubsequence("abc", "acb")).isFalse();
        assertThat(Objects.requireNonNull(strip(load("kind: Pod\nmetadata: {labels: {netpol-guard.io/release: x}}"))))
                .isEqualTo(load("kind: Pod"));
    }
}
