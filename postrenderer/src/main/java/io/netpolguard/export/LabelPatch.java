package io.netpolguard.export;

import io.netpolguard.model.KubeObject;
import io.netpolguard.model.Workload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The labels the post-renderer adds to one workload's pod template, as a kustomize patch: a target that selects that
 * object alone, and a strategic-merge patch that adds the labels where its kind keeps its pod template's labels
 * ({@code spec.template.metadata.labels}, a CronJob's {@code spec.jobTemplate.spec.template.metadata.labels}, a Pod's
 * {@code metadata.labels}, a configured kind's own path).
 *
 * <p>Strategic merge rather than JSON 6902: a JSON patch's {@code add} fails where the template has no {@code labels}
 * (or no {@code metadata}), and would need {@code ~1} for the {@code /} of the label keys; a strategic-merge patch
 * creates what is missing, merges into what is there, and reads the keys as written. kustomize keeps the object's
 * name, namespace and kind whatever the patch's body says.
 *
 * @param apiVersion  the object's apiVersion, e.g. {@code apps/v1}
 * @param kind        its kind
 * @param name        its name
 * @param namespace   the namespace the target names, or null to match any (the object names none)
 * @param labelsPath  where its pod template's labels are, dotted: {@code spec.template.metadata.labels}
 * @param labels      the labels to add, in the order the post-renderer writes them
 * @param about       what the comment above the patch says: the object and its chart template
 */
public record LabelPatch(String apiVersion, String kind, String name, String namespace, String labelsPath,
                         Map<String, String> labels, String about) {

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
                    w.labelsPath(), labels, about));
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

    /** The strategic-merge patch: apiVersion, kind, metadata.name, and the labels at their path. */
    private void body(StringBuilder sb, int indent) {
        String pad = " ".repeat(indent);
        sb.append(pad).append("apiVersion: ").append(Yaml.scalar(apiVersion)).append('\n');
        sb.append(pad).append("kind: ").append(Yaml.scalar(kind)).append('\n');
        sb.append(pad).append("metadata:\n");
        sb.append(pad).append("  name: ").append(Yaml.scalar(name)).append('\n');
        String[] path = labelsPath.split("\\.");
        // Under the metadata just written (a Pod's own labels), or from the top (a pod template's).
        int first = path[0].equals("metadata") ? 1 : 0;
        int level = first;
        for (int i = first; i < path.length; i++, level++) {
            sb.append(pad).append("  ".repeat(level)).append(Yaml.scalar(path[i])).append(":\n");
        }
        String labelPad = pad + "  ".repeat(level);
        labels.forEach((k, v) -> sb.append(labelPad).append(Yaml.scalar(k)).append(": ").append(Yaml.quoted(v))
                .append('\n'));
    }
}
