package io.netpolguard.testing;

import java.util.List;
import java.util.Map;

/**
 * A NetworkPolicy. Its spec is what a test says: {@link #selects} (matchLabels) or {@link #selectsAll()} for the
 * podSelector, {@link #types} for policyTypes, and {@link #spec(String)} for rules or any spec written out in YAML.
 */
public final class PolicyYaml extends ObjectYaml<PolicyYaml> {

    private Map<String, String> podSelector;
    private List<String> types;
    private String spec = "";

    PolicyYaml(String name) {
        super("networking.k8s.io/v1", "NetworkPolicy", name);
    }

    /** {@code podSelector: {matchLabels: ...}}. */
    public PolicyYaml selects(String... keysAndValues) {
        this.podSelector = pairs(keysAndValues);
        return this;
    }

    /** {@code podSelector: {}}: every pod of its namespace. */
    public PolicyYaml selectsAll() {
        this.podSelector = Map.of();
        return this;
    }

    /** {@code policyTypes}: Ingress, Egress or both. */
    public PolicyYaml types(String... types) {
        this.types = List.of(types);
        return this;
    }

    /** Spec YAML (rules, or the whole spec) written after the podSelector and policyTypes given. */
    public PolicyYaml spec(String yaml) {
        this.spec = yaml;
        return this;
    }

    @Override
    void content(StringBuilder sb) {
        sb.append("spec:\n");
        if (podSelector != null) {
            if (podSelector.isEmpty()) {
                sb.append("  podSelector: {}\n");
            } else {
                sb.append("  podSelector:\n");
                mapping(sb, 4, "matchLabels", podSelector);
            }
        }
        if (types != null) {
            sb.append("  policyTypes: [").append(String.join(", ", types)).append("]\n");
        }
        sb.append(indented(spec, 2));
    }
}
