package io.netpolguard.export;

import java.util.Locale;

/** What an export is packaged for. */
public enum ExportFormat {

    /**
     * A kustomize Component: {@code kustomization.yaml} ({@code kind: Component}, the label changes as patches) and
     * {@code networkpolicies.yaml} (its resources), included beside {@code helmCharts:} with one
     * {@code components:} line.
     */
    COMPONENT("component"),

    /**
     * For Flux: {@code helmrelease-patch.yaml} (the label changes as a HelmRelease's
     * {@code spec.postRenderers[].kustomize.patches}) and {@code policies/} (the NetworkPolicies, a kustomization for a
     * Flux Kustomization).
     */
    FLUX("flux");

    private final String key;

    ExportFormat(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The format named {@code key} (any case), or null. */
    public static ExportFormat of(String key) {
        for (ExportFormat f : values()) {
            if (f.key.equals(key.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        return null;
    }
}
