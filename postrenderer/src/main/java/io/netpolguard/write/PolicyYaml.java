package io.netpolguard.write;

import io.netpolguard.config.Config;
import io.netpolguard.config.DnsTarget;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.Labels;
import io.netpolguard.plan.PolicySpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Renders a generated policy as a YAML document, always the same bytes for the same policy. */
public final class PolicyYaml {

    private final Config config;

    public PolicyYaml(Config config) {
        this.config = config;
    }

    /** The document, starting with its {@code ---} line and a {@code # Source:} comment. */
    public String render(PolicySpec policy, String release) {
        return "---\n# Source: netpol-guard/" + policy.name() + ".yaml\n" + BlockYaml.write(tree(policy, release));
    }

    /** The policy as plain maps and lists, in Kubernetes' field order. */
    private Map<String, Object> tree(PolicySpec policy, String release) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", policy.name());
        if (policy.namespace() != null) {
            metadata.put("namespace", policy.namespace());
        }
        Map<String, Object> labels = new TreeMap<>();
        labels.put(Labels.GENERATED, "true");
        labels.put(Labels.RELEASE, release);
        metadata.put("labels", labels);
        Map<String, Object> annotations = new LinkedHashMap<>();
        annotations.put("netpol-guard.io/isolates", String.join(", ", policy.covers()));
        if (policy.isHook()) {
            annotations.put("helm.sh/hook", String.join(",", policy.hookEvents()));
            annotations.put("helm.sh/hook-weight", Integer.toString(policy.hookWeight()));
            annotations.put("helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded");
        }
        metadata.put("annotations", annotations);

        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("podSelector", selector(policy.podSelector()));
        List<String> types = new ArrayList<>();
        if (policy.ingress()) {
            types.add("Ingress");
        }
        if (policy.egress()) {
            types.add("Egress");
        }
        spec.put("policyTypes", types);
        if (policy.ingress()) {
            List<Object> rules = new ArrayList<>();
            if (!policy.peers().isEmpty()) {
                rules.add(Map.of("from", peers(policy.peers())));
            }
            rules.addAll(config.allowIngress());
            spec.put("ingress", rules);
        }
        if (policy.egress()) {
            List<Object> rules = new ArrayList<>();
            if (!policy.peers().isEmpty()) {
                rules.add(Map.of("to", peers(policy.peers())));
            }
            DnsTarget dns = config.dns();
            if (dns != null) {
                Map<String, Object> peer = new LinkedHashMap<>();
                peer.put("namespaceSelector", Map.of("matchLabels", Map.of(Labels.NAMESPACE_NAME, dns.namespace())));
                peer.put("podSelector", Map.of("matchLabels", new TreeMap<>(dns.podLabels())));
                Map<String, Object> rule = new LinkedHashMap<>();
                rule.put("to", List.of(peer));
                rule.put("ports", List.of(port("UDP", dns.port()), port("TCP", dns.port())));
                rules.add(rule);
            }
            rules.addAll(config.allowEgress());
            spec.put("egress", rules);
        }

        Map<String, Object> root = new LinkedHashMap<>();
        root.put("apiVersion", "networking.k8s.io/v1");
        root.put("kind", "NetworkPolicy");
        root.put("metadata", metadata);
        root.put("spec", spec);
        return root;
    }

    private static Map<String, Object> port(String protocol, int port) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("protocol", protocol);
        p.put("port", port);
        return p;
    }

    private static List<Object> peers(List<PolicySpec.Peer> peers) {
        List<Object> result = new ArrayList<>();
        for (PolicySpec.Peer peer : peers) {
            Map<String, Object> p = new LinkedHashMap<>();
            if (peer.namespace() != null) {
                p.put("namespaceSelector", Map.of("matchLabels", Map.of(Labels.NAMESPACE_NAME, peer.namespace())));
            }
            p.put("podSelector", selector(peer.pods()));
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
