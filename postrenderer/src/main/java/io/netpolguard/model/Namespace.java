package io.netpolguard.model;

import java.util.Objects;

/**
 * Which namespace an object is in, as {@link Scope} sees it: the release namespace (objects that name none, and
 * objects that name the release namespace when it was given), or another namespace, named. Whether the release
 * namespace has a name is the scope's to say ({@link Scope#name}, {@link Scope#display}).
 */
public final class Namespace implements Comparable<Namespace> {

    /** The release namespace, whether or not its name was given. */
    public static final Namespace RELEASE = new Namespace(null);

    /**
     * The namespace np-guard (and so {@code analyze}, for conformance) puts objects that name none in, where no
     * release namespace was given.
     */
    public static final String NP_GUARD_DEFAULT = "default";

    /**
     * The release namespace when its name was not given: the name the connectivity engine sees (no selector names
     * it), and how messages and findings write it.
     */
    public static final String UNNAMED_RELEASE = "(release namespace)";

    private final String name;

    private Namespace(String name) {
        this.name = name;
    }

    /**
     * The name {@code analyze} gives the namespace of objects that name none: the release namespace when it was
     * given, else np-guard's {@link #NP_GUARD_DEFAULT}.
     */
    public static String forAnalysis(String releaseNamespace) {
        return releaseNamespace == null ? NP_GUARD_DEFAULT : releaseNamespace;
    }

    /** A namespace other than the release namespace, by name. */
    public static Namespace named(String name) {
        return new Namespace(Objects.requireNonNull(name, "name"));
    }

    public boolean isRelease() {
        return name == null;
    }

    /** The name as written in a manifest: null for the release namespace, which written objects leave out. */
    public String written() {
        return name;
    }

    /** The release namespace first, then by name. */
    @Override
    public int compareTo(Namespace o) {
        if (name == null || o.name == null) {
            return name == null ? (o.name == null ? 0 : -1) : 1;
        }
        return name.compareTo(o.name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Namespace n && Objects.equals(name, n.name);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    /** The name, or "(release namespace)"; for keys and debugging, never for messages (see {@link Scope#display}). */
    @Override
    public String toString() {
        return name == null ? UNNAMED_RELEASE : name;
    }
}
