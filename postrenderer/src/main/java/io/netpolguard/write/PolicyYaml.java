package io.netpolguard.write;

import io.netpolguard.model.Direction;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.Labels;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.PortRange;
import io.netpolguard.plan.PolicySpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Renders a generated policy as a YAML document, always the same bytes for the same policy. */
public final class PolicyYaml {

    /** Why each rule is there, one line per rule; kept by Helm, kubectl and the cluster, unlike comments. */
    public static final String REASONS = "netpol-guard.io/reasons";

    private final boolean helmFilenames;

    /** @param helmFilenames name documents as Helm 4 does (the input's documents carry its filename annotation) */
    public PolicyYaml(boolean helmFilenames) {
        this.helmFilenames = helmFilenames;
    }

    /**
     * The document, starting with its {@code ---} line and a {@code # Source:} comment; under Helm 4 the annotation
     * Helm makes that comment from instead, so that the document has one name.
     */
    public String render(PolicySpec policy, String release) {
        String file = "netpol-guard/" + policy.name() + ".yaml";
        return "---\n" + (helmFilenames ? "" : "# Source: " + file + "\n")
                + BlockYaml.write(tree(policy, release, file));
    }

    /** The policy as plain maps and lists, in Kubernetes' field order. */
    private Map<String, Object> tree(PolicySpec policy, String release, String file) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", policy.name());
        if (!policy.namespace().isRelease()) {
            metadata.put("namespace", policy.namespace().written());
        }
        Map<String, Object> labels = new TreeMap<>();
        labels.put(Labels.GENERATED, "true");
        labels.put(Labels.RELEASE, release);
        metadata.put("labels", labels);
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put("netpol-guard.io/isolates", String.join(", ", policy.covers()));
        annotations.put(REASONS, new BlockYaml.Literal(reasons(policy)));
        if (policy.isHook()) {
            annotations.put("helm.sh/hook", String.join(",", policy.hookEvents()));
            annotations.put("helm.sh/hook-weight", Integer.toString(policy.hookWeight()));
            annotations.put("helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded");
        }
        if (helmFilenames) {
            annotations.put(KubeObject.HELM_FILENAME, file);
        }
        metadata.put("annotations", annotations);

        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("podSelector", selector(policy.podSelector()));
        List<String> types = new ArrayList<>();
        if (policy.ingress()) {
            types.add(Direction.INGRESS.wireName());
        }
        if (policy.egress()) {
            types.add(Direction.EGRESS.wireName());
        }
        spec.put("policyTypes", types);
        if (policy.ingress()) {
            spec.put("ingress", rules(policy.ingressRules(), "from"));
        }
        if (policy.egress()) {
            spec.put("egress", rules(policy.egressRules(), "to"));
        }

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("apiVersion", "networking.k8s.io/v1");
        root.put("kind", "NetworkPolicy");
        root.put("metadata", metadata);
        root.put("spec", spec);
        return root;
    }

    /** "ingress[0] release: pods of release shop reach each other", one line per rule. */
    private static String reasons(PolicySpec policy) {
        StringBuilder sb = new StringBuilder();
        reasons(policy.ingress() ? policy.ingressRules() : List.of(), "ingress", sb);
        reasons(policy.egress() ? policy.egressRules() : List.of(), "egress", sb);
        return sb.toString();
    }

    private static void reasons(List<PolicySpec.Rule> rules, String direction, StringBuilder sb) {
        for (int i = 0; i < rules.size(); i++) {
            sb.append(direction).append('[').append(i).append("] ").append(rules.get(i).reason().describe())
                    .append('\n');
        }
    }

    private static List<Object> rules(List<PolicySpec.Rule> rules, String peersKey) {
        List<Object> result = new ArrayList<>();
        for (PolicySpec.Rule rule : rules) {
            Map<String, Object> r = new LinkedHashMap<>();
            if (!rule.peers().isEmpty()) {
                r.put(peersKey, peers(rule.peers()));
            }
            if (!rule.ports().isEmpty()) {
                List<Object> ports = new ArrayList<>();
                for (PortRange p : rule.ports()) {
                    ports.add(port(p));
                }
                r.put("ports", ports);
            }
            result.add(r);
        }
        return result;
    }

    private static Map<String, Object> port(PortRange range) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("protocol", range.protocol().name());
        p.put("port", range.first());
        if (range.last() != range.first()) {
            p.put("endPort", range.last());
        }
        return p;
    }

    private static List<Object> peers(List<NetworkPolicy.Peer> peers) {
        List<Object> result = new ArrayList<>();
        for (NetworkPolicy.Peer peer : peers) {
            Map<String, Object> p = new LinkedHashMap<>();
            if (peer.ipBlock() != null) {
                Map<String, Object> block = new LinkedHashMap<>();
                block.put("cidr", peer.ipBlock().cidr());
                if (!peer.ipBlock().except().isEmpty()) {
                    block.put("except", peer.ipBlock().except());
                }
                p.put("ipBlock", block);
            }
            if (peer.namespaceSelector() != null) {
                p.put("namespaceSelector", selector(peer.namespaceSelector()));
            }
            if (peer.podSelector() != null) {
                p.put("podSelector", selector(peer.podSelector()));
            }
            result.add(p);
        }
        return result;
    }

    static Map<String, Object> selector(LabelSelector selector) {
        Map<String, Object> s = new LinkedHashMap<>();
        if (!selector.matchLabels().isEmpty()) {
            s.put("matchLabels", new LinkedHashMap<>(selector.matchLabels()));
        }
        if (!selector.expressions().isEmpty()) {
            List<Object> expressions = new ArrayList<>();
            for (LabelSelector.Requirement r : selector.expressions()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("key", r.key());
                e.put("operator", r.operator().wireName());
                if (!r.values().isEmpty()) {
                    e.put("values", r.values());
                }
                expressions.add(e);
            }
            s.put("matchExpressions", expressions);
        }
        return s;
    }
}
