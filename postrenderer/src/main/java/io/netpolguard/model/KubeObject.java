package io.netpolguard.model;

import java.util.List;
import java.util.Map;

/**
 * The identity of one Kubernetes object of the stream (a document, or an item of a {@code kind: List}).
 *
 * @param document    the raw document it came from
 * @param apiVersion  as written, may be null for objects netpol-guard does not need to understand
 * @param kind        as written
 * @param name        metadata.name, may be null
 * @param namespace   metadata.namespace, or null when Helm puts the object in the release namespace
 * @param labels      metadata.labels
 * @param hookEvents  the events of its {@code helm.sh/hook} annotation; empty for regular manifests
 * @param hookWeight  its {@code helm.sh/hook-weight}, 0 when absent
 * @param source      the chart template it came from ({@code chart/templates/x.yaml}): Helm 4's
 *                    {@code postrenderer.helm.sh/postrender-filename} annotation, else Helm's {@code # Source:}
 *                    comment; null when neither says
 */
public record KubeObject(RawDocument document, String apiVersion, String kind, String name, String namespace,
                         Map<String, String> labels, List<String> hookEvents, int hookWeight, String source) {

    /**
     * Helm 4 names each document it hands a post-renderer with this annotation, and afterwards turns it into the
     * document's {@code # Source:} line and strips it.
     */
    public static final String HELM_FILENAME = "postrenderer.helm.sh/postrender-filename";

    public boolean isHook() {
        return !hookEvents.isEmpty();
    }

    /** True for the objects netpol-guard itself added on an earlier run. */
    public boolean isGenerated() {
        return "true".equals(labels.get(Labels.GENERATED));
    }

    /** The API group: "" for the core group, "apps" for "apps/v1". */
    public String group() {
        return groupOf(apiVersion);
    }

    /** The API group of an apiVersion: "" for the core group ("v1") and for null, "apps" for "apps/v1". */
    public static String groupOf(String apiVersion) {
        if (apiVersion == null) {
            return "";
        }
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** "Deployment team-a/shop-web" for messages; the namespace reads "(release namespace)" when not set. */
    public String describe() {
        return kind + " " + (namespace == null ? Namespace.UNNAMED_RELEASE : namespace) + "/" + name;
    }
}
