package io.netpolguard.read;

import io.netpolguard.model.Direction;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.PortRef;
import io.netpolguard.model.Protocol;
import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.List;

/** Reads a NetworkPolicy: what it selects, which directions it isolates, and every rule. */
final class PolicyReader {

    private PolicyReader() {
    }

    static NetworkPolicy read(KubeObject object, Node root) {
        Node spec = Nodes.get(root, "spec");
        LabelSelector podSelector = Nodes.selector(Nodes.get(spec, "podSelector"), "spec.podSelector");
        List<Node> types = Nodes.list(Nodes.get(spec, "policyTypes"), "spec.policyTypes");
        List<Node> egressRules = Nodes.list(Nodes.get(spec, "egress"), "spec.egress");
        boolean ingress;
        boolean egress;
        if (types.isEmpty()) {
            // Kubernetes' defaulting: Ingress always, Egress when the policy has egress rules.
            ingress = true;
            egress = !egressRules.isEmpty();
        } else {
            ingress = false;
            egress = false;
            for (Node type : types) {
                String name = Nodes.string(type);
                ingress |= Direction.INGRESS.wireName().equals(name);
                egress |= Direction.EGRESS.wireName().equals(name);
            }
        }
        return new NetworkPolicy(object, podSelector == null ? LabelSelector.EVERYTHING : podSelector,
                ingress, egress,
                rules(Nodes.list(Nodes.get(spec, "ingress"), "spec.ingress"), "from", "spec.ingress"),
                rules(egressRules, "to", "spec.egress"));
    }

    private static List<NetworkPolicy.Rule> rules(List<Node> rules, String field, String path) {
        List<NetworkPolicy.Rule> result = new ArrayList<>(rules.size());
        for (Node rule : rules) {
            List<NetworkPolicy.Peer> peers = new ArrayList<>();
            for (Node peer : Nodes.list(Nodes.get(rule, field), path + "." + field)) {
                peers.add(new NetworkPolicy.Peer(
                        Nodes.selector(Nodes.get(peer, "podSelector"), field + ".podSelector"),
                        Nodes.selector(Nodes.get(peer, "namespaceSelector"), field + ".namespaceSelector"),
                        ipBlock(Nodes.get(peer, "ipBlock"), field)));
            }
            List<NetworkPolicy.Port> ports = new ArrayList<>();
            for (Node port : Nodes.list(Nodes.get(rule, "ports"), path + ".ports")) {
                Protocol protocol = Nodes.protocol(port, path + ".ports has the protocol ");
                PortRef number = Nodes.portRef(Nodes.get(port, "port"), path + ".ports.port");
                Integer endPort = Nodes.integer(Nodes.get(port, "endPort"), path + ".ports.endPort");
                ports.add(new NetworkPolicy.Port(protocol, number, endPort == null ? 0 : endPort));
            }
            result.add(new NetworkPolicy.Rule(List.copyOf(peers), List.copyOf(ports)));
        }
        return List.copyOf(result);
    }

    private static NetworkPolicy.IpBlock ipBlock(Node node, String field) {
        if (Nodes.isNull(node)) {
            return null;
        }
        String cidr = Nodes.string(Nodes.get(node, "cidr"));
        if (cidr == null || cidr.isEmpty()) {
            throw new ShapeException(field + ".ipBlock needs a cidr", node);
        }
        return new NetworkPolicy.IpBlock(cidr, Nodes.strings(Nodes.get(node, "except"), field + ".ipBlock.except"));
    }
}
