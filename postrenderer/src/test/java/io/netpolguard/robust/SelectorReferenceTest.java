package io.netpolguard.robust;

import io.netpolguard.cli.PostRenderer;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.WorkloadKind;
import io.netpolguard.read.ManifestReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * netpol-guard's selector semantics, from YAML text to decision, agree with the deliberately simple reference in
 * {@link Gatekeeper#selects} on thousands of random selectors and label sets over a small alphabet (so that
 * keys and values collide often).
 */
class SelectorReferenceTest {

    private static final int TRIES = 2000;
    private static final List<String> KEYS = List.of("app", "tier", "app.kubernetes.io/instance", "x");
    private static final List<String> VALUES = List.of("a", "b", "web", "");
    private static final List<String> OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist");

    record Case(Map<String, String> labels, Map<String, String> matchLabels, List<Map<String, Object>> expressions,
                boolean selectorAbsent) {

        String yaml() {
            StringBuilder sb = new StringBuilder("""
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: p
                      labels:
                    """);
            labels.forEach((k, v) -> sb.append("    ").append(k).append(": \"").append(v).append("\"\n"));
            sb.append("---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: np}\nspec:\n");
            if (!selectorAbsent) {
                sb.append("  podSelector:");
                if (matchLabels.isEmpty() && expressions.isEmpty()) {
                    sb.append(" {}\n");
                } else {
                    sb.append("\n");
                }
                if (!matchLabels.isEmpty()) {
                    sb.append("    matchLabels:\n");
                    matchLabels.forEach((k, v) -> sb.append("      ").append(k).append(": \"").append(v).append("\"\n"));
                }
                if (!expressions.isEmpty()) {
                    sb.append("    matchExpressions:\n");
                    for (Map<String, Object> e : expressions) {
                        sb.append("      - {key: \"").append(e.get("key")).append("\", operator: ").append(e.get("operator"));
                        if (e.containsKey("values")) {
                            sb.append(", values: [");
                            List<String> quoted = new ArrayList<>();
                            ((List<?>) e.get("values")).forEach(v -> quoted.add("\"" + v + "\""));
                            sb.append(String.join(", ", quoted)).append("]");
                        }
                        sb.append("}\n");
                    }
                }
            }
            sb.append("  policyTypes: [Ingress]\n");
            return sb.toString();
        }

        Map<String, Object> selector() {
            if (selectorAbsent) {
                return null;
            }
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("matchLabels", matchLabels);
            s.put("matchExpressions", expressions);
            return s;
        }
    }

    static Case randomCase(Random random) {
        Map<String, String> labels = new LinkedHashMap<>();
        Map<String, String> matchLabels = new LinkedHashMap<>();
        for (String key : KEYS) {
            if (random.nextInt(3) > 0) {
                labels.put(key, pick(random, VALUES));
            }
            if (random.nextInt(4) == 0) {
                matchLabels.put(key, pick(random, VALUES));
            }
        }
        List<Map<String, Object>> expressions = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("key", pick(random, KEYS));
            String operator = pick(random, OPERATORS);
            e.put("operator", operator);
            if (operator.equals("In") || operator.equals("NotIn")) {
                List<String> values = new ArrayList<>();
                for (int v = 1 + random.nextInt(3); v > 0; v--) {
                    values.add(pick(random, VALUES));
                }
                e.put("values", values);
            }
            expressions.add(e);
        }
        return new Case(labels, matchLabels, expressions, random.nextInt(20) == 0);
    }

    private static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    @Test
    void netpolGuardSelectsExactlyThePodsTheReferenceSelects() {
        Random random = new Random(20261127);
        int selected = 0;
        for (int i = 0; i < TRIES; i++) {
            Case c = randomCase(random);
            Manifest manifest = new ManifestReader(WorkloadKind.BUILT_IN)
                    .read(c.yaml().getBytes(StandardCharsets.UTF_8));
            boolean actual = manifest.policies().get(0).podSelector().matches(manifest.workloads().get(0).podLabels());
            boolean expected = Gatekeeper.selects(c.selector(), c.labels());

            assertThat(actual).as("case %d:%n%s", i, c.yaml()).isEqualTo(expected);
            selected += expected ? 1 : 0;
        }
        assertThat(selected).as("selected cases").isBetween(TRIES / 10, TRIES * 9 / 10);
    }

    @Test
    void checkOnlyRefusesExactlyThePodsTheReferenceLeavesUnselected() {
        Random random = new Random(7);
        for (int i = 0; i < TRIES / 4; i++) {
            Case c = randomCase(random);
            PostRenderer.Run run = PostRenderer.run(c.yaml(), "--release=r", "--check-only");

            assertThat(run.exit()).as("case %d:%n%s%n%s", i, c.yaml(), run.stderr())
                    .isEqualTo(Gatekeeper.selects(c.selector(), c.labels()) ? 0 : 1);
        }
    }

    @Test
    void theReferenceItselfFollowsKubernetesOnTheClassicCases() {
        Map<String, String> web = Map.of("app", "web");
        assertThat(Gatekeeper.selects(null, web)).isTrue();
        assertThat(Gatekeeper.selects(Map.of(), Map.of())).isTrue();
        assertThat(Gatekeeper.selects(Map.of("matchLabels", Map.of("app", "db")), web)).isFalse();
        assertThat(Gatekeeper.selects(expression("tier", "NotIn", List.of("a")), web)).isTrue();
        assertThat(Gatekeeper.selects(expression("tier", "DoesNotExist", null), web)).isTrue();
        assertThat(Gatekeeper.selects(expression("app", "Exists", null), web)).isTrue();
        assertThat(Gatekeeper.selects(expression("app", "In", List.of("db", "web")), web)).isTrue();
        assertThat(Gatekeeper.selects(expression("app", "NotIn", List.of("web")), web)).isFalse();
    }

    private static Map<String, Object> expression(String key, String operator, List<String> values) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("key", key);
        e.put("operator", operator);
        if (values != null) {
            e.put("values", values);
        }
        return Map.of("matchExpressions", List.of(e));
    }
}
