package io.netpolguard.export;

import io.netpolguard.model.KubeObject;
import io.netpolguard.model.LabelSlot;
import io.netpolguard.model.Workload;
import io.netpolguard.yaml.Scalar;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The labels the post-renderer adds to one workload's pod template, as a kustomize patch: a target that selects that
 * object alone, and a JSON 6902 patch that adds the labels where its kind keeps its pod template's labels
 * ({@code spec.template.metadata.labels}, a CronJob's {@code spec.jobTemplate.spec.template.metadata.labels}, a Pod's
 * {@code metadata.labels}, a configured kind's own path).
 *
 * <p>JSON 6902 rather than strategic merge: kustomize's strategic merge rewrites the whole object and drops every
 * {@code null} in it ({@code podAffinity: null} in the bitnami charts), where a JSON patch changes its path alone. A
 * JSON {@code add} needs its parent to exist, so the operation follows what the template has, as the post-renderer's
 * own edit does ({@link LabelSlot.Shape}): one {@code add} per label into existing labels, else the whole
 * {@code labels} (or {@code metadata}) map. Keys are JSON pointer tokens: the {@code /} of
 * {@code netpol-guard.io/release} is written {@code ~1}.
 *
 * @param apiVersion  the object's apiVersion, e.g. {@code apps/v1}
 * @param kind        its kind
 * @param name        its name
 * @param namespace   the namespace the target names, or null to match any (the object names none)
 * @param labelsPath  where its pod template's labels are, dotted: {@code spec.template.metadata.labels}
 * @param shape       what the template has there: labels, only metadata, or neither
 * @param labels      the labels to add, in the order the post-renderer writes them
 * @param about       what the comment above the patch says: the object and its chart template
 */
public record LabelPatch(String apiVersion, String kind, String name, String namespace, String labelsPath,
                         LabelSlot.Shape shape, Map<String, String> labels, String about) {

    /**
     * One patch per workload the post-renderer labels, in its order.
     *
     * @param labelAdds per workload, the labels the post-renderer adds ({@code StreamWriter#labelAdds})
     */
    public static List<LabelPatch> of(Map<Workload, Map<String, String>> labelAdds) {
        // kustomize matches a target without namespace to every namespace, and an object without one under the name
        // "default": where a namespaced and a namespace-less workload share kind and name, the latter's target says
        // "default" (the namespace kustomize gives it while matching).
        Map<String, Integer> sameName = new HashMap<>();
        for (Workload w : labelAdds.keySet()) {
            sameName.merge(w.kind() + "/" + w.name(), 1, Integer::sum);
        }
        List<LabelPatch> patches = new ArrayList<>();
        labelAdds.forEach((w, labels) -> {
            KubeObject o = w.object();
            String namespace = o.namespace() != null ? o.namespace()
                    : sameName.get(w.kind() + "/" + w.name()) > 1 ? "default" : null;
            String about = o.kind() + " " + (o.namespace() == null ? "" : o.namespace() + "/") + o.name()
                    + (o.source() == null ? "" : " (" + o.source() + ")")
                    + (o.isHook() ? ", a hook (" + String.join(",", o.hookEvents()) + ")" : "");
            patches.add(new LabelPatch(Objects.requireNonNullElse(o.apiVersion(), "v1"), o.kind(), o.name(), namespace,
                    w.labelsPath(), w.slot().shape(), labels, about));
        });
        return patches;
    }

    public String group() {
        return KubeObject.groupOf(apiVersion);
    }

    public String version() {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    }

    /**
     * The {@code target:} entry and the {@code patch:} block, as lines of one item of a {@code patches:} list,
     * indented by {@code indent} (the item's dash sits two columns before).
     */
    String item(int indent) {
        String pad = " ".repeat(indent);
        StringBuilder sb = new StringBuilder();
        sb.append(" ".repeat(indent - 2)).append("# ").append(Yaml.comment(about)).append('\n');
        sb.append(" ".repeat(indent - 2)).append("- target:\n");
        if (!group().isEmpty()) {
            sb.append(pad).append("  group: ").append(Yaml.exactly(group())).append('\n');
        }
        sb.append(pad).append("  version: ").append(Yaml.exactly(version())).append('\n');
        sb.append(pad).append("  kind: ").append(Yaml.exactly(kind)).append('\n');
        sb.append(pad).append("  name: ").append(Yaml.exactly(name)).append('\n');
        if (namespace != null) {
            sb.append(pad).append("  namespace: ").append(Yaml.exactly(namespace)).append('\n');
        }
        sb.append(pad).append("patch: |-\n");
        body(sb, indent + 2);
        return sb.toString();
    }

    /** The JSON 6902 operations, as a YAML list. */
    private void body(StringBuilder sb, int indent) {
        String pad = " ".repeat(indent);
        String labelsPointer = pointer(labelsPath);
        switch (shape) {
            case BLOCK_LABELS, FLOW_LABELS -> labels.forEach((k, v) -> {
                op(sb, pad, labelsPointer + "/" + token(k));
                sb.append(pad).append("  value: ").append(Scalar.quoted(v)).append('\n');
            });
            case NULL_LABELS, BLOCK_METADATA, FLOW_METADATA -> {
                op(sb, pad, labelsPointer);
                sb.append(pad).append("  value:\n");
                labelLines(sb, pad + "    ");
            }
            default -> { // NULL_METADATA, or a template without metadata: the metadata map, with the labels
                op(sb, pad, labelsPointer.substring(0, labelsPointer.length() - "/labels".length()));
                sb.append(pad).append("  value:\n").append(pad).append("    labels:\n");
                labelLines(sb, pad + "      ");
            }
        }
    }

    private static void op(StringBuilder sb, String pad, String path) {
        sb.append(pad).append("- op: add\n").append(pad).append("  path: ").append(Scalar.of(path)).append('\n');
    }

    private void labelLines(StringBuilder sb, String pad) {
        labels.forEach((k, v) -> sb.append(pad).append(Scalar.of(k)).append(": ").append(Scalar.quoted(v))
                .append('\n'));
    }

    /** {@code spec.template.metadata.labels} as the JSON pointer {@code /spec/template/metadata/labels}. */
    private static String pointer(String dotted) {
        StringBuilder sb = new StringBuilder();
        for (String key : dotted.split("\\.")) {
            sb.append('/').append(token(key));
        }
        return sb.toString();
    }

    /** A JSON pointer reference token (RFC 6901): {@code ~} as {@code ~0}, {@code /} as {@code ~1}. */
    static String token(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
