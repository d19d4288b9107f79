package io.netpolguard.read;

import io.netpolguard.model.Binding;
import io.netpolguard.model.ConfigData;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.Monitor;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.RawDocument;
import io.netpolguard.model.Service;
import io.netpolguard.model.ServiceReference;
import io.netpolguard.model.Workload;
import io.netpolguard.model.WorkloadKind;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the node trees of one document into the objects netpol-guard understands, by kind. */
final class ObjectReader {

    private static final String HOOK = "helm.sh/hook";
    private static final String HOOK_WEIGHT = "helm.sh/hook-weight";
    /** A List may hold Lists; more than this many levels is not a manifest. */
    private static final int MAX_LIST_DEPTH = 4;

    final List<KubeObject> objects = new ArrayList<>();
    final List<Workload> workloads = new ArrayList<>();
    final List<NetworkPolicy> policies = new ArrayList<>();
    final List<Service> services = new ArrayList<>();
    final List<ServiceReference> references = new ArrayList<>();
    final List<Monitor> monitors = new ArrayList<>();
    final List<Binding> bindings = new ArrayList<>();
    final List<ConfigData> configData = new ArrayList<>();
    final Map<String, Map<String, String>> namespaces = new LinkedHashMap<>();
    /** Whether an object carries Helm 4's file name annotation. */
    boolean helmFilenames;

    private final RawDocument document;
    private final List<WorkloadKind> workloadKinds;
    /** Whether to read what pods are given, and ConfigMaps and Secrets (to segregate the release). */
    private final boolean inputs;
    /** The text of the document being read; not kept afterwards. */
    private DocumentText text;

    ObjectReader(RawDocument document, List<WorkloadKind> workloadKinds, boolean inputs) {
        this.document = document;
        this.workloadKinds = workloadKinds;
        this.inputs = inputs;
    }

    /** Reads the objects of one root node of the document, whose text is {@code text}. */
    void read(Node root, DocumentText text) {
        this.text = text;
        try {
            read(root, 0, null, null);
        } finally {
            this.text = null;
        }
    }

    /**
     * @param listKind       the kind of the typed list the object is an item of ("PodList"), or null: an item
     *                       without kind takes the kind the list is named after, as kubectl reads it
     * @param listApiVersion that list's apiVersion, which such an item takes too
     */
    private void read(Node root, int depth, String listKind, String listApiVersion) {
        String apiVersion = Nodes.string(Nodes.get(root, "apiVersion"));
        String kind = Nodes.string(Nodes.get(root, "kind"));
        if (kind == null && listKind != null) {
            kind = listKind.substring(0, listKind.length() - "List".length());
            apiVersion = apiVersion == null ? listApiVersion : apiVersion;
        }
        if (kind == null) {
            throw new ShapeException("has no kind; every Kubernetes object needs apiVersion and kind", root);
        }
        Node items = Nodes.get(root, "items");
        if (kind.endsWith("List") && items instanceof SequenceNode list && depth < MAX_LIST_DEPTH) {
            String itemsOf = kind.length() > "List".length() ? kind : null;
            for (Node item : list.getValue()) {
                if (!(item instanceof MappingNode)) {
                    throw new ShapeException("has an item in its " + kind + " that is not an object", item);
                }
                read(item, depth + 1, itemsOf, apiVersion);
            }
            return;
        }
        if (apiVersion == null) {
            throw new ShapeException("is a " + kind + " without apiVersion", root);
        }
        Node metadata = Nodes.get(root, "metadata");
        Map<String, String> annotations = Nodes.stringMap(Nodes.get(metadata, "annotations"),
                "metadata.annotations");
        boolean helmNamed = annotations.containsKey(KubeObject.HELM_FILENAME);
        KubeObject object = new KubeObject(document, apiVersion, kind,
                Nodes.string(Nodes.get(metadata, "name")),
                Nodes.nonEmptyString(Nodes.get(metadata, "namespace")),
                Nodes.stringMap(Nodes.get(metadata, "labels"), "metadata.labels"),
                hookEvents(annotations.get(HOOK)), hookWeight(annotations.get(HOOK_WEIGHT), root),
                helmNamed ? annotations.get(KubeObject.HELM_FILENAME) : document.source());
        objects.add(object);
        helmFilenames |= helmNamed;
        String group = object.group();
        for (WorkloadKind workloadKind : workloadKinds) {
            if (workloadKind.matches(group, kind)) {
                Workload w = new WorkloadReader(text, inputs).read(object, workloadKind, root);
                if (w != null) { // null: a configured kind whose object takes its pod template from another
                    workloads.add(w);
                    return;
                }
            }
        }
        WorkloadKind guessed = WorkloadReader.guess(object, root, WorkloadKind.coversOthers(workloadKinds));
        if (guessed != null) {
            workloads.add(new WorkloadReader(text, inputs).read(object, guessed, root));
            return;
        }
        switch (group) {
            case "" -> {
                if ("Service".equals(kind)) {
                    services.add(ServiceReader.service(object, root, annotations));
                } else if ("Namespace".equals(kind) && object.name() != null) {
                    namespaces.put(object.name(), object.labels());
                } else if (inputs) {
                    add(configData, InputReader.config(object, root));
                }
            }
            case "monitoring.coreos.com" -> add(monitors, ServiceReader.monitor(object, root));
            case "rbac.authorization.k8s.io" -> add(bindings, ServiceReader.binding(object, root));
            default -> {
                if ("NetworkPolicy".equals(kind) && (group.equals("networking.k8s.io") || group.equals("extensions"))) {
                    policies.add(PolicyReader.read(object, root));
                } else {
                    ServiceReader.references(object, group, root, references);
                }
            }
        }
    }

    private static <T> void add(List<T> list, T item) {
        if (item != null) {
            list.add(item);
        }
    }

    private static int hookWeight(String weight, Node root) {
        if (weight == null || weight.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(weight.strip());
        } catch (NumberFormatException e) {
            throw new ShapeException("has a " + HOOK_WEIGHT + " annotation that is not an integer: " + weight, root);
        }
    }

    private static List<String> hookEvents(String hook) {
        if (hook == null || hook.isBlank()) {
            return List.of();
        }
        return Arrays.stream(hook.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
