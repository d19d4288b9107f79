package io.netpolguard;

import io.netpolguard.verify.InternalException;
import io.netpolguard.error.InputException;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.Workload;
import io.netpolguard.plan.ChartReview;
import io.netpolguard.plan.Duplicates;
import io.netpolguard.plan.Plan;
import io.netpolguard.plan.Planner;
import io.netpolguard.plan.PolicySpec;
import io.netpolguard.plan.ReleaseResolver;
import io.netpolguard.model.Scope;
import io.netpolguard.model.RawDocument;
import io.netpolguard.read.ManifestReader;
import io.netpolguard.read.StreamSplitter;
import io.netpolguard.verify.ChartGaps;
import io.netpolguard.verify.ChartNetwork;
import io.netpolguard.verify.ClosedFlow;
import io.netpolguard.verify.ClosedFlows;
import io.netpolguard.verify.Coverage;
import io.netpolguard.verify.CrossRelease;
import io.netpolguard.verify.Finding;
import io.netpolguard.verify.Verifier;
import io.netpolguard.verify.WrittenOutput;
import io.netpolguard.write.PolicyYaml;
import io.netpolguard.write.StreamWriter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole transformation: read the stream, plan labels and policies, verify, review what the chart's own policies
 * open or block, and prepare the output, checked by reading it back ({@link WrittenOutput}).
 * It knows nothing of Helm, Maven or the command line; adapters call {@link #run}.
 */
public final class NetpolGuard {

    private NetpolGuard() {
    }

    /**
     * @throws InputException    when the stream, the configuration or the settings cannot be used
     * @throws InternalException when the output, read back, is not what was planned (nothing may be written)
     */
    public static Result run(byte[] stream, Settings settings) {
        return run(StreamSplitter.split(stream), settings);
    }

    /**
     * @param documents the stream's documents, as {@link StreamSplitter} cut them
     * @throws InputException    when the stream, the configuration or the settings cannot be used
     * @throws InternalException when the output, read back, is not what was planned (nothing may be written)
     */
    public static Result run(List<RawDocument> documents, Settings settings) {
        // What pods are given (env, arguments, the ConfigMaps and Secrets they read): the Services they use, when
        // segregated, and the addresses outside the release that the policies may close.
        Manifest manifest = new ManifestReader(settings.config().workloadKinds(), !settings.checkOnly())
                .withAfterEachDocument(settings.afterEachDocument()).read(documents);
        Scope scope = new Scope(settings.namespace(), settings.config().exemptNamespaces());
        Duplicates.refuse(manifest.objects(), scope);
        List<Verifier.Policy> policies = new ArrayList<>();
        for (NetworkPolicy p : manifest.policies()) {
            policies.add(new Verifier.Policy(scope.of(p.object()), p.object().name(), p.podSelector(),
                    p.ingress(), p.egress()));
        }
        List<Workload> inScope = manifest.workloads().stream()
                .filter(w -> !scope.isExempt(scope.of(w.object()))).toList();
        boolean asWritten = settings.checkOnly() || inScope.isEmpty();
        String release = asWritten ? settings.release() : ReleaseResolver.resolve(settings.release(), inScope,
                settings.words());
        Plan plan = asWritten ? unchanged(inScope)
                : new Planner(release, settings.injectLabels(), scope, settings.config(), settings.words())
                        .plan(manifest, inScope);
        List<String> rendered = new ArrayList<>();
        if (!plan.policies().isEmpty()) {
            PolicyYaml yaml = new PolicyYaml(manifest.helmFilenames());
            for (PolicySpec p : plan.policies()) {
                policies.add(new Verifier.Policy(p.namespace(), p.name(), p.podSelector(), p.ingress(), p.egress()));
                rendered.add(yaml.render(p, release));
            }
        }
        List<Coverage> coverage = new Verifier(scope).verify(plan.podLabels(), policies);

        // Only a chart's own policy can open the release or block what it needs: without one, no engine class loads.
        ChartNetwork chart = manifest.chartPolicies().isEmpty() ? null : chartNetwork(manifest, scope);
        List<Finding> findings = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (chart != null) {
            CrossRelease.Outcome crossing = CrossRelease.find(chart, plan.podLabels(), plan.openings());
            findings.addAll(crossing.findings());
            warnings.addAll(crossing.warnings());
        }
        warnings.addAll(ChartReview.warnings(inScope));
        warnings.addAll(plan.warnings());
        if (chart != null && !asWritten) { // what the chart blocks in the directions netpol-guard left to it
            List<Finding> gaps = ChartGaps.findings(chart, plan.chartDecides(), manifest, plan.podLabels());
            gaps.forEach(g -> warnings.add(g.message()));
            findings.addAll(gaps);
        }
        StreamWriter writer = new StreamWriter(manifest.documents(), plan.labelAdds(), rendered);
        List<ClosedFlow> closed = asWritten ? List.of() : ClosedFlows.judge(manifest, scope, release,
                settings.config(), plan, writer.appended(), settings.config().workloadKinds());
        Result result = new Result(release, coverage, plan.policies(), plan.openings(), plan.chartDecides(),
                List.copyOf(findings), List.copyOf(warnings), settings.strict(),
                settings.config().segregate() && !asWritten, writer, closed);
        if (!asWritten && !result.refused()) { // what will be written, read back; the bytes are kept for writeTo
            new WrittenOutput(manifest, scope, settings.config().workloadKinds(), release, settings.afterEachDocument())
                    .check(writer.written(), writer.appended(), writer.lineBreakBeforeAppended(), plan.podLabels(),
                            plan.policies(), coverage);
        }
        return result;
    }

    /** The network of the chart's own policies; an ipBlock that holds no CIDR is the chart's error, as analyze says. */
    private static ChartNetwork chartNetwork(Manifest manifest, Scope scope) {
        try {
            return new ChartNetwork(manifest, scope);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage() + ".", "Kubernetes refuses such a NetworkPolicy; write the"
                    + " ipBlock as an address, \"/\" and a prefix length.");
        }
    }

    /** The plan of a check-only run, or of a stream with nothing to isolate: the pods as the chart labels them. */
    private static Plan unchanged(List<Workload> inScope) {
        Map<Workload, Map<String, String>> podLabels = new LinkedHashMap<>();
        inScope.forEach(w -> podLabels.put(w, new TreeMap<>(w.podLabels())));
        return new Plan(Map.of(), podLabels, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
