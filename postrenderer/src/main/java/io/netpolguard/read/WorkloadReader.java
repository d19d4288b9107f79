package io.netpolguard.read;

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

    private static LabelSelector emptyToNull(LabelSelector s) {
        return s.isEmpty() ? null : s;
    }
}
