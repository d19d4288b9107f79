package io.netpolguard.verify;

import io.netpolguard.connectivity.Endpoint;
import io.netpolguard.connectivity.Network;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.Scope;
import io.netpolguard.model.Workload;

import java.util.List;
import java.util.Map;

/**
 * A chart's own NetworkPolicies as the connectivity engine sees them, with the release's namespaces named: made
 * once per run for what they open ({@link CrossRelease}) and what they block ({@link ChartGaps}).
 */
public final class ChartNetwork {

    final List<NetworkPolicy> policies;
    final Network network;
    final Scope scope;

    public ChartNetwork(Manifest manifest, Scope scope) {
        this.policies = manifest.chartPolicies();
        this.scope = scope;
        this.network = new Network(policies, manifest.namespaces(), o -> scope.engineName(scope.of(o)));
    }

    /** A workload's pods, with the labels they will carry. */
    Endpoint.Pods pods(Workload w, Map<String, String> labels) {
        return new Endpoint.Pods(scope.engineName(scope.of(w.object())), labels, w.pod(), w);
    }
}
