package io.netpolguard.read;

import io.netpolguard.InputException;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.LabelSlot;
import io.netpolguard.model.LabelSlot.Shape;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.RawDocument;
import io.netpolguard.model.Workload;
import io.netpolguard.model.WorkloadKind;
import org.yaml.snakeyaml.DumperOptions;
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

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
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
    private static final String HOOK = "helm.sh/hook";
    private static final String HOOK_WEIGHT = "helm.sh/hook-weight";

    private final List<WorkloadKind> workloadKinds;
    private final long parallelFromBytes;
    private final Resolver resolver = new Resolver();

    public ManifestReader(List<WorkloadKind> workloadKinds) {
        this(workloadKinds, PARALLEL_FROM_BYTES);
    }

    /** With another threshold for reading on all cores (tests). */
    ManifestReader(List<WorkloadKind> workloadKinds, long parallelFromBytes) {
        this.workloadKinds = List.copyOf(workloadKinds);
        this.parallelFromBytes = parallelFromBytes;
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
        boolean anyContent = false;
        for (DocumentReader reader : readers) {
            if (reader.error != null) {
                throw reader.error;
            }
            objects.addAll(reader.objects);
            workloads.addAll(reader.workloads);
            policies.addAll(reader.policies);
            anyContent |= reader.any;
        }
        if (!anyContent) {
            throw new InputException("The input stream holds no Kubernetes object (it is empty, or only comments).",
                    "Check that the chart renders something with `helm template`; Helm also refuses an empty manifest.");
        }
        return new Manifest(documents, objects, workloads, policies);
    }

    /** Decodes a document's bytes as strict UTF-8. */
    public static String text(RawDocument document) {
        byte[] bytes = document.bytes();
        int end = document.offset() + document.length();
        int i = document.offset();
        while (i < end && bytes[i] >= 0) {
            i++;
        }
        if (i == end) { // ASCII, as most manifests are: one copy instead of a char buffer and a copy
            return new String(bytes, document.offset(), document.length(), StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(document.bytes(), document.offset(), document.length()))
                    .toString();
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
        private final List<KubeObject> objects = new ArrayList<>();
        private final List<Workload> workloads = new ArrayList<>();
        private final List<NetworkPolicy> policies = new ArrayList<>();
        private boolean any;
        private InputException error;
        private String text;
        private int bomShift;
        private boolean surrogates;

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
            text = null;
            HeapPacing.afterDocument();
        }

        /** Returns true when the document held a node (not only comments). */
        boolean read() {
            refuseOversized(document);
            text = text(document);
            bomShift = !text.isEmpty() && text.charAt(0) == '\uFEFF' ? 1 : 0;
            // A String as long as its bytes is ASCII: no second scan needed.
            surrogates = text.length() != document.length() && text.length() != text.codePointCount(0, text.length());
            boolean any = false;
            try {
                Composer composer = new Composer(new ParserImpl(new StreamReader(text.substring(bomShift)), OPTIONS),
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
                    readObject(root, 0);
                }
            } catch (MarkedYAMLException e) {
                Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
                throw new InputException(where(mark) + " is not valid YAML: " + oneLine(problem) + ".",
                        "Run `helm template` without the post-renderer and check that template's output.");
            } catch (ReaderException e) {
                int at = Math.min(text.length(), bomShift + e.getPosition());
                long line = document.firstLine() + text.substring(0, at).chars().filter(c -> c == '\n').count();
                throw new InputException(capitalize(document.describe()) + ", line " + line + " is not valid YAML:"
                        + " it holds the control character " + String.format("U+%04X", e.getCodePoint())
                        + ", which YAML does not allow (binary data?).",
                        "Run `helm template` without the post-renderer and check that template's output.");
            } catch (YAMLException e) {
                throw new InputException(capitalize(document.describe()) + ", starting at line "
                        + document.firstLine() + ", cannot be read safely: " + oneLine(e.getMessage()) + ".",
                        "netpol-guard limits documents to " + MAX_DOCUMENT_CODE_POINTS / (1024 * 1024)
                                + " Mi characters, " + MAX_NESTING_DEPTH + " levels of nesting and "
                                + MAX_ALIASES + " aliases; Kubernetes objects never need more.");
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
            todo.push(root);
            while (!todo.isEmpty()) {
                Node node = todo.pop();
                // Only collections are remembered (an alias may repeat one, and must not be walked again);
                // a scalar is checked each time it is reached, which costs no more than reaching it.
                if (!(node instanceof ScalarNode) && !seen.add(node)) {
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

        private void readObject(Node root, int depth) {
            String apiVersion = Nodes.string(Nodes.get(root, "apiVersion"));
            String kind = Nodes.string(Nodes.get(root, "kind"));
            if (kind == null) {
                throw new ShapeException("has no kind; every Kubernetes object needs apiVersion and kind", root);
            }
            Node items = Nodes.get(root, "items");
            if (kind.endsWith("List") && items instanceof SequenceNode list && depth < 4) {
                for (Node item : list.getValue()) {
                    if (!(item instanceof MappingNode)) {
                        throw new ShapeException("has an item in its " + kind + " that is not an object", item);
                    }
                    readObject(item, depth + 1);
                }
                return;
            }
            if (apiVersion == null) {
                throw new ShapeException("is a " + kind + " without apiVersion", root);
            }
            Node metadata = Nodes.get(root, "metadata");
            Map<String, String> annotations = Nodes.stringMap(Nodes.get(metadata, "annotations"),
                    "metadata.annotations");
            KubeObject object = new KubeObject(document, apiVersion, kind,
                    Nodes.string(Nodes.get(metadata, "name")),
                    emptyToNull(Nodes.string(Nodes.get(metadata, "namespace"))),
                    Nodes.stringMap(Nodes.get(metadata, "labels"), "metadata.labels"),
                    hookEvents(annotations.get(HOOK)), hookWeight(annotations.get(HOOK_WEIGHT), root));
            objects.add(object);
            String group = object.group();
            for (WorkloadKind workloadKind : workloadKinds) {
                if (workloadKind.matches(group, kind)) {
                    workloads.add(workload(object, workloadKind, root));
                    return;
                }
            }
            if ("NetworkPolicy".equals(kind) && (group.equals("networking.k8s.io") || group.equals("extensions"))) {
                policies.add(policy(object, root));
            }
        }

        private Workload workload(KubeObject object, WorkloadKind kind, Node root) {
            if (object.name() == null) {
                throw new ShapeException("is a " + object.kind() + " without metadata.name", root);
            }
            Node template = Nodes.at(root, kind.podTemplatePath());
            if (!(template instanceof MappingNode)) {
                throw new ShapeException("is a " + object.kind() + " " + object.name() + " without a pod template at "
                        + kind.podTemplatePath(), root);
            }
            Node metadata = Nodes.get(template, "metadata");
            Node labelsNode = Nodes.get(metadata, "labels");
            Map<String, String> labels = Nodes.stringMap(labelsNode, kind.labelsPath());
            LabelSelector selector = null;
            if (kind.selectorPath() != null) {
                Node selectorNode = Nodes.at(root, kind.selectorPath());
                selector = "ReplicationController".equals(object.kind())
                        ? emptyToNull(LabelSelector.of(Nodes.stringMap(selectorNode, kind.selectorPath())))
                        : Nodes.selector(selectorNode, kind.selectorPath());
            }
            String whyNoSlot = null;
            LabelSlot slot = null;
            if (anchored(template) || anchored(metadata) || anchored(labelsNode)) {
                whyNoSlot = "its pod template's labels are shared through a YAML anchor, so adding a label there "
                        + "would change other fields too";
            } else {
                slot = slot(template, metadata, labelsNode);
            }
            boolean hostNetwork = "true".equals(Nodes.string(Nodes.at(template, "spec.hostNetwork")));
            return new Workload(object, labels, kind.labelsPath(), slot, whyNoSlot, selector, hostNetwork);
        }

        private boolean anchored(Node node) {
            return node != null && node.getAnchor() != null;
        }

        private LabelSlot slot(Node template, Node metadata, Node labels) {
            if (labels != null) {
                return slotIn(labels, Shape.BLOCK_LABELS, Shape.FLOW_LABELS, Shape.NULL_LABELS, metadata, "labels");
            }
            if (metadata != null) {
                return slotIn(metadata, Shape.BLOCK_METADATA, Shape.FLOW_METADATA, Shape.NULL_METADATA, template,
                        "metadata");
            }
            return slotIn(template, Shape.BLOCK_TEMPLATE, Shape.FLOW_TEMPLATE, null, null, null);
        }

        /** Where to insert into {@code node}, a mapping or a null value of {@code key} in {@code parent}. */
        private LabelSlot slotIn(Node node, Shape block, Shape flow, Shape onNull, Node parent, String key) {
            if (node instanceof MappingNode mapping) {
                if (mapping.getFlowStyle() == DumperOptions.FlowStyle.FLOW || mapping.getValue().isEmpty()) {
                    int brace = text.indexOf('{', offset(mapping.getStartMark()));
                    return new LabelSlot(flow, brace + 1, 0, 0, mapping.getValue().isEmpty(), "");
                }
                Node firstKey = mapping.getValue().get(0).getKeyNode();
                Mark mark = firstKey.getStartMark();
                return new LabelSlot(block, offset(mark), 0, mark.getColumn(), false, "");
            }
            if (onNull != null && Nodes.isNull(node)) {
                int start = offset(node.getStartMark());
                int end = offset(node.getEndMark());
                if (end > start) {
                    return new LabelSlot(onNull, start, end - start, 0, false, "");
                }
                int after = offset(keyOf(parent, key).getEndMark());
                while (after < text.length() && (text.charAt(after) == ' ' || text.charAt(after) == '\t')) {
                    after++;
                }
                return after < text.length() && text.charAt(after) == ':'
                        ? new LabelSlot(onNull, after + 1, 0, 0, false, " ")
                        : new LabelSlot(onNull, offset(keyOf(parent, key).getEndMark()), 0, 0, false, ": ");
            }
            throw new ShapeException("has a pod template whose " + (key == null ? "template" : key)
                    + " is not a mapping", node);
        }

        private Node keyOf(Node parent, String key) {
            for (NodeTuple t : ((MappingNode) parent).getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())) {
                    return k;
                }
            }
            throw new IllegalStateException("key " + key + " not found");
        }

        /** A SnakeYAML mark (code points after the BOM) as a character offset into the document's text. */
        private int offset(Mark mark) {
            int index = mark.getIndex();
            return bomShift + (surrogates ? text.offsetByCodePoints(bomShift, index) - bomShift : index);
        }

        private NetworkPolicy policy(KubeObject object, Node root) {
            Node spec = Nodes.get(root, "spec");
            LabelSelector podSelector = Nodes.selector(Nodes.get(spec, "podSelector"), "spec.podSelector");
            List<Node> types = Nodes.list(Nodes.get(spec, "policyTypes"), "spec.policyTypes");
            List<Node> egressRules = Nodes.list(Nodes.get(spec, "egress"), "spec.egress");
            boolean ingress;
            boolean egress;
            if (types.isEmpty()) {
                ingress = true;
                egress = !egressRules.isEmpty();
            } else {
                List<String> names = types.stream().map(Nodes::string).toList();
                ingress = names.contains("Ingress");
                egress = names.contains("Egress");
            }
            return new NetworkPolicy(object, podSelector == null ? LabelSelector.EVERYTHING : podSelector,
                    ingress, egress,
                    peers(Nodes.list(Nodes.get(spec, "ingress"), "spec.ingress"), "from"),
                    peers(egressRules, "to"));
        }

        private List<NetworkPolicy.Peer> peers(List<Node> rules, String field) {
            List<NetworkPolicy.Peer> peers = new ArrayList<>();
            for (Node rule : rules) {
                List<Node> listed = Nodes.list(Nodes.get(rule, field), field);
                if (listed.isEmpty()) {
                    peers.add(new NetworkPolicy.Peer(true, null, null, null));
                }
                for (Node peer : listed) {
                    peers.add(new NetworkPolicy.Peer(false,
                            Nodes.selector(Nodes.get(peer, "podSelector"), field + ".podSelector"),
                            Nodes.selector(Nodes.get(peer, "namespaceSelector"), field + ".namespaceSelector"),
                            Nodes.string(Nodes.at(peer, "ipBlock.cidr"))));
                }
            }
            return peers;
        }

        private int hookWeight(String weight, Node root) {
            if (weight == null || weight.isBlank()) {
                return 0;
            }
            try {
                return Integer.parseInt(weight.strip());
            } catch (NumberFormatException e) {
                throw new ShapeException("has a " + HOOK_WEIGHT + " annotation that is not an integer: " + weight,
                        root);
            }
        }
    }

    private static List<String> hookEvents(String hook) {
        if (hook == null || hook.isBlank()) {
            return List.of();
        }
        return Arrays.stream(hook.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static LabelSelector emptyToNull(LabelSelector s) {
        return s.isEmpty() ? null : s;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }
}
