package io.netpolguard.export;

import io.netpolguard.Result;
import io.netpolguard.config.Words;
import io.netpolguard.plan.PolicySpec;
import io.netpolguard.write.PolicyYaml;
import io.netpolguard.yaml.Scalar;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What GitOps tools that cannot run a post-renderer apply instead of it, from one run of the core: the NetworkPolicies
 * the post-renderer appends (the same documents, byte for byte, as Helm 3 gets them) and the labels it adds to pod
 * templates, as kustomize patches (one per workload, {@link LabelPatch}). Packaged as a kustomize Component, or for
 * Flux as a HelmRelease's post-renderer patches and a folder of policies for a Kustomization.
 *
 * <p>Nothing here knows the command line or Maven; adapters write {@link #files()} with {@link ExportFiles}.
 *
 * @param files the files to write, by path relative to the export folder ({@code /} separated), in writing order
 */
public record GitOpsExport(Map<String, String> files) {

    public static final String POLICIES = "networkpolicies.yaml";
    public static final String KUSTOMIZATION = "kustomization.yaml";
    public static final String HELMRELEASE_PATCH = "helmrelease-patch.yaml";
    public static final String FLUX_POLICIES = "policies/";

    /**
     * @param result    an accepted run of the core (not refused, not check-only)
     * @param format    how to package it
     * @param namespace the release namespace given, or null: for Flux, the policies' namespace where they name none
     * @param madeBy    how the files were made, for their first comment line, e.g. {@code netpol-guard export
     *                  --release=shop --segregate}
     * @param words     how the front end names its settings, in the files' comments
     */
    public static GitOpsExport of(Result result, ExportFormat format, String namespace, String madeBy, Words words) {
        List<LabelPatch> patches = LabelPatch.of(result.writer().labelAdds());
        String release = result.release() == null ? "(none)" : result.release();
        String header = "# " + Yaml.comment(madeBy) + "\n"
                + "# Written by netpol-guard for release " + Yaml.comment(release)
                + ": do not edit; export again when the chart, its values or the options change.\n";
        String policies = policies(result, header);
        Map<String, String> files = new LinkedHashMap<>();
        if (format == ExportFormat.COMPONENT) {
            files.put(KUSTOMIZATION, component(patches, header, words));
            files.put(POLICIES, policies);
        } else {
            files.put(HELMRELEASE_PATCH, helmRelease(patches, release, header, words));
            files.put(FLUX_POLICIES + KUSTOMIZATION, fluxPolicies(namespace, header, words));
            files.put(FLUX_POLICIES + POLICIES, policies);
        }
        return new GitOpsExport(files);
    }

    /** The generated policies, each as the post-renderer appends it under Helm 3 (a {@code # Source:} comment). */
    private static String policies(Result result, String header) {
        StringBuilder sb = new StringBuilder(header);
        if (result.generated().isEmpty()) {
            sb.append("# (no NetworkPolicy: nothing in the stream needs one)\n");
        }
        PolicyYaml yaml = new PolicyYaml(false);
        for (PolicySpec p : result.generated()) {
            sb.append(yaml.render(p, result.release()));
        }
        return sb.toString();
    }

    private static String component(List<LabelPatch> patches, String header, Words words) {
        StringBuilder sb = new StringBuilder(header);
        sb.append("""
                # A kustomize Component: include it beside helmCharts (or the chart's rendered manifests) with
                #   components:
                #     - <this folder>
                apiVersion: kustomize.config.k8s.io/v1alpha1
                kind: Component
                resources:
                  - networkpolicies.yaml
                """);
        patches(sb, patches, "", noLabels(words));
        return sb.toString();
    }

    private static String helmRelease(List<LabelPatch> patches, String release, String header, Words words) {
        StringBuilder sb = new StringBuilder(header);
        sb.append("# The HelmRelease's post-renderer: add it to the HelmRelease with a kustomize patch, e.g.\n")
                .append("#   patches:\n")
                .append("#     - path: ").append(HELMRELEASE_PATCH).append('\n')
                .append("#       target: {kind: HelmRelease, name: ").append(Yaml.comment(release)).append("}\n")
                .append("# (it replaces spec.postRenderers: add your own post-renderers' entries here by hand).\n")
                .append("apiVersion: helm.toolkit.fluxcd.io/v2\n")
                .append("kind: HelmRelease\n")
                .append("metadata:\n")
                .append("  name: ").append(Scalar.of(release)).append('\n')
                .append("spec:\n")
                .append("  postRenderers:\n")
                .append("    - kustomize:\n");
        patches(sb, patches, "        ", noLabels(words));
        return sb.toString();
    }

    private static String noLabels(Words words) {
        return "no pod template gets a label (" + words.withoutInjectedLabels() + ", or no workload)";
    }

    /** A {@code patches:} list at the indent given; {@code patches: []} with a comment when there is none. */
    private static void patches(StringBuilder sb, List<LabelPatch> patches, String indent, String whyNone) {
        if (patches.isEmpty()) {
            sb.append(indent).append("patches: []    # ").append(whyNone).append('\n');
            return;
        }
        sb.append(indent).append("patches:\n");
        for (LabelPatch p : patches) {
            sb.append(p.item(indent.length() + 4));
        }
    }

    /**
     * The kustomization a Flux Kustomization points at: the policies, in the release namespace where they name none
     * (a NamespaceTransformer that sets only unset namespaces: a release's policies for other namespaces keep theirs).
     */
    private static String fluxPolicies(String namespace, String header, Words words) {
        StringBuilder sb = new StringBuilder(header);
        sb.append("""
                # The NetworkPolicies, for a Flux Kustomization (spec.path: this folder) that the HelmRelease's
                # Kustomization depends on, so that they exist before the release's pods (and its hooks) are created.
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources:
                  - networkpolicies.yaml
                """);
        if (namespace == null) {
            sb.append("# (no ").append(words.namespaceOption())
                    .append(" given: set spec.targetNamespace in the Flux Kustomization)\n");
        } else {
            sb.append("transformers:\n")
                    .append("  - |-\n")
                    .append("    apiVersion: builtin\n")
                    .append("    kind: NamespaceTransformer\n")
                    .append("    metadata:\n")
                    .append("      name: netpol-guard-release-namespace\n")
                    .append("      namespace: ").append(Scalar.of(namespace)).append('\n')
                    .append("    unsetOnly: true\n");
        }
        return sb.toString();
    }
}
