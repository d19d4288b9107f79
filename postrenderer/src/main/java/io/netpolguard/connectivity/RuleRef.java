package io.netpolguard.connectivity;

import io.netpolguard.model.Direction;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.NetworkPolicy;

import java.util.ArrayList;
import java.util.List;

/**
 * One rule of a policy: where it is, and what it says.
 *
 * @param policy    the policy
 * @param namespace the policy's namespace (as the {@link Network} names it)
 * @param direction ingress ({@code spec.ingress}) or egress ({@code spec.egress})
 * @param index     its 0-based position in that list
 * @param rule      the rule
 */
public record RuleRef(NetworkPolicy policy, String namespace, Direction direction, int index, NetworkPolicy.Rule rule) {

    /** "NetworkPolicy team-a/web spec.ingress[0]". */
    public String where() {
        return "NetworkPolicy " + namespace + "/" + policy.object().name() + " spec."
                + direction.lowerName() + "[" + index + "]";
    }

    /**
     * What the rule admits, in words: "from pods {app=web} of namespace team-a, on TCP 8080" or "to anywhere, on all
     * ports".
     */
    public String summary() {
        StringBuilder sb = new StringBuilder(direction.peerField()).append(' ');
        if (rule.anyPeer()) {
            sb.append("anywhere (every pod and every address)");
        } else {
            List<String> peers = new ArrayList<>();
            for (NetworkPolicy.Peer peer : rule.peers()) {
                peers.add(peer(peer, namespace));
            }
            sb.append(String.join("; ", peers));
        }
        sb.append(", on ");
        if (rule.ports().isEmpty()) {
            sb.append("all ports");
        } else {
            List<String> ports = new ArrayList<>();
            for (NetworkPolicy.Port p : rule.ports()) {
                if (p.port() == null) {
                    ports.add(p.protocol() + " (all ports)");
                } else if (p.port().isNamed()) {
                    ports.add(p.protocol() + " " + p.port().name() + " (named port)");
                } else if (p.endPort() > 0) {
                    ports.add(p.protocol() + " " + p.port().number() + "-" + p.endPort());
                } else {
                    ports.add(p.protocol() + " " + p.port().number());
                }
            }
            sb.append(String.join(", ", ports));
        }
        return sb.toString();
    }

    /** One peer in words: "every pod of namespace team-a", "pods {app=web} of every namespace", "10.0.0.0/8". */
    public static String peer(NetworkPolicy.Peer peer, String policyNamespace) {
        if (peer.ipBlock() != null) {
            NetworkPolicy.IpBlock b = peer.ipBlock();
            return b.cidr() + (b.except().isEmpty() ? "" : " except " + String.join(", ", b.except()));
        }
        if (peer.podSelector() == null && peer.namespaceSelector() == null) {
            return "nothing (a peer without selectors)";
        }
        String pods = peer.podSelector() == null || peer.podSelector().isEmpty() ? "every pod"
                : "pods {" + peer.podSelector() + "}";
        LabelSelector ns = peer.namespaceSelector();
        String namespaces = ns == null ? "of namespace " + policyNamespace
                : ns.isEmpty() ? "of every namespace" : "of namespaces {" + ns + "}";
        return pods + " " + namespaces;
    }
}
