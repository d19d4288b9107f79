package io.netpolguard.read;

import io.netpolguard.error.InputException;
import io.netpolguard.model.Binding;
import io.netpolguard.model.ConfigData;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.Monitor;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.RawDocument;
import io.netpolguard.model.Service;
import io.netpolguard.model.ServiceReference;
import io.netpolguard.model.Workload;
import io.netpolguard.model.WorkloadKind;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.ReaderException;

import java.nio.charset.CharacterCodingException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a manifest stream safely: documents are only composed into nodes (nothing is ever instantiated
 * from a tag), custom tags are refused, and aliases, nesting and document size are limited.
 */
public final class ManifestReader {

    /** Kubernetes stores objects of at most about 1.5 MiB; a document 8 times that is not a manifest. */
    public static final int MAX_DOCUMENT_CODE_POINTS = 12 * 1024 * 1024;
    public static final int MAX_NESTING_DEPTH = 200;
    public static final int MAX_ALIASES = 100;
    /** What a document may grow to when its aliases are expanded; real manifests stay far below. */
    public static final long MAX_EXPANSION = 1_000_000;
    private static final String LIMITS = "netpol-guard limits documents to " + MAX_DOCUMENT_CODE_POINTS / (1024 * 1024)
            + " Mi characters, " + MAX_NESTING_DEPTH + " levels of nesting and " + MAX_ALIASES + " aliases;"
            + " Kubernetes objects never need more.";
    /** Streams from this size on are read on all cores. Below it the time saved is small. */
    static final long PARALLEL_FROM_BYTES = 16 << 20;
    /**
     * On all cores, documents from this size on are still read one at a time: the node tree of a document is many
     * times its size, and with two of argo-cd's 1.4 MB CRDs read side by side a 30 MB stream peaked at 160 MB,
     * over its 3x-input budget of 156 MB (115 MB like this, 110 MB all one at a time, which took 20% longer).
     */
    static final int ONE_AT_A_TIME_FROM_BYTES = 256 << 10;
    private final Object largeDocument = new Object();

    private static final Set<Tag> STANDARD_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL,
            Tag.MAP, Tag.SEQ, Tag.TIMESTAMP, Tag.BINARY, Tag.MERGE);

    private final List<WorkloadKind> workloadKinds;
    private final boolean inputs;
    private final long parallelFromBytes;
    /** Called after each document is read, or null; see {@link #withAfterEachDocument}. */
    private final Runnable afterDocument;
    private final Resolver resolver = new Resolver();

    public ManifestReader(List<WorkloadKind> workloadKinds) {
        this(workloadKinds, false);
    }

    /**
     * @param inputs also read what pods are given that can name other components (environment, command, arguments,
     *               the ConfigMaps and Secrets they read), to segregate the release
     */
    public ManifestReader(List<WorkloadKind> workloadKinds, boolean inputs) {
        this(workloadKinds, inputs, PARALLEL_FROM_BYTES);
    }

    /**
     * A reader for documents taken from a stream of {@code streamBytes} bytes, such as those netpol-guard wrote and
     * reads back: on all cores when the stream itself was large enough to be read on all cores.
     */
    public static ManifestReader forPartOf(List<WorkloadKind> workloadKinds, long streamBytes) {
        return new ManifestReader(workloadKinds, false, streamBytes >= PARALLEL_FROM_BYTES ? 0 : Long.MAX_VALUE);
    }

    /** With another threshold for reading on all cores (tests). */
    ManifestReader(List<WorkloadKind> workloadKinds, boolean inputs, long parallelFromBytes) {
        this(workloadKinds, inputs, parallelFromBytes, null);
    }

    private ManifestReader(List<WorkloadKind> workloadKinds, boolean inputs, long parallelFromBytes,
                           Runnable afterDocument) {
        this.workloadKinds = List.copyOf(workloadKinds);
        this.inputs = inputs;
        this.parallelFromBytes = parallelFromBytes;
        this.afterDocument = afterDocument;
    }

    /**
     * This reader, calling {@code callback} (when not null) after each document it reads, on the thread that read
     * it: the command line paces its heap so; a library sets none, as the heap is not its own.
     */
    public ManifestReader withAfterEachDocument(Runnable callback) {
        return new ManifestReader(workloadKinds, inputs, parallelFromBytes, callback);
    }

    public Manifest read(byte[] stream) {
        return read(StreamSplitter.split(stream));
    }

    public Manifest read(List<RawDocument> documents) {
        List<DocumentReader> readers = new ArrayList<>(documents.size());
        long bytes = 0;
        for (RawDocument document : documents) {
            readers.add(new DocumentReader(document));
            bytes += document.length();
        }
        // Documents are independent: on a large stream, read them on every core. The results are taken in
        // stream order, and so is the first error, so the outcome is the same as reading one by one.
        if (bytes >= parallelFromBytes && readers.size() > 1) {
            readers.parallelStream().forEach(reader -> {
                if (reader.document.length() >= ONE_AT_A_TIME_FROM_BYTES) {
                    synchronized (largeDocument) {
                        reader.readCatching();
                    }
                } else {
                    reader.readCatching();
                }
            });
        } else {
            readers.forEach(DocumentReader::readCatching);
        }
        List<KubeObject> objects = new ArrayList<>();
        List<Workload> workloads = new ArrayList<>();
        List<NetworkPolicy> policies = new ArrayList<>();
        List<Service> services = new ArrayList<>();
        List<ServiceReference> references = new ArrayList<>();
        List<Monitor> monitors = new ArrayList<>();
        List<Binding> bindings = new ArrayList<>();
        List<ConfigData> configData = new ArrayList<>();
        Map<String, Map<String, String>> namespaces = new LinkedHashMap<>();
        boolean anyContent = false;
        boolean helmFilenames = false;
        for (DocumentReader reader : readers) {
            if (reader.error != null) {
                throw reader.error;
            }
            ObjectReader found = reader.found;
            objects.addAll(found.objects);
            workloads.addAll(found.workloads);
            policies.addAll(found.policies);
            services.addAll(found.services);
            references.addAll(found.references);
            monitors.addAll(found.monitors);
            bindings.addAll(found.bindings);
            configData.addAll(found.configData);
            namespaces.putAll(found.namespaces);
            helmFilenames |= found.helmFilenames;
            anyContent |= reader.any;
        }
        if (!anyContent) {
            throw new InputException("The input stream holds no Kubernetes object (it is empty, or only comments).",
                    "Check that the chart renders something with `helm template`; Helm also refuses an empty manifest.");
        }
        return new Manifest(documents, objects, workloads, policies, services, references, monitors, bindings,
                namespaces, helmFilenames, List.copyOf(configData));
    }

    /** A document's text; refused when it is not UTF-8. */
    private static String text(RawDocument document) {
        try {
            return document.text();
        } catch (CharacterCodingException e) {
            throw new InputException(capitalize(document.describe()) + ", starting at line " + document.firstLine()
                    + ", is not UTF-8 text (binary data?).",
                    "A post-renderer receives the YAML that Helm rendered; check what is piped into netpol-guard.");
        }
    }

    /**
     * Refuses a document of more than {@link #MAX_DOCUMENT_CODE_POINTS} characters before it is decoded, so that
     * a huge document costs no more memory than its bytes (SnakeYAML would copy it several times first).
     */
    private static void refuseOversized(RawDocument document) {
        if (document.length() <= MAX_DOCUMENT_CODE_POINTS) {
            return;
        }
        // A code point takes 1 to 4 bytes: count them only where the byte length leaves a doubt.
        boolean tooLarge = document.length() > 4L * MAX_DOCUMENT_CODE_POINTS
                || codePoints(document) > MAX_DOCUMENT_CODE_POINTS;
        if (tooLarge) {
            throw new InputException(capitalize(document.describe()) + ", starting at line " + document.firstLine()
                    + ", has more than the " + (MAX_DOCUMENT_CODE_POINTS >> 20) + " Mi characters netpol-guard"
                    + " reads in one document (" + (document.length() >> 20) + " MiB).",
                    "Kubernetes stores objects of at most about 1.5 MiB; check what the template renders.");
        }
    }

    private static long codePoints(RawDocument document) {
        long count = 0;
        byte[] bytes = document.bytes();
        for (int i = document.offset(), end = document.offset() + document.length(); i < end; i++) {
            if ((bytes[i] & 0xC0) != 0x80) {
                count++;
            }
        }
        return count;
    }

    private static final LoaderOptions OPTIONS = loaderOptions();

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setCodePointLimit(MAX_DOCUMENT_CODE_POINTS);
        options.setProcessComments(false);
        // The Composer builds nodes only, never objects, so a global tag such as !!java.net.URL is harmless
        // here; checkTags refuses it with its position, like every other non-standard tag, instead of
        // SnakeYAML's "Global tag is not allowed", which would be reported as invalid YAML.
        options.setTagInspector(tag -> true);
        return options;
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Reads the objects of one document. */
    private final class DocumentReader {
        private final RawDocument document;
        private ObjectReader found;
        private boolean any;
        private InputException error;

        DocumentReader(RawDocument document) {
            this.document = document;
        }

        /** Reads the document, keeping an input error for later instead of throwing it. */
        void readCatching() {
            try {
                any = read();
            } catch (InputException e) {
                error = e;
            }
            if (afterDocument != null) {
                afterDocument.run();
            }
        }

        /** Returns true when the document held a node (not only comments). */
        boolean read() {
            refuseOversized(document);
            DocumentText text = new DocumentText(text(document), document.length());
            found = new ObjectReader(document, workloadKinds, inputs);
            boolean any = false;
            try {
                Composer composer = new Composer(new ParserImpl(new StreamReader(text.body()), OPTIONS),
                        resolver, OPTIONS);
                while (composer.checkNode()) {
                    Node root = composer.getNode();
                    if (root == null || Nodes.isNull(root)) {
                        continue;
                    }
                    any = true;
                    checkTags(root);
                    if (!(root instanceof MappingNode)) {
                        throw new ShapeException("is not a mapping (a Kubernetes object starts with apiVersion and kind)",
                                root);
                    }
                    found.read(root, text);
                }
            } catch (MarkedYAMLException e) {
                Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
                throw new InputException(where(mark) + " is not valid YAML: " + oneLine(problem) + ".",
                        "Run `helm template` without the post-renderer and check that template's output.");
            } catch (ReaderException e) {
                int at = text.offset(e.getPosition());
                long line = document.firstLine() + text.text.substring(0, at).chars().filter(c -> c == '\n').count();
                throw new InputException(capitalize(document.describe()) + ", line " + line + " is not valid YAML:"
                        + " it holds the control character " + String.format("U+%04X", e.getCodePoint())
                        + ", which YAML does not allow (binary data?).",
                        "Run `helm template` without the post-renderer and check that template's output.");
            } catch (YAMLException e) {
                throw new InputException(capitalize(document.describe()) + ", starting at line "
                        + document.firstLine() + ", cannot be read safely: " + oneLine(e.getMessage()) + ".",
                        LIMITS);
            } catch (ShapeException e) {
                throw new InputException(where(e.node() == null ? null : e.node().getStartMark()) + ": "
                        + e.getMessage() + ".", "Fix the chart's template; Kubernetes would refuse it too.");
            }
            return any;
        }

        private String where(Mark mark) {
            String at = mark == null ? ", starting at line " + document.firstLine()
                    : ", line " + (document.firstLine() + mark.getLine());
            return capitalize(document.describe()) + at;
        }

        private void checkTags(Node root) {
            Deque<Node> todo = new ArrayDeque<>();
            Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            boolean shared = false;
            todo.push(root);
            while (!todo.isEmpty()) {
                Node node = todo.pop();
                // Only collections are remembered (an alias may repeat one, and must not be walked again);
                // a scalar is checked each time it is reached, which costs no more than reaching it.
                if (!(node instanceof ScalarNode) && !seen.add(node)) {
                    shared = true;
                    continue;
                }
                if (!STANDARD_TAGS.contains(node.getTag())) {
                    throw new ShapeException("uses the YAML tag " + node.getTag()
                            + ", which netpol-guard refuses (only standard YAML types are allowed)", node);
                }
                if (node instanceof MappingNode m) {
                    checkKeys(m);
                    for (NodeTuple t : m.getValue()) {
                        todo.push(t.getKeyNode());
                        todo.push(t.getValueNode());
                    }
                } else if (node instanceof SequenceNode s) {
                    s.getValue().forEach(todo::push);
                }
            }
            if (shared) {
                refuseExpansion(root, seen.size());
            }
        }

        /**
         * Refuses a document whose aliases would make it grow beyond {@link #MAX_EXPANSION} nodes when a client
         * expands them ("billion laughs": a few dozen aliases nested level by level stay under the alias count
         * and expand to hundreds of millions of nodes). Helm, kubectl and the API server would all expand it, as
         * go-yaml's own limit on aliasing says. Counted in one pass over the distinct collections.
         */
        private void refuseExpansion(Node root, int collections) {
            Map<Node, Long> size = new IdentityHashMap<>(collections * 2);
            Deque<Node> todo = new ArrayDeque<>();
            todo.push(root);
            while (!todo.isEmpty()) {
                Node node = todo.peek();
                if (size.containsKey(node)) {
                    todo.pop();
                    continue;
                }
                List<Node> children = children(node);
                boolean ready = true;
                for (Node child : children) {
                    if (!(child instanceof ScalarNode) && !size.containsKey(child)) {
                        todo.push(child);
                        ready = false;
                    }
                }
                if (!ready) {
                    continue;
                }
                todo.pop();
                long total = 1;
                for (Node child : children) {
                    total += child instanceof ScalarNode ? 1 : size.get(child);
                    if (total > MAX_EXPANSION) {
                        throw new ShapeException("has aliases that expand it to more than " + MAX_EXPANSION
                                + " nodes (a \"billion laughs\" document); clients that read it would run out of"
                                + " memory", node);
                    }
                }
                size.put(node, total);
            }
        }

        private static List<Node> children(Node node) {
            if (node instanceof SequenceNode s) {
                return s.getValue();
            }
            if (node instanceof MappingNode m) {
                List<Node> children = new ArrayList<>(m.getValue().size() * 2);
                for (NodeTuple t : m.getValue()) {
                    children.add(t.getKeyNode());
                    children.add(t.getValueNode());
                }
                return children;
            }
            return List.of();
        }

        /**
         * Refuses duplicate keys (Kubernetes clients keep the last, SnakeYAML's nodes the first: netpol-guard
         * would check other labels than the cluster gets) and merges of maps that merge again (their
         * expansion grows exponentially with a few aliases).
         */
        private void checkKeys(MappingNode mapping) {
            Set<String> keys = new java.util.HashSet<>();
            for (NodeTuple t : mapping.getValue()) {
                Node key = t.getKeyNode();
                if (Nodes.isMergeKey(key)) {
                    for (Node merged : Nodes.mergedMaps(t.getValueNode())) {
                        if (merged instanceof MappingNode mm
                                && mm.getValue().stream().anyMatch(x -> Nodes.isMergeKey(x.getKeyNode()))) {
                            throw new ShapeException("merges (<<) a mapping that itself merges another; netpol-guard"
                                    + " refuses nested merge keys", key);
                        }
                    }
                } else if (key instanceof ScalarNode k && !keys.add(k.getValue())) {
                    throw new ShapeException("has the key \"" + k.getValue() + "\" twice in one mapping", key);
                }
            }
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }
}
