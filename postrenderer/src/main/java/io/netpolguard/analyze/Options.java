package io.netpolguard.analyze;

import io.netpolguard.config.ClusterPeer;
import io.netpolguard.model.Namespace;

import java.util.List;
import java.util.Objects;

/**
 * How to analyse a manifest.
 *
 * @param defaultNamespace the namespace of objects that name none: np-guard's "default" for plain manifests ({@link Namespace#forAnalysis}), the release
 *                         namespace for a Helm release
 * @param exposure         also find which workloads are exposed to, or can reach, peers outside the input
 * @param release          the Helm release the input belongs to, or null: the workloads whose pods carry
 *                         {@code netpol-guard.io/release} or {@code app.kubernetes.io/instance} with this value are
 *                         its part, which a {@link Diagram} highlights; without it, every workload of the input is
 * @param ingressControllers the cluster's ingress controllers (netpol-guard's {@code ingressControllers}, ingress-nginx by
 *                         default): {@code {ingress-controller}} reaches what they or np-guard's stand-in pod may reach
 */
public record Options(String defaultNamespace, boolean exposure, String release, List<ClusterPeer> ingressControllers) {

    public static final Options DEFAULT = new Options(Namespace.NP_GUARD_DEFAULT, false);

    public Options {
        Objects.requireNonNull(defaultNamespace, "defaultNamespace");
        ingressControllers = List.copyOf(ingressControllers);
    }

    /** Without a release (the input is the release), with ingress-nginx as the ingress controller. */
    public Options(String defaultNamespace, boolean exposure) {
        this(defaultNamespace, exposure, null, List.of(ClusterPeer.INGRESS_NGINX));
    }

    public Options withExposure(boolean on) {
        return new Options(defaultNamespace, on, release, ingressControllers);
    }

    /** @param name the release name, or null */
    public Options withRelease(String name) {
        return new Options(defaultNamespace, exposure, name, ingressControllers);
    }

    public Options withIngressControllers(List<ClusterPeer> controllers) {
        return new Options(defaultNamespace, exposure, release, controllers);
    }
}
