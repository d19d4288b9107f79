package io.netpolguard.model;

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
        return key(object.namespace());
    }

    /** The key of a namespace as written (null: the release namespace). */
    public String key(String namespace) {
        return namespace == null || namespace.equals(releaseNamespace) ? null : namespace;
    }

    /**
     * Whether two namespace keys name the same namespace. When the release namespace was not given, a namespace
     * written out (a webhook's {@code clientConfig.service.namespace}, a binding's subject, both written by the
     * chart as {@code .Release.Namespace}) is taken to be the release namespace of objects that name none.
     */
    public boolean same(String keyA, String keyB) {
        if (java.util.Objects.equals(keyA, keyB)) {
            return true;
        }
        return releaseNamespace == null && (keyA == null || keyB == null);
    }

    /** The namespace's name for policies and analysis; null for the release namespace when it was not given. */
    public String name(String key) {
        return key != null ? key : releaseNamespace;
    }

    public boolean isExempt(String key) {
        String ns = key == null ? releaseNamespace : key;
        return ns != null && exempt.contains(ns);
    }

    /**
     * An object's name for messages: "team-a/web", or just "web" in the release namespace when its name was not
     * given.
     */
    public String qualify(String key, String name) {
        String ns = name(key);
        return ns == null ? name : ns + "/" + name;
    }

    /** An object's name for messages, qualified as {@link #qualify(String, String)} does. */
    public String qualify(KubeObject object) {
        return qualify(key(object), object.name());
    }

    /** The namespace's name for messages. */
    public String display(String key) {
        if (key != null) {
            return key;
        }
        return releaseNamespace == null ? "the release namespace" : releaseNamespace;
    }
}
