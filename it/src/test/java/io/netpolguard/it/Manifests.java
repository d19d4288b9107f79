package io.netpolguard.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** A parsed manifest stream, as Helm prints it. */
record Manifests(List<Map<String, Object>> docs) {

    static final String RELEASE_LABEL = "netpol-guard.io/release";
    static final String WORKLOAD_LABEL = "netpol-guard.io/workload";
    static final String GENERATED_LABEL = "netpol-guard.io/generated";
    static final Set<String> WORKLOAD_KINDS = Set.of("Pod", "ReplicationController", "Deployment", "StatefulSet",
            "DaemonSet", "ReplicaSet", "Job", "CronJob");

    static Manifests parse(String stream) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(options).loadAll(stream)) {
            if (doc instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) map;
                docs.add(m);
            } else if (doc != null) {
                throw new AssertionError("not a mapping document: " + doc);
            }
        }
        return new Manifests(docs);
    }

    /** "Kind/name" of every document. */
    Set<String> ids() {
        return docs.stream().map(Manifests::id).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    static String id(Map<String, Object> doc) {
        return doc.get("kind") + "/" + str(doc, "metadata", "name");
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return docs.stream().filter(d -> kind.equals(d.get("kind")) && name.equals(str(d, "metadata", "name"))).findFirst();
    }

    Map<String, Object> get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in " + ids()));
    }

    List<Map<String, Object>> ofKind(String kind) {
        return docs.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    List<Map<String, Object>> workloads() {
        return docs.stream().filter(d -> WORKLOAD_KINDS.contains(String.valueOf(d.get("kind")))).toList();
    }

    static boolean isHook(Map<String, Object> doc) {
        return annotations(doc).containsKey("helm.sh/hook");
    }

    static Map<String, Object> labels(Map<String, Object> doc) {
        return map(doc, "metadata", "labels");
    }

    static Map<String, Object> annotations(Map<String, Object> doc) {
        return map(doc, "metadata", "annotations");
    }

    /** The labels Kubernetes gives the pods of a workload (the Gatekeeper constraint's view). */
    static Map<String, Object> podLabels(Map<String, Object> workload) {
        return switch (String.valueOf(workload.get("kind"))) {
            case "Pod" -> map(workload, "metadata", "labels");
            case "CronJob" -> map(workload, "spec", "jobTemplate", "spec", "template", "metadata", "labels");
            default -> map(workload, "spec", "template", "metadata", "labels");
        };
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> doc, String... path) {
        Object node = doc;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> m)) {
                return Map.of();
            }
            node = m.get(key);
        }
        return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static String str(Map<String, Object> doc, String... path) {
        Object node = doc;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = m.get(key);
        }
        return node == null ? null : String.valueOf(node);
    }
}
