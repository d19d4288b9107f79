package io.netpolguard.plan;

import io.netpolguard.config.Config;
import io.netpolguard.config.Words;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.Scope;
import io.netpolguard.model.Workload;

import java.util.List;

/**
 * Decides which policies isolate a release, and what they admit.
 *
 * <p>Every namespace of the release gets a policy that lets the release's pods reach each other (and cluster DNS)
 * and nothing else. A workload that needs more to keep working (the API server, calls from it, an ingress
 * controller, Prometheus, a declared flow: see {@link io.netpolguard.plan.allow.Allowances}) gets a policy of its own with those openings.
 * Where the chart's own NetworkPolicies already isolate a workload in a direction, netpol-guard adds nothing for
 * that direction (NetworkPolicies add up, so anything more would widen the chart's rules): it then writes one
 * policy per workload for the directions still open.
 *
 * <p>Segregated ({@code --segregate}), no rule lets the release's pods reach each other: each workload gets a policy
 * of its own with the flows to and from the Services it uses ({@link io.netpolguard.plan.segregate.Segregation}), DNS and its allowances.
 */
public final class Planner {

    private final String release;
    private final boolean injectLabels;
    private final Scope scope;
    private final Config config;
    private final Words words;

    /** In the post-renderer's words. */
    public Planner(String release, boolean injectLabels, Scope scope, Config config) {
        this(release, injectLabels, scope, config, Words.POST_RENDERER);
    }

    /** @param words how the front end names its settings in the advice of messages */
    public Planner(String release, boolean injectLabels, Scope scope, Config config, Words words) {
        this.release = release;
        this.injectLabels = injectLabels;
        this.scope = scope;
        this.config = config;
        this.words = words;
    }

    /**
     * The plan for one stream; a planner plans any number of them.
     *
     * @param manifest what was read
     * @param inScope  its workloads outside the exempt namespaces
     */
    public Plan plan(Manifest manifest, List<Workload> inScope) {
        return new Planning(release, injectLabels, scope, config, words).plan(manifest, inScope);
    }
}
