package io.netpolguard.read;

import io.netpolguard.error.InputException;
import io.netpolguard.model.ContainerPort;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.LabelSlot;
import io.netpolguard.model.PodSpec;
import io.netpolguard.model.Protocol;
import io.netpolguard.model.Workload;
import io.netpolguard.model.WorkloadKind;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an object that creates pods: its pod labels, where a label can be added, and its pods' traffic. Also makes
 * out, for an object of a kind that is neither built in nor configured, whether it has a pod template.
 */
final class WorkloadReader {

    private final DocumentText text;
    /** Whether to read what the pods are given (to segregate the release). */
    private final boolean inputs;

    WorkloadReader(DocumentText text, boolean inputs) {
        this.text = text;
        this.inputs = inputs;
    }

    /** The workload; null for an object of a configured kind that takes its pod template from another object. */
    Workload read(KubeObject object, WorkloadKind kind, Node root) {
        if (object.name() == null) {
            throw new ShapeException("is a " + object.kind() + " without metadata.name", root);
        }
        Node template = Nodes.at(root, kind.podTemplatePath());
        if (!(template instanceof MappingNode)) {
            if (!isBuiltIn(kind)) {
                return withoutTemplate(object, kind, root);
            }
            throw new ShapeException("is a " + object.kind() + " " + object.name() + " without a pod template at "
                    + kind.podTemplatePath(), root);
        }
        Node metadata = Nodes.get(template, "metadata");
        Node labelsNode = Nodes.get(metadata, "labels");
        Map<String, String> labels = Nodes.stringMap(labelsNode, kind.labelsPath());
        LabelSelector selector = null;
        if (kind.selectorPath() != null) {
            Node selectorNode = Nodes.at(root, kind.selectorPath());
            selector = WorkloadKind.REPLICATION_CONTROLLER.equals(object.kind())
                    || (kind.guessed() && isLabelMap(selectorNode))
                    ? emptyToNull(LabelSelector.of(Nodes.stringMap(selectorNode, kind.selectorPath())))
                    : Nodes.selector(selectorNode, kind.selectorPath());
        }
        LabelSlots slots = new LabelSlots(text);
        LabelSlot slot = slots.find(root, kind.podTemplatePath(), template);
        String whyNoSlot = slots.whyNot;
        String prefix = kind.podTemplatePath().isEmpty() ? "" : kind.podTemplatePath() + ".";
        PodSpec pod = podSpec(template, metadata, prefix);
        if (inputs) {
            pod = new PodSpec(pod.annotations(), pod.ports(), pod.serviceAccount(), pod.hostNetwork(),
                    InputReader.pod(Nodes.get(template, "spec"), Nodes.get(root, "spec")));
        }
        Workload.Owner owner = kind.podTemplatePath().isEmpty() ? owner(Nodes.get(root, "metadata")) : null;
        return new Workload(object, labels, kind.labelsPath(), slot, whyNoSlot, selector, pod, owner,
                kind.guessed() ? kind : null);
    }

    /**
     * An object of a configured kind without a pod template where the configuration says: none when it takes its pods'
     * template from another object ({@code spec.workloadRef}, as an Argo Rollout may: Argo copies the referenced
     * Deployment's template, whose labels netpol-guard sets where that Deployment is in the release); otherwise the
     * configuration or the chart is wrong.
     */
    private static Workload withoutTemplate(KubeObject object, WorkloadKind kind, Node root) {
        if (Nodes.get(Nodes.get(root, "spec"), "workloadRef") instanceof MappingNode) {
            return null;
        }
        throw new InputException(capitalize(object.document().describe()) + " is " + object.kind() + " "
                + object.name() + " (" + object.apiVersion() + "), which has no pod template at "
                + kind.podTemplatePath() + ", where workloadKinds in the configuration says its kind has one.",
                "Fix that entry's podTemplatePath (a dotted path such as spec.template), or the chart.");
    }

    /**
     * The kind of an object that no built-in or configured kind matched, as a workload kind, when it has a pod
     * template with containers where the built-in kinds have theirs; null when it has none. Its selector is
     * {@code spec.selector} beside a {@code spec.template} when that is a label selector or a map of labels.
     *
     * @param coverOthers false when such objects are to be refused ({@code coverUnknownKinds: false})
     * @throws InputException when the object has a pod template and {@code coverOthers} is false
     */
    static WorkloadKind guess(KubeObject object, Node root, boolean coverOthers) {
        if (object.group().isEmpty() || object.name() == null) {
            return null; // Kubernetes' core kinds are all known; an object without a name is no workload Helm installs
        }
        for (String path : WorkloadKind.TEMPLATE_PATHS) {
            Node template = Nodes.at(root, path);
            if (template instanceof MappingNode && Nodes.get(Nodes.get(template, "spec"), "containers")
                    instanceof SequenceNode) {
                String selectorPath = path.equals("spec.template") && isSelector(Nodes.at(root, "spec.selector"))
                        ? "spec.selector" : null;
                WorkloadKind kind = new WorkloadKind(Set.of(object.group()), object.kind(), path, selectorPath, true);
                if (!coverOthers) {
                    throw refusal(object, kind);
                }
                return kind;
            }
        }
        return null;
    }

    /** A kind with a pod template, refused: {@code coverUnknownKinds: false}. */
    private static InputException refusal(KubeObject object, WorkloadKind kind) {
        return new InputException(capitalize(object.document().describe()) + " is " + object.kind() + " "
                + object.name() + " (" + object.apiVersion() + "), a kind netpol-guard does not know, with a pod template"
                + " at " + kind.podTemplatePath() + ". With coverUnknownKinds: false netpol-guard covers only the"
                + " built-in kinds and those under workloadKinds, so its pods would be selected by no NetworkPolicy.",
                "List the kind in the configuration: `workloadKinds: [" + kind.entry(object.apiVersion()) + "]`, or set"
                        + " `coverUnknownKinds: true` (the default) to cover such kinds by their pod template.");
    }

    /** A label selector (matchLabels, matchExpressions), or a map of labels as a ReplicationController has. */
    private static boolean isSelector(Node node) {
        if (!(node instanceof MappingNode m) || m.getValue().isEmpty()) {
            return false;
        }
        if (isLabelMap(node)) {
            return true;
        }
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)
                    || !(k.getValue().equals("matchLabels") || k.getValue().equals("matchExpressions"))) {
                return false;
            }
        }
        return true;
    }

    /** A mapping of scalars other than matchLabels and matchExpressions: labels, as a ReplicationController's. */
    private static boolean isLabelMap(Node node) {
        if (!(node instanceof MappingNode m)) {
            return false;
        }
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k) || !(t.getValueNode() instanceof ScalarNode)
                    || k.getValue().equals("matchLabels") || k.getValue().equals("matchExpressions")) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBuiltIn(WorkloadKind kind) {
        for (WorkloadKind k : WorkloadKind.BUILT_IN) {
            if (k == kind) {
                return true;
            }
        }
        return false;
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static PodSpec podSpec(Node template, Node metadata, String prefix) {
        Node spec = Nodes.get(template, "spec");
        List<ContainerPort> ports = new ArrayList<>();
        for (String list : new String[] {"containers", "initContainers"}) {
            for (Node container : Nodes.list(Nodes.get(spec, list), prefix + "spec." + list)) {
                String containerName = Nodes.string(Nodes.get(container, "name"));
                for (Node port : Nodes.list(Nodes.get(container, "ports"), prefix + "spec." + list + ".ports")) {
                    Integer number = Nodes.integer(Nodes.get(port, "containerPort"), "containerPort");
                    if (number == null) {
                        continue; // Kubernetes refuses it; nothing listens there
                    }
                    Integer hostPort = Nodes.integer(Nodes.get(port, "hostPort"), "hostPort");
                    Protocol protocol = Nodes.protocol(port, "has a container port with the protocol ");
                    ports.add(new ContainerPort(containerName, Nodes.string(Nodes.get(port, "name")), number,
                            protocol, hostPort == null ? 0 : hostPort));
                }
            }
        }
        String account = Nodes.nonEmptyString(Nodes.get(spec, "serviceAccountName"));
        if (account == null) {
            account = Nodes.nonEmptyString(Nodes.get(spec, "serviceAccount"));
        }
        boolean hostNetwork = "true".equals(Nodes.string(Nodes.get(spec, "hostNetwork")));
        return new PodSpec(Nodes.stringMap(Nodes.get(metadata, "annotations"), prefix + "metadata.annotations"),
                List.copyOf(ports), account == null ? "default" : account, hostNetwork);
    }

    /** The first owner reference with controller: true, as netpol-analyzer folds pods into their owners. */
    private static Workload.Owner owner(Node metadata) {
        for (Node ref : Nodes.list(Nodes.get(metadata, "ownerReferences"), "metadata.ownerReferences")) {
            String name = Nodes.nonEmptyString(Nodes.get(ref, "name"));
            if ("true".equals(Nodes.string(Nodes.get(ref, "controller"))) && name != null) {
                return new Workload.Owner(Nodes.nonEmptyString(Nodes.get(ref, "kind")), name);
            }
        }
        return null;
    }

    private static LabelSelector emptyToNull(LabelSelector s) {
        return s.isEmpty() ? null : s;
    }
}
