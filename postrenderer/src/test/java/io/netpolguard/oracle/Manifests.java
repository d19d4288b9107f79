package io.netpolguard.oracle;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads manifest streams into plain maps, and the pods of workloads out of them. Also the small map helpers. */
final class Manifests {

    private Manifests() {
    }

    /**
     * Every object of a YAML or JSON stream. {@code kind: List} and typed lists ({@code PodList}, ...) are replaced by
     * their items; an item without kind or apiVersion takes them from its typed list. Documents that are not
     * mappings (empty ones, a bare JSON array) are skipped.
     */
    static List<Map<String, Object>> parse(String stream) {
        String text = stream.stripLeading();
        if (text.startsWith("{") || text.startsWith("[")) {
            // JSON: SnakeYAML refuses tabs as whitespace, and a valid JSON text has raw tabs nowhere else.
            text = text.replace('\t', ' ');
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text)) {
            if (document instanceof Map<?, ?>) {
                flatten(map(document), objects);
            }
        }
        return objects;
    }

    /** Every object of every *.yaml, *.yml and *.json file under a folder (recursively, in path order). */
    static List<Map<String, Object>> parseFolder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json")) {
                    try {
                        objects.addAll(parse(Files.readString(file)));
                    } catch (RuntimeException e) {
                        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
                    }
                }
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void flatten(Map<String, Object> object, List<Map<String, Object>> into) {
        String kind = object.get("kind") instanceof String k ? k : "";
        if (!kind.endsWith("List") || !(object.get("items") instanceof List<?>)) {
            into.add(object);
            return;
        }
        for (Object element : list(object.get("items"))) {
            Map<String, Object> item = new LinkedHashMap<>(map(element));
            if (!kind.equals("List")) {
                item.putIfAbsent("kind", kind.substring(0, kind.length() - "List".length()));
                item.putIfAbsent("apiVersion", object.get("apiVersion"));
            }
            flatten(item, into);
        }
    }

    /** The pods of a workload object, or null when it is not one of the workload kinds. */
    static Pod pod(Map<String, Object> object, String defaultNamespace) {
        String kind = string(object.get("kind"));
        Object template = switch (kind == null ? "" : kind) {
            case "Pod" -> object;
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job" ->
                    at(object, "spec", "template");
            case "CronJob" -> at(object, "spec", "jobTemplate", "spec", "template");
            default -> null;
        };
        if (template == null) {
            return null;
        }
        List<Port> ports = new ArrayList<>();
        for (String containers : List.of("containers", "initContainers")) {
            for (Object container : list(at(template, "spec", containers))) {
                for (Object port : list(map(container).get("ports"))) {
                    Map<String, Object> p = map(port);
                    if (p.get("containerPort") != null) { // a port without a number is invalid; nothing can use it
                        ports.add(new Port(string(p.get("name")), integer(p.get("containerPort")), string(p.get("protocol"))));
                    }
                }
            }
        }
        return new Pod(namespace(object, defaultNamespace), kind, string(at(object, "metadata", "name")),
                labels(at(template, "metadata", "labels")), ports);
    }

    static String namespace(Map<String, Object> object, String defaultNamespace) {
        String namespace = string(at(object, "metadata", "namespace"));
        return namespace == null || namespace.isEmpty() ? defaultNamespace : namespace;
    }

    /** Labels must be strings, as the API server requires (an unquoted {@code version: 1.10} is refused there). */
    static Map<String, String> labels(Object labels) {
        Map<String, String> result = new LinkedHashMap<>();
        map(labels).forEach((key, value) -> result.put(key, requiredString(value, "label " + key)));
        return result;
    }

    /** The node at a path of keys, or null when some key is absent. */
    static Object at(Object node, String... keys) {
        for (String key : keys) {
            if (node == null) {
                return null;
            }
            node = map(node).get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        if (node == null) {
            return Map.of();
        }
        if (!(node instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("expected a mapping, found: " + node);
        }
        return (Map<String, Object>) node;
    }

    static List<?> list(Object node) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof List<?> list)) {
            throw new IllegalArgumentException("expected a list, found: " + node);
        }
        return list;
    }

    static String string(Object node) {
        return node == null ? null : requiredString(node, "value");
    }

    static String requiredString(Object node, String what) {
        if (!(node instanceof String s)) {
            throw new IllegalArgumentException(what + " must be a string, found: " + node);
        }
        return s;
    }

    static int integer(Object node) {
        if (!(node instanceof Integer i)) {
            throw new IllegalArgumentException("expected an integer, found: " + node);
        }
        return i;
    }
}
