package io.netpolguard.export;

import io.netpolguard.cli.PostRenderer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An export made in-process by the command line ({@code netpol-guard export}), read back, and applied to the stream
 * the way kustomize applies its patches (RFC 6902 adds on the object its target names): what a kustomize build of the chart with the Component gives, for the oracle to judge. The real
 * kustomize runs in the it module.
 */
record Exported(Path dir, PostRenderer.Run run) {

    static Exported of(Path dir, String stream, String... args) {
        List<String> all = new ArrayList<>(List.of("export", "--output=" + dir));
        all.addAll(List.of(args));
        return new Exported(dir, PostRenderer.run(stream, all.toArray(String[]::new)));
    }

    String file(String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> yaml(String name) {
        return (Map<String, Object>) new Yaml().load(file(name));
    }

    /** The component's patches: each {target: {...}, patch: "..."}. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> patches() {
        Object patches = yaml("kustomization.yaml").get("patches");
        return patches == null ? List.of() : (List<Map<String, Object>>) patches;
    }

    /** The stream's objects with the patches applied, then the exported policies, as one stream. */
    String applied(String stream) {
        List<Map<String, Object>> objects = load(stream);
        for (Map<String, Object> p : patches()) {
            apply(objects, p);
        }
        StringBuilder sb = new StringBuilder();
        for (Map<String, Object> o : objects) {
            sb.append("---\n").append(new Yaml().dump(o));
        }
        return sb.append(file("networkpolicies.yaml")).toString();
    }

    static List<Map<String, Object>> load(String stream) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object o : new Yaml(options).loadAll(stream)) {
            if (o instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) m;
                objects.add(map);
            }
        }
        return objects;
    }

    /** kustomize's target matching (anchored regular expressions; no namespace: any), then the JSON patch. */
    @SuppressWarnings("unchecked")
    private static void apply(List<Map<String, Object>> objects, Map<String, Object> patch) {
        Map<String, Object> target = (Map<String, Object>) patch.get("target");
        List<Map<String, Object>> ops = (List<Map<String, Object>>) new Yaml().load((String) patch.get("patch"));
        int matched = 0;
        for (Map<String, Object> o : objects) {
            String apiVersion = String.valueOf(o.get("apiVersion"));
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
            Map<String, Object> meta = (Map<String, Object>) o.getOrDefault("metadata", Map.of());
            String namespace = meta.get("namespace") == null ? "default" : String.valueOf(meta.get("namespace"));
            if (matches(target.get("group"), group) && matches(target.get("version"), version)
                    && matches(target.get("kind"), String.valueOf(o.get("kind")))
                    && matches(target.get("name"), String.valueOf(meta.get("name")))
                    && matches(target.get("namespace"), namespace)) {
                ops.forEach(op -> add(o, op));
                matched++;
            }
        }
        if (matched != 1) {
            throw new AssertionError("patch target " + target + " matches " + matched + " objects");
        }
    }

    private static boolean matches(Object pattern, String value) {
        return pattern == null || value.matches("(?:" + pattern + ")");
    }

    /** RFC 6902 add: the parent must exist (and be a map here); the member is set, or replaced. */
    @SuppressWarnings("unchecked")
    private static void add(Map<String, Object> object, Map<String, Object> op) {
        if (!"add".equals(op.get("op"))) {
            throw new AssertionError("not an add: " + op);
        }
        String[] tokens = ((String) op.get("path")).substring(1).split("/");
        Object node = object;
        for (int i = 0; i < tokens.length - 1; i++) {
            node = ((Map<String, Object>) node).get(unescape(tokens[i]));
            if (!(node instanceof Map)) {
                throw new AssertionError("no parent for " + op.get("path") + " (at " + tokens[i] + ")");
            }
        }
        ((Map<String, Object>) node).put(unescape(tokens[tokens.length - 1]), op.get("value"));
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }
}
