package io.netpolguard.model;

import java.util.Set;

/**
 * Which namespace an object ends up in, and whether the platform's rule applies there.
 * Objects without a namespace, and objects in the release namespace when it is known,
 * are in {@link Namespace#RELEASE}.
 *
 * @param releaseNamespace the release namespace, or null when not given
 * @param exempt           namespaces the rule does not apply to
 */
public record Scope(String releaseNamespace, Set<String> exempt) {

    public Namespace of(KubeObject object) {
        return of(object.namespace());
    }

    /** The namespace of a namespace name as written (null: the release namespace). */
    public Namespace of(String namespace) {
        return namespace == null || namespace.equals(releaseNamespace) ? Namespace.RELEASE : Namespace.named(namespace);
    }

    /**
     * Whether two namespaces may be the same. When the release namespace was not given, a namespace written out
     * (a webhook's {@code clientConfig.service.namespace}, a binding's subject, both written by the chart as
     * {@code .Release.Namespace}) is taken to be the release namespace of objects that name none.
     */
    public boolean same(Namespace a, Namespace b) {
        if (a.equals(b)) {
            return true;
        }
        return releaseNamespace == null && (a.isRelease() || b.isRelease());
    }

    /** The namespace's name for policies and analysis; null for the release namespace when it was not given. */
    public String name(Namespace namespace) {
        return namespace.isRelease() ? releaseNamespace : namespace.written();
    }

    /** The namespace's name for the connectivity engine: its name, or a stand-in no selector names. */
    public String engineName(Namespace namespace) {
        String name = name(namespace);
        return name == null ? Namespace.UNNAMED_RELEASE : name;
    }

    public boolean isExempt(Namespace namespace) {
        String ns = name(namespace);
        return ns != null && exempt.contains(ns);
    }

    /**
     * An object's name for messages: "team-a/web", or just "web" in the release namespace when its name was not
     * given.
     */
    public String qualify(Namespace namespace, String name) {
        String ns = name(namespace);
        return ns == null ? name : ns + "/" + name;
    }

    /** An object's name for messages, qualified as {@link #qualify(Namespace, String)} does. */
    public String qualify(KubeObject object) {
        return qualify(of(object), object.name());
    }

    /** The namespace's name for messages. */
    public String display(Namespace namespace) {
        String ns = name(namespace);
        return ns == null ? "the release namespace" : ns;
    }
}
