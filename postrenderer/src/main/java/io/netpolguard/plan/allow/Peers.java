package io.netpolguard.plan.allow;

import io.netpolguard.config.Cidr;
import io.netpolguard.config.ClusterPeer;
import io.netpolguard.config.Flow;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.Labels;
import io.netpolguard.model.NetworkPolicy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The NetworkPolicy peers that configured peers stand for, and how they read. */
public final class Peers {

    private Peers() {
    }

    /** The pods of a namespace given by name, through the label Kubernetes puts on every namespace. */
    public static LabelSelector namespaceNamed(String namespace) {
        return LabelSelector.of(Map.of(Labels.NAMESPACE_NAME, namespace));
    }

    /** An IP block per address range, with no exceptions. */
    static List<NetworkPolicy.Peer> addresses(List<String> cidrs) {
        List<NetworkPolicy.Peer> result = new ArrayList<>(cidrs.size());
        for (String cidr : cidrs) {
            result.add(new NetworkPolicy.Peer(null, null, new NetworkPolicy.IpBlock(cidr, List.of())));
        }
        return List.copyOf(result);
    }

    /** The namespace a namespace selector names alone, as {@link #namespaceNamed} writes it; null for any other. */
    public static String namespaceName(LabelSelector namespaces) {
        return namespaces.expressions().isEmpty() && namespaces.matchLabels().size() == 1
                ? namespaces.matchLabels().get(Labels.NAMESPACE_NAME) : null;
    }

    static List<NetworkPolicy.Peer> of(ClusterPeer peer) {
        if (!peer.cidrs().isEmpty()) {
            return addresses(peer.cidrs());
        }
        return List.of(new NetworkPolicy.Peer(LabelSelector.of(peer.podLabels()),
                peer.namespace() == null ? LabelSelector.EVERYTHING : namespaceNamed(peer.namespace()), null));
    }

    static List<NetworkPolicy.Peer> of(List<ClusterPeer> peers) {
        List<NetworkPolicy.Peer> result = new ArrayList<>();
        peers.forEach(p -> result.addAll(of(p)));
        return List.copyOf(result);
    }

    static List<NetworkPolicy.Peer> of(Flow.Peer peer) {
        if (!peer.cidrs().isEmpty()) {
            List<NetworkPolicy.Peer> result = new ArrayList<>();
            for (String cidr : peer.cidrs()) {
                List<String> except = peer.except().stream().filter(e -> Cidr.contains(cidr, e)).toList();
                result.add(new NetworkPolicy.Peer(null, null, new NetworkPolicy.IpBlock(cidr, except)));
            }
            return result;
        }
        LabelSelector namespaces = peer.namespace() != null ? namespaceNamed(peer.namespace())
                : peer.namespaceLabels() != null ? LabelSelector.of(peer.namespaceLabels()) : null;
        LabelSelector pods = peer.release() != null ? LabelSelector.of(Map.of(Labels.RELEASE, peer.release()))
                : peer.podLabels() != null ? LabelSelector.of(peer.podLabels()) : null;
        return List.of(new NetworkPolicy.Peer(pods, namespaces, null));
    }

    /** "pods {app.kubernetes.io/name=ingress-nginx} in namespace ingress-nginx", "10.0.0.0/8". */
    public static String describe(NetworkPolicy.Peer peer) {
        if (peer.ipBlock() != null) {
            return peer.ipBlock().cidr() + (peer.ipBlock().except().isEmpty() ? ""
                    : " except " + String.join(", ", peer.ipBlock().except()));
        }
        LabelSelector selector = peer.podSelector();
        String workload = selector == null || !selector.expressions().isEmpty() ? null
                : selector.matchLabels().get(Labels.WORKLOAD);
        String pods = selector == null || selector.isEmpty() ? "every pod"
                : workload != null && selector.matchLabels().size() == 2 && selector.matchLabels().containsKey(Labels.RELEASE)
                ? "the pods of " + workload // a workload's own pods, as netpol-guard labels them
                : "pods {" + selector + "}";
        LabelSelector ns = peer.namespaceSelector();
        if (ns == null) {
            return workload != null && pods.startsWith("the pods of ") ? pods : pods + " of the policy's namespace";
        }
        if (ns.isEmpty()) {
            return pods + " in any namespace";
        }
        String name = namespaceName(ns);
        return pods + (name != null ? " in namespace " + name : " in namespaces {" + ns + "}");
    }
}
