package io.netpolguard.read;

import io.netpolguard.model.ContainerPort;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.LabelSlot;
import io.netpolguard.model.LabelSlot.Shape;
import io.netpolguard.model.PodSpec;
import io.netpolguard.model.Protocol;
import io.netpolguard.model.Workload;
import io.netpolguard.model.WorkloadKind;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads an object that creates pods: its pod labels, where a label can be added, and its pods' traffic. */
final class WorkloadReader {

    private final DocumentText text;
    /** Whether to read what the pods are given (to segregate the release). */
    private final boolean inputs;

    WorkloadReader(DocumentText text, boolean inputs) {
        this.text = text;
        this.inputs = inputs;
    }

    Workload read(KubeObject object, WorkloadKind kind, Node root) {
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
        String prefix = kind.podTemplatePath().isEmpty() ? "" : kind.podTemplatePath() + ".";
        PodSpec pod = podSpec(template, metadata, prefix);
        if (inputs) {
            pod = new PodSpec(pod.annotations(), pod.ports(), pod.serviceAccount(), pod.hostNetwork(),
                    InputReader.pod(Nodes.get(template, "spec"), Nodes.get(root, "spec")));
        }
        Workload.Owner owner = kind.podTemplatePath().isEmpty() ? owner(Nodes.get(root, "metadata")) : null;
        return new Workload(object, labels, kind.labelsPath(), slot, whyNoSlot, selector, pod, owner);
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

    private static boolean anchored(Node node) {
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
        String t = text.text;
        if (node instanceof MappingNode mapping) {
            if (mapping.getFlowStyle() == DumperOptions.FlowStyle.FLOW || mapping.getValue().isEmpty()) {
                int brace = t.indexOf('{', text.offset(mapping.getStartMark()));
                return new LabelSlot(flow, brace + 1, 0, 0, mapping.getValue().isEmpty(), "");
            }
            Node firstKey = mapping.getValue().get(0).getKeyNode();
            Mark mark = firstKey.getStartMark();
            return new LabelSlot(block, text.offset(mark), 0, mark.getColumn(), false, "");
        }
        if (onNull != null && Nodes.isNull(node)) {
            int start = text.offset(node.getStartMark());
            int end = text.offset(node.getEndMark());
            if (end > start) {
                return new LabelSlot(onNull, start, end - start, 0, false, "");
            }
            int after = text.offset(keyOf(parent, key).getEndMark());
            while (after < t.length() && (t.charAt(after) == ' ' || t.charAt(after) == '\t')) {
                after++;
            }
            return after < t.length() && t.charAt(after) == ':'
                    ? new LabelSlot(onNull, after + 1, 0, 0, false, " ")
                    : new LabelSlot(onNull, text.offset(keyOf(parent, key).getEndMark()), 0, 0, false, ": ");
        }
        throw new ShapeException("has a pod template whose " + (key == null ? "template" : key)
                + " is not a mapping", node);
    }

    private static Node keyOf(Node parent, String key) {
        for (NodeTuple t : ((MappingNode) parent).getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())) {
                return k;
            }
        }
        throw new IllegalStateException("key " + key + " not found");
    }

    private static LabelSelector emptyToNull(LabelSelector s) {
        return s.isEmpty() ? null : s;
    }
}
