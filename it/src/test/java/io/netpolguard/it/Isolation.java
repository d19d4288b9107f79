package io.netpolguard.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Assertions on what netpol-guard made of a Helm render, compared with the same render without it. */
final class Isolation {

    private Isolation() {
    }

    /**
     * Every original object is still there and unchanged apart from the injected release label, and
     * everything added is a NetworkPolicy marked as generated.
     */
    static void assertOriginalsKeptAndOnlyPoliciesAdded(Manifests before, Manifests after) {
        assertThat(after.ids()).as("objects after post-rendering").containsAll(before.ids());
        for (Map<String, Object> original : before.docs()) {
            Map<String, Object> now = after.get(String.valueOf(original.get("kind")),
                    Manifests.str(original, "metadata", "name"));
            assertThat(withoutInjectedLabel(now)).as("%s apart from the labels netpol-guard adds",
                    Manifests.id(original)).isEqualTo(withoutInjectedLabel(original));
        }
        Set<String> added = new HashSet<>(after.ids());
        added.removeAll(before.ids());
        for (String id : added) {
            String[] kindName = id.split("/", 2);
            Map<String, Object> doc = after.get(kindName[0], kindName[1]);
            assertThat(doc.get("kind")).as("added object %s", id).isEqualTo("NetworkPolicy");
            assertThat(Manifests.labels(doc)).as("labels of added %s", id)
                    .containsEntry(Manifests.GENERATED_LABEL, "true");
        }
    }

    /** Every workload's pods (hooks too, when includeHooks) carry netpol-guard.io/release=release. */
    static void assertPodTemplatesLabelled(Manifests after, String release, boolean includeHooks) {
        List<String> workloads = new ArrayList<>();
        for (Map<String, Object> w : after.workloads()) {
            if (!includeHooks && Manifests.isHook(w)) {
                continue;
            }
            workloads.add(Manifests.id(w));
            assertThat(Manifests.podLabels(w)).as("pod labels of %s", Manifests.id(w))
                    .containsEntry(Manifests.RELEASE_LABEL, release);
        }
        assertThat(workloads).as("workloads checked").isNotEmpty();
    }

    /** A generated, release-selecting NetworkPolicy of that name. */
    static Map<String, Object> assertGeneratedReleasePolicy(Manifests after, String name, String release) {
        Map<String, Object> np = after.get("NetworkPolicy", name);
        assertThat(Manifests.labels(np)).as("labels of %s", name).containsEntry(Manifests.GENERATED_LABEL, "true");
        assertThat(Manifests.map(np, "spec", "podSelector", "matchLabels")).as("podSelector of %s", name)
                .containsEntry(Manifests.RELEASE_LABEL, release);
        return np;
    }

    /** A hook policy for pre-install and pre-upgrade, weighted before every hook workload. */
    static void assertHookPolicy(Manifests after, String name, String release) {
        Map<String, Object> np = assertGeneratedReleasePolicy(after, name, release);
        Map<String, Object> annotations = Manifests.annotations(np);
        assertThat(String.valueOf(annotations.get("helm.sh/hook"))).as("hook events of %s", name)
                .contains("pre-install", "pre-upgrade");
        int weight = Integer.parseInt(String.valueOf(annotations.getOrDefault("helm.sh/hook-weight", "0")));
        for (Map<String, Object> w : after.workloads()) {
            if (Manifests.isHook(w)) {
                int hookWeight = Integer.parseInt(
                        String.valueOf(Manifests.annotations(w).getOrDefault("helm.sh/hook-weight", "0")));
                assertThat(weight).as("weight of %s against hook %s", name, Manifests.id(w)).isLessThan(hookWeight);
            }
        }
    }

    /**
     * No generated NetworkPolicy selects the pods of that workload (used where the chart's own policy already
     * selects them).
     */
    static void assertNoGeneratedPolicySelects(Manifests after, String kind, String name) {
        Map<String, Object> pods = Manifests.podLabels(after.get(kind, name));
        assertThat(pods).as("pod labels of %s/%s", kind, name).isNotEmpty();
        for (String policy : generatedPolicyNames(after)) {
            Map<String, Object> selector = Manifests.map(after.get("NetworkPolicy", policy), "spec", "podSelector",
                    "matchLabels");
            assertThat(pods.entrySet().containsAll(selector.entrySet()) && !selector.isEmpty())
                    .as("generated %s %s must not select the pods of %s/%s %s", policy, selector, kind, name, pods)
                    .isFalse();
        }
    }

    static List<String> generatedPolicyNames(Manifests after) {
        return after.ofKind("NetworkPolicy").stream()
                .filter(np -> "true".equals(String.valueOf(Manifests.labels(np).get(Manifests.GENERATED_LABEL))))
                .map(np -> Manifests.str(np, "metadata", "name")).toList();
    }

    static List<String> workloadNames(Manifests m, boolean includeHooks) {
        return m.workloads().stream().filter(w -> includeHooks || !Manifests.isHook(w))
                .map(w -> Manifests.str(w, "metadata", "name")).toList();
    }

    /** A deep copy without the release label wherever netpol-guard injects it (empty label and annotation maps dropped). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withoutInjectedLabel(Map<String, Object> doc) {
        Map<String, Object> copy = (Map<String, Object>) deepCopy(doc);
        String kind = String.valueOf(copy.get("kind"));
        List<List<String>> paths = List.of(List.of("metadata"), List.of("spec", "template", "metadata"),
                List.of("spec", "jobTemplate", "spec", "template", "metadata"));
        for (List<String> path : paths) {
            Map<String, Object> meta = Manifests.map(copy, path.toArray(String[]::new));
            if (meta.get("labels") instanceof Map<?, ?> labels && (path.size() > 1 || "Pod".equals(kind))) {
                labels.remove(Manifests.RELEASE_LABEL);
                labels.remove(Manifests.WORKLOAD_LABEL);
            }
            // Helm 4 leaves an empty map where it stripped its postrender-filename annotation.
            for (String key : List.of("labels", "annotations")) {
                if (meta.get(key) instanceof Map<?, ?> m && m.isEmpty()) {
                    meta.remove(key);
                }
            }
        }
        return copy;
    }

    private static Object deepCopy(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return copy;
        }
        if (node instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return node;
    }
}
