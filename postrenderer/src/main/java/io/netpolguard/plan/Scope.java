package io.netpolguard.plan;

import io.netpolguard.model.KubeObject;

import java.util.Set;

/**
 * Which namespace an object ends up in, and whether the platform's rule applies there.
 * Objects without a namespace, and objects in the release namespace when it is known,
 * share the key {@code null}: "the release namespace".
 *
 * @param releaseNamespace the release namespace, or null when not given
 * @param exempt           namespaces the rule does not apply to
 */
public record Scope(String releaseNamespace, Set<String> exempt) {

    public String key(KubeObject object) {
        String ns = object.namespace();
        return ns == null || ns.equals(releaseNamespace) ? null : ns;
    }

    public boolean isExempt(String key) {
        String ns = key == null ? releaseNamespace : key;
        return ns != null && exempt.contains(ns);
    }

    /** The namespace's name for messages. */
    public String display(String key) {
        if (key != null) {
            return key;
        }
        return releaseNamespace == null ? "the release namespace" : releaseNamespace;
    }
}
