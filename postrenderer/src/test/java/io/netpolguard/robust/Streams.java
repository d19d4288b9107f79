package io.netpolguard.robust;

import io.netpolguard.model.RawDocument;
import io.netpolguard.read.StreamSplitter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Random manifest streams: synthetic documents of every shape netpol-guard must handle (all workload kinds, label
 * and metadata styles, namespaces, selectors, chart NetworkPolicies, List wrappers, hooks, comments, empty and
 * null documents, unicode), optionally mixed with documents of the real corpus, written with LF or CRLF, with or
 * without a byte order mark and a final line break. Names are unique per kind and namespace.
 */
final class Streams {

    static final String RELEASE = "shop";
    static final String NAMESPACE = "team-a";

    private static final List<String> NAMESPACES = List.of("", "", "", "team-a", "team-b", "kube-system");
    private static final List<String> KEYS = List.of("app", "tier", "component");
    private static final List<String> VALUES = List.of("web", "db", "a");
    private static final List<String> HOOKS = List.of("pre-install", "post-install", "pre-install,pre-upgrade",
            "test", "pre-upgrade", "post-install,post-upgrade");
    private static final List<String> UNICODE = List.of("café", "grüße 😀", "日本語", "Ωmega", "tab\there");
    private static final List<String[]> WORKLOADS = List.of(
            new String[] {"apps/v1", "Deployment", "spec.template"},
            new String[] {"apps/v1", "StatefulSet", "spec.template"},
            new String[] {"apps/v1", "DaemonSet", "spec.template"},
            new String[] {"apps/v1", "ReplicaSet", "spec.template"},
            new String[] {"v1", "ReplicationController", "spec.template"},
            new String[] {"batch/v1", "Job", "spec.template"},
            new String[] {"batch/v1", "CronJob", "spec.jobTemplate.spec.template"},
            new String[] {"v1", "Pod", ""});

    private static List<String> corpusDocuments;

    private final Random random;
    private final boolean helm4;
    private final Set<String> names = new HashSet<>();
    private int counter;

    Streams(Random random) {
        this.random = random;
        this.helm4 = random.nextBoolean();
    }

    /** One whole stream. */
    byte[] stream() {
        StringBuilder sb = new StringBuilder();
        int documents = 1 + random.nextInt(7);
        for (int i = 0; i < documents; i++) {
            sb.append(document());
        }
        sb.append(workloadDocument());
        String text = sb.toString();
        if (random.nextInt(5) == 0) {
            text = text.stripTrailing();
        }
        if (random.nextInt(5) == 0) {
            text = text.replace("\n", "\r\n");
        }
        if (random.nextInt(8) == 0) {
            text = "\uFEFF" + text;
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String document() {
        int choice = random.nextInt(20);
        if (choice < 3 && !corpus().isEmpty()) {
            String doc = corpus().get(random.nextInt(corpus().size()));
            String key = identity(doc);
            if (key != null && names.add(key)) {
                String separated = doc.startsWith("---") ? doc : "---\n" + doc;
                return separated.endsWith("\n") ? separated : separated + "\n";
            }
        }
        return switch (choice) {
            case 3 -> "---\n# Source: chart/templates/disabled.yaml\n";
            case 4 -> "---\n";
            case 5 -> "---\n# Source: chart/templates/null.yaml\nnull\n";
            case 6, 7 -> header("config.yaml") + configMap(indent(0));
            case 8, 9 -> header("netpol.yaml") + networkPolicy();
            case 10 -> list();
            default -> workloadDocument();
        };
    }

    private String workloadDocument() {
        return header("workload.yaml") + workload("");
    }

    private String header(String file) {
        StringBuilder sb = new StringBuilder("---\n");
        if (random.nextInt(6) > 0) {
            sb.append("# Source: chart/templates/").append(file).append("\n");
        }
        if (random.nextInt(6) == 0) {
            sb.append("# ").append(pick(UNICODE)).append("\n");
        }
        return sb.toString();
    }

    private static String indent(int n) {
        return " ".repeat(n);
    }

    private String list() {
        StringBuilder sb = new StringBuilder(header("list.yaml"));
        sb.append("apiVersion: v1\nkind: List\nitems:\n");
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            String item = random.nextBoolean() ? workload("  ") : configMap("  ");
            sb.append("- ").append(item.substring(2));
        }
        return sb.toString();
    }

    private String unique(String kind, String namespace) {
        String name;
        do {
            name = kind.toLowerCase() + "-" + (++counter);
        } while (!names.add(kind + "/" + (namespace.isEmpty() ? NAMESPACE : namespace) + "/" + name));
        return name;
    }

    private String metadata(String in, String kind, boolean hookable) {
        return metadata(in, kind, hookable, true);
    }

    private String metadata(String in, String kind, boolean hookable, boolean objectLabels) {
        String namespace = pick(NAMESPACES);
        StringBuilder sb = new StringBuilder(in + "metadata:\n");
        sb.append(in).append("  name: ").append(unique(kind, namespace)).append("\n");
        if (!namespace.isEmpty()) {
            sb.append(in).append("  namespace: ").append(namespace).append("\n");
        }
        if (objectLabels && random.nextBoolean()) {
            sb.append(in).append("  labels:\n").append(in).append("    app.kubernetes.io/instance: ").append(RELEASE)
                    .append("\n");
        }
        List<String> annotations = new ArrayList<>();
        if (hookable && random.nextInt(4) == 0) {
            annotations.add("helm.sh/hook: " + pick(HOOKS));
            if (random.nextBoolean()) {
                annotations.add("helm.sh/hook-weight: \"" + (random.nextInt(11) - 5) + "\"");
            }
        }
        if (helm4) {
            annotations.add("postrenderer.helm.sh/postrender-filename: chart/templates/x.yaml");
        }
        if (random.nextInt(5) == 0) {
            annotations.add("description: \"" + pick(UNICODE).replace("\t", "\\t") + "\"");
        }
        if (!annotations.isEmpty()) {
            sb.append(in).append("  annotations:\n");
            annotations.forEach(a -> sb.append(in).append("    ").append(a).append("\n"));
        }
        return sb.toString();
    }

    private String configMap(String in) {
        return in + "apiVersion: v1\n" + in + "kind: ConfigMap\n" + metadata(in, "ConfigMap", true)
                + in + "data:\n" + in + "  greeting: \"" + pick(UNICODE).replace("\t", "\\t") + "\"\n";
    }

    private Map<String, String> labels() {
        Map<String, String> labels = new java.util.TreeMap<>();
        for (String key : KEYS) {
            if (random.nextInt(3) == 0) {
                labels.put(key, pick(VALUES));
            }
        }
        if (random.nextInt(3) == 0) {
            labels.put("app.kubernetes.io/instance", RELEASE);
        }
        return labels;
    }

    private String workload(String in) {
        String[] kind = WORKLOADS.get(random.nextInt(WORKLOADS.size()));
        StringBuilder sb = new StringBuilder();
        sb.append(in).append("apiVersion: ").append(kind[0]).append("\n");
        sb.append(in).append("kind: ").append(kind[1]).append("\n");
        Map<String, String> labels = labels();
        if (kind[2].isEmpty()) {
            sb.append(podMetadata(in, kind[1], labels, true));
            sb.append(in).append("spec:\n").append(in).append("  containers: [{name: c, image: nginx}]\n");
            return sb.toString();
        }
        sb.append(metadata(in, kind[1], true));
        sb.append(in).append("spec:\n");
        String t = in + "  ";
        if (!labels.isEmpty() && kind[1].equals("ReplicationController")) {
            sb.append(t).append("selector:\n");
            labels.forEach((k, v) -> sb.append(t).append("  ").append(k).append(": ").append(v).append("\n"));
        } else if (!labels.isEmpty() && !kind[1].endsWith("Job")) {
            sb.append(t).append("selector:\n").append(t).append("  matchLabels:\n");
            labels.forEach((k, v) -> sb.append(t).append("    ").append(k).append(": ").append(v).append("\n"));
        }
        if (kind[1].equals("CronJob")) {
            sb.append(t).append("schedule: \"0 2 * * *\"\n").append(t).append("jobTemplate:\n")
                    .append(t).append("  spec:\n");
            return sb.append(template(t + "    ", labels)).toString();
        }
        return sb.append(template(t, labels)).toString();
    }

    /** A pod's own metadata: name, namespace and labels in one of the shapes charts use. */
    private String podMetadata(String in, String kind, Map<String, String> labels, boolean hookable) {
        String block = metadata(in, kind, hookable, false);
        return block + labelBlock(in + "  ", labels);
    }

    private String labelBlock(String in, Map<String, String> labels) {
        int style = random.nextInt(6);
        if (labels.isEmpty()) {
            return switch (style) {
                case 0 -> in + "labels: {}\n";
                case 1 -> in + "labels:\n";
                default -> "";
            };
        }
        if (style == 0) {
            List<String> entries = new ArrayList<>();
            labels.forEach((k, v) -> entries.add(k + ": " + v));
            return in + "labels: {" + String.join(", ", entries) + "}\n";
        }
        StringBuilder sb = new StringBuilder(in + "labels:");
        if (style == 1) {
            sb.append(" # pod labels");
        }
        sb.append("\n");
        labels.forEach((k, v) -> sb.append(in).append("  ").append(k).append(": ")
                .append(style == 2 ? "\"" + v + "\"" : v).append("\n"));
        return sb.toString();
    }

    private String template(String in, Map<String, String> labels) {
        StringBuilder sb = new StringBuilder(in + "template:\n");
        int style = random.nextInt(6);
        if (style == 0 && labels.isEmpty()) {
            sb.append(in).append("  spec:\n");
        } else if (style == 1 && labels.isEmpty()) {
            sb.append(in).append("  metadata: {annotations: {a: b}}\n").append(in).append("  spec:\n");
        } else {
            String meta = labelBlock(in + "    ", labels);
            if (meta.isEmpty()) {
                sb.append(in).append("  metadata:\n").append(in).append("    annotations: {note: x}\n");
            } else {
                sb.append(in).append("  metadata:\n").append(meta);
            }
            sb.append(in).append("  spec:\n");
        }
        sb.append(in).append("    containers:\n").append(in).append("      - name: c\n")
                .append(in).append("        image: nginx\n");
        return sb.toString();
    }

    private String networkPolicy() {
        StringBuilder sb = new StringBuilder("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n");
        sb.append(metadata("", "NetworkPolicy", false));
        sb.append("spec:\n  podSelector:");
        Map<String, String> match = new java.util.TreeMap<>();
        if (random.nextInt(4) > 0) {
            match.put(pick(KEYS), pick(VALUES));
        }
        if (match.isEmpty() && random.nextBoolean()) {
            sb.append(" {}\n");
        } else {
            sb.append("\n");
            if (!match.isEmpty()) {
                sb.append("    matchLabels:\n");
                match.forEach((k, v) -> sb.append("      ").append(k).append(": ").append(v).append("\n"));
            }
            if (random.nextBoolean()) {
                sb.append("    matchExpressions:\n      - {key: ").append(pick(KEYS)).append(", operator: ")
                        .append(random.nextBoolean() ? "Exists" : "NotIn, values: [" + pick(VALUES) + "]")
                        .append("}\n");
            }
        }
        switch (random.nextInt(4)) {
            case 0 -> sb.append("  policyTypes: [Ingress]\n  ingress:\n    - from: [{podSelector: {}}]\n");
            case 1 -> sb.append("  policyTypes: [Egress]\n");
            case 2 -> sb.append("  policyTypes: [Ingress, Egress]\n");
            default -> sb.append("  ingress: [{}]\n");
        }
        return sb.toString();
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** Kind, namespace and name of a corpus document, or null when it holds no single named object. */
    private static String identity(String doc) {
        try {
            List<Map<String, Object>> objects = Gatekeeper.objects(doc.getBytes(StandardCharsets.UTF_8));
            if (objects.size() != 1 || !(objects.get(0).get("metadata") instanceof Map<?, ?> m)) {
                return null;
            }
            return objects.get(0).get("kind") + "/" + Gatekeeper.namespace(objects.get(0), NAMESPACE) + "/"
                    + m.get("name");
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The corpus directory, or null when it is not beside this checkout. */
    static Path corpusDir() {
        String dir = System.getProperty("netpolguard.corpus", "");
        return !dir.isEmpty() && Files.isDirectory(Path.of(dir)) ? Path.of(dir) : null;
    }

    /** Documents of the real corpus of at most 30 kB (the large CRDs only slow the properties down). */
    static synchronized List<String> corpus() {
        if (corpusDocuments == null) {
            List<String> docs = new ArrayList<>();
            Path dir = corpusDir();
            if (dir != null) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                        byte[] bytes = Files.readAllBytes(file);
                        for (RawDocument d : StreamSplitter.split(bytes)) {
                            if (d.length() < 30_000) {
                                docs.add(new String(d.bytes(), d.offset(), d.length(), StandardCharsets.UTF_8));
                            }
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            corpusDocuments = List.copyOf(docs);
        }
        return corpusDocuments;
    }
}
