package io.netpolguard.robust;

import io.netpolguard.model.RawDocument;
import io.netpolguard.read.StreamSplitter;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Streams made from real ones (the corpus of charts as Helm 3 and Helm 4 hand them to a post-renderer, and the
 * project's example releases) by mutating them: a subset of their documents, sometimes of two charts; objects moved to
 * other namespaces, made hooks, of another workload kind, wrapped in a List, with pod templates stripped of labels or
 * metadata; chart NetworkPolicies of several shapes added (one named like netpol-guard's own policy); documents
 * written again in another YAML style ({@link Restyle}) or as tab-indented JSON; {@code ---<TAB># comment}
 * separators, {@code ...} document ends, CRLF line breaks, a byte order mark, no final line break.
 * Every mutation keeps the stream one that Helm and kubectl accept and that means what it says.
 */
final class Mutants {

    static final String RELEASE = "shop";
    static final String NAMESPACE = "team-a";
    private static final int MAX_DOCUMENT = 30_000;
    private static final List<String> NAMESPACES = List.of("team-a", "team-b", "kube-system");
    private static final List<String> HOOKS = List.of("pre-install", "post-install", "pre-install,pre-upgrade",
            "test");
    private static final List<String> CONTROLLERS = List.of("StatefulSet", "DaemonSet", "ReplicaSet");

    /** One base: a chart's stream (or an example release), its documents of at most 30 kB. */
    record Base(String name, List<String> documents) {
    }

    private static List<Base> bases;

    private final Random random;
    private final Set<String> names = new HashSet<>();
    /** What was done, for the failure message. */
    final List<String> log = new ArrayList<>();

    Mutants(Random random) {
        this.random = random;
    }

    /** The bases: the corpus when it is beside this checkout, and the examples in the test resources. */
    static synchronized List<Base> bases() {
        if (bases == null) {
            List<Base> all = new ArrayList<>();
            Path corpus = Streams.corpusDir();
            try {
                if (corpus != null) {
                    try (Stream<Path> files = Files.list(corpus)) {
                        for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                            all.add(base(f.getFileName().toString(), Files.readAllBytes(f)));
                        }
                    }
                }
                for (String example : List.of("/robust/webshop.helm4.yaml", "/segregation/microshop.yaml")) {
                    try (var in = Mutants.class.getResourceAsStream(example)) {
                        all.add(base(example, in.readAllBytes()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bases = List.copyOf(all);
        }
        return bases;
    }

    private static Base base(String name, byte[] stream) {
        List<String> docs = new ArrayList<>();
        for (RawDocument d : StreamSplitter.split(stream)) {
            if (d.length() <= MAX_DOCUMENT) {
                String text = new String(d.bytes(), d.offset(), d.length(), StandardCharsets.UTF_8);
                docs.add(text.startsWith("---") ? text : "---\n" + text);
            }
        }
        return new Base(name, List.copyOf(docs));
    }

    /** One mutated stream. */
    byte[] stream() {
        List<Base> all = bases();
        Base a = all.get(random.nextInt(all.size()));
        List<String> documents = new ArrayList<>(pick(a));
        log.add("base " + a.name());
        if (random.nextInt(4) == 0) {
            Base b = all.get(random.nextInt(all.size()));
            if (!chart(b).equals(chart(a))) {
                documents.addAll(pick(b));
                log.add("and " + b.name());
            }
        }
        if (random.nextInt(4) == 0) {
            documents.addAll(chartPolicies());
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < documents.size(); i++) {
            String doc = documents.get(i);
            if (doc.isEmpty()) {
                continue;
            }
            if (random.nextInt(12) == 0) {
                doc = doc.replaceFirst("^---[ \\t]*\\n", random.nextBoolean() ? "---\t# separated by a tab\n" : "---\t\n");
            }
            sb.append(doc.endsWith("\n") ? doc : doc + "\n");
            if (random.nextInt(15) == 0) {
                sb.append("...\n");
            }
        }
        if (documents.stream().allMatch(d -> headerAndBody(d) == null)) {
            // The subset kept comment-only documents or none (a stream with no object, which exit 2 rightly
            // refuses): add the base's first object, so that every stream is one Helm would hand over.
            a.documents().stream().filter(d -> headerAndBody(d) != null).findFirst()
                    .ifPresent(d -> sb.append(d.endsWith("\n") ? d : d + "\n"));
        }
        String text = sb.toString();
        if (random.nextInt(6) == 0) {
            text = text.replace("\r\n", "\n").replace("\n", "\r\n");
            log.add("CRLF");
        }
        if (random.nextInt(10) == 0) {
            text = "\uFEFF" + text;
            log.add("BOM");
        }
        if (random.nextInt(8) == 0) {
            text = text.stripTrailing();
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String chart(Base b) {
        return b.name().substring(0, b.name().indexOf('.') < 0 ? b.name().length() : b.name().indexOf('.'));
    }

    /** A subset of a base's documents, each possibly mutated; unique by kind, namespace and name. */
    private List<String> pick(Base base) {
        double keep = 0.1 + 0.6 * random.nextDouble();
        List<String> result = new ArrayList<>();
        MappingNode pending = null;
        for (String doc : base.documents()) {
            if (random.nextDouble() > keep || result.size() >= 12) {
                continue;
            }
            String[] split = headerAndBody(doc);
            Node root = split == null ? null : compose(split[1]);
            if (root == null) {
                result.add(doc);
                continue;
            }
            boolean changed = mutate(root);
            if (!unique(root)) {
                continue;
            }
            if (pending == null && random.nextInt(20) == 0 && isObject(root)) {
                pending = (MappingNode) root; // wrapped in a List with the next object
                continue;
            }
            if (pending != null && isObject(root)) {
                root = list(pending, (MappingNode) root);
                pending = null;
                changed = true;
                log.add("a List");
            }
            String written = write(split[0], root, changed, doc);
            if (written != null) {
                result.add(written);
            }
        }
        if (pending != null) {
            String written = write("---\n", pending, true, null);
            if (written != null) {
                result.add(written);
            }
        }
        return result;
    }

    /**
     * The document again: as it was, or in another style, its meaning checked against the node tree; null when a
     * changed document has a shape the generator does not write (a complex key).
     */
    private String write(String header, Node root, boolean changed, String original) {
        int style = random.nextInt(10);
        if (!changed && style < 5 && original != null) {
            return original;
        }
        String body = null;
        if (style == 9) {
            body = Restyle.json(root);
        }
        if (body == null) {
            try {
                body = new Restyle(random, pathNodes(root)).yaml(root);
            } catch (IllegalArgumentException e) {
                return changed || original == null ? null : original;
            }
        }
        Object meant = new Constructed().of(root);
        Object read;
        try {
            read = load(body);
        } catch (RuntimeException e) {
            throw new AssertionError("the generator wrote YAML that does not read: " + e.getMessage() + "\n" + body, e);
        }
        if (!meant.equals(read)) {
            throw new AssertionError("the generator changed a document's meaning:\n" + body + "\nmeans\n" + read
                    + "\ninstead of\n" + meant);
        }
        return header + body;
    }

    private static Object load(String body) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        String text = body.stripLeading().startsWith("{") ? body.replace('\t', ' ') : body;
        return new Yaml(new SafeConstructor(options)).load(text);
    }

    /** SnakeYAML's safe constructor, applied to a node tree. */
    private static final class Constructed extends SafeConstructor {
        Constructed() {
            super(new LoaderOptions());
        }

        Object of(Node node) {
            return constructDocument(node);
        }
    }

    /** The {@code ---} and comment lines before a document's content, and the content; null when there is none. */
    private static String[] headerAndBody(String doc) {
        int i = 0;
        while (i < doc.length()) {
            int end = doc.indexOf('\n', i);
            end = end < 0 ? doc.length() : end + 1;
            String line = doc.substring(i, end).strip();
            boolean separator = line.equals("---") || line.startsWith("--- #") || line.startsWith("---\t");
            if (!line.isEmpty() && !line.startsWith("#") && !separator) {
                return new String[] {doc.substring(0, i), doc.substring(i)};
            }
            i = end;
        }
        return null;
    }

    private static Node compose(String body) {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setCodePointLimit(64 * 1024 * 1024);
            List<Node> roots = new ArrayList<>();
            new Yaml(options).composeAll(new StringReader(body)).forEach(roots::add);
            return roots.size() == 1 && roots.get(0) instanceof MappingNode ? roots.get(0) : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean isObject(Node root) {
        String kind = text(get(root, "kind"));
        return kind != null && !kind.endsWith("List");
    }

    private static MappingNode list(MappingNode a, MappingNode b) {
        List<NodeTuple> tuples = new ArrayList<>();
        tuples.add(new NodeTuple(str("apiVersion"), str("v1")));
        tuples.add(new NodeTuple(str("kind"), str("List")));
        tuples.add(new NodeTuple(str("items"), new SequenceNode(Tag.SEQ, List.of(a, b),
                DumperOptions.FlowStyle.BLOCK)));
        return new MappingNode(Tag.MAP, tuples, DumperOptions.FlowStyle.BLOCK);
    }

    /** Moves the object to another namespace, makes it a hook, or changes its kind or pod template. */
    private boolean mutate(Node root) {
        String kind = text(get(root, "kind"));
        Node metadata = get(root, "metadata");
        if (kind == null || !(metadata instanceof MappingNode md)) {
            return false;
        }
        boolean changed = false;
        if (random.nextInt(8) == 0 && !kind.equals("Namespace") && !kind.startsWith("Cluster")
                && !kind.equals("CustomResourceDefinition")) {
            put(md, "namespace", str(NAMESPACES.get(random.nextInt(NAMESPACES.size()))));
            changed = true;
        }
        String path = templatePath(kind);
        if (path == null) {
            return changed;
        }
        if (random.nextInt(8) == 0) {
            Node annotations = get(md, "annotations");
            if (!(annotations instanceof MappingNode)) {
                annotations = new MappingNode(Tag.MAP, new ArrayList<>(), DumperOptions.FlowStyle.BLOCK);
                put(md, "annotations", annotations);
            }
            put((MappingNode) annotations, "helm.sh/hook", str(HOOKS.get(random.nextInt(HOOKS.size()))));
            changed = true;
        }
        if (kind.equals("Deployment") && random.nextInt(8) == 0) {
            put((MappingNode) root, "kind", str(CONTROLLERS.get(random.nextInt(CONTROLLERS.size()))));
            changed = true;
        }
        if ((kind.equals("Job") || kind.equals("CronJob")) && random.nextInt(3) == 0) {
            Node template = at(root, path);
            if (template instanceof MappingNode t) { // a Job's pods need no labels: take them, or the metadata, away
                Node tm = get(t, "metadata");
                if (random.nextBoolean() || !(tm instanceof MappingNode)) {
                    remove(t, "metadata");
                } else {
                    remove((MappingNode) tm, "labels");
                }
                changed = true;
            }
        }
        return changed;
    }

    /** The pod template path of a workload kind; null for other kinds. */
    static String templatePath(String kind) {
        return switch (kind) {
            case "Pod" -> "";
            case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job" ->
                    "spec.template";
            case "CronJob" -> "spec.jobTemplate.spec.template";
            default -> null;
        };
    }

    /** The nodes from each object's root to its pod labels, where an anchor would make netpol-guard refuse. */
    private static Set<Node> pathNodes(Node root) {
        Set<Node> nodes = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Node> objects = new ArrayList<>();
        objects.add(root);
        if (get(root, "items") instanceof SequenceNode items) {
            objects.addAll(items.getValue());
        }
        for (Node object : objects) {
            String path = templatePath(String.valueOf(text(get(object, "kind"))));
            if (path == null) {
                continue;
            }
            Node node = object;
            nodes.add(object);
            for (String key : (path.isEmpty() ? "metadata.labels" : path + ".metadata.labels").split("\\.")) {
                node = get(node, key);
                if (node == null) {
                    break;
                }
                nodes.add(node);
            }
        }
        return nodes;
    }

    private boolean unique(Node root) {
        List<Node> objects = new ArrayList<>();
        if (get(root, "items") instanceof SequenceNode items) {
            objects.addAll(items.getValue());
        } else {
            objects.add(root);
        }
        List<String> keys = new ArrayList<>();
        for (Node o : objects) {
            String ns = text(get(get(o, "metadata"), "namespace"));
            keys.add(text(get(o, "kind")) + "/" + (ns == null ? NAMESPACE : ns) + "/" + text(get(get(o, "metadata"),
                    "name")));
        }
        for (String key : keys) {
            if (names.contains(key)) {
                return false;
            }
        }
        names.addAll(keys);
        return true;
    }

    /** Chart NetworkPolicies of the shapes charts write; one named like netpol-guard's release policy. */
    private List<String> chartPolicies() {
        List<String> all = List.of("""
                ---
                # Source: chart/templates/deny-ingress.yaml
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: chart-deny-ingress
                spec:
                  podSelector: {}
                  policyTypes: [Ingress]
                """, """
                ---
                # Source: chart/templates/netpol.yaml
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: shop-netpol-guard
                spec:
                  podSelector:
                    matchLabels: {app.kubernetes.io/name: nothing-of-this-release}
                  policyTypes: [Ingress]
                """, """
                ---
                # Source: chart/templates/egress.yaml
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: chart-egress, namespace: team-b}
                spec:
                  podSelector:
                    matchExpressions:
                      - {key: app.kubernetes.io/instance, operator: Exists}
                  egress:
                    - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]
                      ports: [{port: 443, protocol: TCP}]
                """, """
                ---
                # Source: chart/templates/same-namespace.yaml
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: chart-same-namespace
                spec:
                  podSelector: {matchLabels: {app.kubernetes.io/instance: shop}}
                  ingress:
                    - from: [{podSelector: {}}]
                """);
        List<String> chosen = new ArrayList<>();
        for (String p : all) {
            if (random.nextInt(3) == 0) {
                chosen.add(p);
                log.add("chart policy " + p.substring(p.indexOf("name: ") + 6, p.indexOf('\n', p.indexOf("name: "))));
            }
        }
        return chosen;
    }

    // ---- node helpers ----

    static Node get(Node map, String key) {
        if (!(map instanceof MappingNode m)) {
            return null;
        }
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return t.getValueNode();
            }
        }
        return null;
    }

    private static Node at(Node root, String path) {
        Node node = root;
        for (String key : path.split("\\.")) {
            node = get(node, key);
        }
        return node;
    }

    static String text(Node node) {
        return node instanceof ScalarNode s && !Tag.NULL.equals(s.getTag()) ? s.getValue() : null;
    }

    private static void put(MappingNode map, String key, Node value) {
        List<NodeTuple> tuples = map.getValue();
        for (int i = 0; i < tuples.size(); i++) {
            if (tuples.get(i).getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                tuples.set(i, new NodeTuple(tuples.get(i).getKeyNode(), value));
                return;
            }
        }
        tuples.add(new NodeTuple(str(key), value));
    }

    private static void remove(MappingNode map, String key) {
        map.getValue().removeIf(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key));
    }

    private static ScalarNode str(String value) {
        return new ScalarNode(Tag.STR, value, null, null, DumperOptions.ScalarStyle.PLAIN);
    }

    /** For failure messages. */
    @Override
    public String toString() {
        return String.join(", ", log);
    }
}
