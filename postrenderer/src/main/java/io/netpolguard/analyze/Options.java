package io.netpolguard.analyze;

import java.util.Objects;

/**
 * How to analyse a manifest.
 *
 * @param defaultNamespace the namespace of objects that name none: "default" for plain manifests, the release
 *                         namespace for a Helm release
 * @param exposure         also find which workloads are exposed to, or can reach, peers outside the input
 */
public record Options(String defaultNamespace, boolean exposure) {

    public static final Options DEFAULT = new Options("default", false);

    public Options {
        Objects.requireNonNull(defaultNamespace, "defaultNamespace");
    }

    public Options withExposure(boolean on) {
        return new Options(defaultNamespace, on);
    }
}
