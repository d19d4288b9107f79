package io.netpolguard.analyze;

import java.util.Objects;

/**
 * How to analyse a manifest.
 *
 * @param defaultNamespace the namespace of objects that name none: "default" for plain manifests, the release
 *                         namespace for a Helm release
 * @param exposure         also find which workloads are exposed to, or can reach, peers outside the input
 * @param release          the Helm release the input belongs to, or null: the workloads whose pods carry
 *                         {@code netpol-guard.io/release} or {@code app.kubernetes.io/instance} with this value are
 *                         its part, which a {@link Diagram} highlights; without it, every workload of the input is
 */
public record Options(String defaultNamespace, boolean exposure, String release) {

    public static final Options DEFAULT = new Options("default", false);

    public Options {
        Objects.requireNonNull(defaultNamespace, "defaultNamespace");
    }

    /** Without a release: the input is the release. */
    public Options(String defaultNamespace, boolean exposure) {
        this(defaultNamespace, exposure, null);
    }

    public Options withExposure(boolean on) {
        return new Options(defaultNamespace, on, release);
    }

    /** @param name the release name, or null */
    public Options withRelease(String name) {
        return new Options(defaultNamespace, exposure, name);
    }
}
