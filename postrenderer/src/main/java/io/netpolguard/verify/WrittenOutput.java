package io.netpolguard.verify;

import io.netpolguard.error.InputException;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.RawDocument;
import io.netpolguard.model.Scope;
import io.netpolguard.model.Workload;
import io.netpolguard.model.WorkloadKind;
import io.netpolguard.plan.PolicySpec;
import io.netpolguard.read.ManifestReader;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads back the stream netpol-guard is about to write, with the reader that read its input, and checks it on the
 * written documents rather than on the plan: every input document is there (untouched ones the input's own bytes,
 * labelled ones reading as the same objects with the planned pod labels), every generated policy is there once and
 * selects and admits what the plan says, and every in-scope workload is selected, in each direction, by the policies
 * the plan says. Only the labelled and the generated documents are read again: the others are the input's bytes,
 * which read as they did. A difference is netpol-guard's own fault: {@link InternalException}, and nothing is written.
 */
public final class WrittenOutput {

    private final Manifest input;
    private final Scope scope;
    private final List<WorkloadKind> kinds;
    private final String release;
    private final Runnable afterEachDocument;

    /** @param afterEachDocument called after each document read back, or null (the run's, see Settings) */
    public WrittenOutput(Manifest input, Scope scope, List<WorkloadKind> kinds, String release,
                         Runnable afterEachDocument) {
        this.input = input;
        this.scope = scope;
        this.kinds = kinds;
        this.release = release;
        this.afterEachDocument = afterEachDocument;
    }

    /**
     * @param written   the input's documents as they will be written (the input's own instances where untouched)
     * @param appended  the generated documents, as they will be written after them
     * @param lineBreak whether a line break is written between the two
     * @param podLabels every in-scope workload's planned pod labels
     * @param generated the planned policies, one per appended document, in order
     * @param coverage  what the result reports selects each in-scope workload
     * @throws InternalException when the written stream is not what was planned
     */
    public void check(List<RawDocument> written, List<RawDocument> appended, boolean lineBreak,
                      Map<Workload, Map<String, String>> podLabels, List<PolicySpec> generated,
                      List<Coverage> coverage) {
        List<RawDocument> documents = input.documents();
        if (written.size() != documents.size() || appended.size() != generated.size()) {
            fail("it holds " + written.size() + " of the input's " + documents.size() + " documents and "
                    + appended.size() + " of " + generated.size() + " generated ones");
        }
        Map<RawDocument, RawDocument> changed = new IdentityHashMap<>(); // input document -> as written
        List<RawDocument> toRead = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            RawDocument in = documents.get(i);
            RawDocument out = written.get(i);
            if (out != in) {
                boolean last = i == documents.size() - 1;
                oneDocument(out, i > 0, !last || (!appended.isEmpty() && !lineBreak));
                changed.put(in, out);
                toRead.add(out);
            }
        }
        for (int i = 0; i < appended.size(); i++) {
            oneDocument(appended.get(i), true, i < appended.size() - 1);
        }
        toRead.addAll(appended);
        if (toRead.isEmpty()) {
            return;
        }
        long streamBytes = 0;
        for (RawDocument d : documents) {
            streamBytes += d.length();
        }
        Manifest back;
        try {
            back = ManifestReader.forPartOf(kinds, streamBytes).withAfterEachDocument(afterEachDocument).read(toRead);
        } catch (InputException e) {
            fail("it does not read back: " + e.getMessage());
            return;
        }
        Map<RawDocument, List<KubeObject>> backObjects = new IdentityHashMap<>();
        for (KubeObject o : back.objects()) {
            backObjects.computeIfAbsent(o.document(), k -> new ArrayList<>()).add(o);
        }
        Map<Workload, Workload> backOf = sameObjects(changed, backObjects, back.workloads());
        Map<Workload, Map<String, String>> asWritten = new LinkedHashMap<>();
        for (Map.Entry<Workload, Map<String, String>> e : podLabels.entrySet()) {
            Workload w = e.getKey();
            Workload b = backOf.get(w);
            Map<String, String> labels = b == null ? w.podLabels() : b.podLabels();
            if (!labels.equals(e.getValue())) {
                fail(w.object().document().describe() + " gives " + w.describe() + " the pod labels " + labels
                        + ", not " + e.getValue() + " as planned");
            }
            asWritten.put(w, labels);
        }
        List<Verifier.Policy> policies = policies(changed, back.policies());
        generatedOnce(appended, backObjects, back.policies(), generated, policies);
        sameCoverage(new Verifier(scope).verify(asWritten, policies), coverage);
    }

    /** Starts with {@code ---} where another document precedes it, holds no other, and ends a line where one follows. */
    private void oneDocument(RawDocument d, boolean separated, boolean followed) {
        byte[] b = d.bytes();
        int end = d.offset() + d.length();
        if (separated && !separatorAt(b, d.offset(), end)) {
            fail(d.describe() + " does not start with ---, so it would join the document before it");
        }
        for (int i = d.offset(); i < end - 1; i++) {
            if (b[i] == '\n' && separatorAt(b, i + 1, end)) {
                fail(d.describe() + " holds a --- line, so it would split into two documents");
            }
        }
        if (followed && (d.length() == 0 || b[end - 1] != '\n')) {
            fail(d.describe() + " does not end with a line break, so the next document's --- would join its last line");
        }
    }

    private static boolean separatorAt(byte[] b, int i, int end) {
        if (i + 3 > end || b[i] != '-' || b[i + 1] != '-' || b[i + 2] != '-') {
            return false;
        }
        return i + 3 == end || b[i + 3] == ' ' || b[i + 3] == '\t' || b[i + 3] == '\r' || b[i + 3] == '\n';
    }

    /**
     * Each labelled document reads as the same objects, and its workloads as the same workloads but for their pod
     * labels (checked against the plan afterwards). Returns, per input workload of those documents, its read-back one.
     */
    private Map<Workload, Workload> sameObjects(Map<RawDocument, RawDocument> changed,
                                                Map<RawDocument, List<KubeObject>> backObjects,
                                                List<Workload> backWorkloads) {
        Set<KubeObject> ownPodLabels = Collections.newSetFromMap(new IdentityHashMap<>()); // a Pod's labels are its pods'
        for (Workload w : input.workloads()) {
            if (w.labelsPath().equals("metadata.labels")) {
                ownPodLabels.add(w.object());
            }
        }
        Map<RawDocument, List<KubeObject>> inObjects = new IdentityHashMap<>();
        for (KubeObject o : input.objects()) {
            if (changed.containsKey(o.document())) {
                inObjects.computeIfAbsent(o.document(), k -> new ArrayList<>()).add(o);
            }
        }
        for (Map.Entry<RawDocument, RawDocument> e : changed.entrySet()) {
            List<KubeObject> before = inObjects.getOrDefault(e.getKey(), List.of());
            List<KubeObject> after = backObjects.getOrDefault(e.getValue(), List.of());
            if (before.size() != after.size()) {
                fail(e.getKey().describe() + " holds " + after.size() + " objects where the input has " + before.size());
            }
            for (int i = 0; i < before.size(); i++) {
                if (!Same.object(before.get(i), after.get(i), !ownPodLabels.contains(before.get(i)))) {
                    fail(e.getKey().describe() + " holds " + after.get(i).describe() + " with the labels "
                            + after.get(i).labels() + " where the input has " + before.get(i).describe()
                            + " with the labels " + before.get(i).labels());
                }
            }
        }
        Map<RawDocument, List<Workload>> backByDocument = new IdentityHashMap<>();
        for (Workload w : backWorkloads) {
            backByDocument.computeIfAbsent(w.object().document(), k -> new ArrayList<>()).add(w);
        }
        Map<Workload, Workload> backOf = new IdentityHashMap<>();
        Map<RawDocument, Integer> next = new IdentityHashMap<>();
        for (Workload w : input.workloads()) {
            RawDocument out = changed.get(w.object().document());
            if (out == null) {
                continue;
            }
            int i = next.getOrDefault(out, 0);
            next.put(out, i + 1);
            List<Workload> after = backByDocument.getOrDefault(out, List.of());
            Workload b = i < after.size() ? after.get(i) : null;
            if (b == null || !Same.pods(w, b)) {
                fail(w.object().document().describe() + " changes " + w.describe() + " beyond its pod labels");
            }
            backOf.put(w, b);
        }
        return backOf;
    }

    /** The stream's policies as written, in stream order: the input's, read again where their document changed. */
    private List<Verifier.Policy> policies(Map<RawDocument, RawDocument> changed, List<NetworkPolicy> backPolicies) {
        Map<RawDocument, List<NetworkPolicy>> backByDocument = new IdentityHashMap<>();
        for (NetworkPolicy p : backPolicies) {
            backByDocument.computeIfAbsent(p.object().document(), k -> new ArrayList<>()).add(p);
        }
        Map<RawDocument, Integer> next = new IdentityHashMap<>();
        List<Verifier.Policy> result = new ArrayList<>();
        for (NetworkPolicy p : input.policies()) {
            RawDocument out = changed.get(p.object().document());
            if (out != null) {
                int i = next.getOrDefault(out, 0);
                next.put(out, i + 1);
                List<NetworkPolicy> after = backByDocument.getOrDefault(out, List.of());
                NetworkPolicy b = i < after.size() ? after.get(i) : null;
                if (b == null || !Same.rules(p, b)) {
                    fail(p.object().document().describe() + " changes the NetworkPolicy " + p.object().name());
                }
                p = b;
            }
            result.add(policy(p));
        }
        return result;
    }

    private Verifier.Policy policy(NetworkPolicy p) {
        return new Verifier.Policy(scope.of(p.object()), p.object().name(), p.podSelector(), p.ingress(),
                p.egress());
    }

    /**
     * Each generated document holds its policy alone, as planned, and no other NetworkPolicy of the stream has its
     * namespace and name; the generated policies are added to {@code policies}.
     */
    private void generatedOnce(List<RawDocument> appended, Map<RawDocument, List<KubeObject>> backObjects,
                               List<NetworkPolicy> backPolicies, List<PolicySpec> generated,
                               List<Verifier.Policy> policies) {
        Map<RawDocument, NetworkPolicy> policyOf = new IdentityHashMap<>();
        for (NetworkPolicy p : backPolicies) {
            policyOf.put(p.object().document(), p);
        }
        Set<String> names = new HashSet<>();
        for (Verifier.Policy p : policies) {
            names.add(p.namespace() + "/" + p.name());
        }
        List<Verifier.Policy> added = new ArrayList<>(generated.size());
        for (int i = 0; i < generated.size(); i++) {
            PolicySpec spec = generated.get(i);
            RawDocument d = appended.get(i);
            NetworkPolicy p = policyOf.get(d);
            if (p == null || backObjects.getOrDefault(d, List.of()).size() != 1 || !Same.planned(spec, p, scope, release)) {
                fail(d.describe() + " is not the NetworkPolicy " + spec.name() + " as planned");
            }
            added.add(policy(p));
            if (!names.add(scope.of(p.object()) + "/" + p.object().name())) {
                fail("it holds two NetworkPolicies named " + scope.qualify(p.object()));
            }
        }
        policies.addAll(added);
    }

    /** Every in-scope workload is selected as written by exactly the policies the result reports, per direction. */
    private void sameCoverage(List<Coverage> written, List<Coverage> planned) {
        if (written.size() != planned.size()) {
            fail("it covers " + written.size() + " workloads where the plan covers " + planned.size());
        }
        for (int i = 0; i < written.size(); i++) {
            Coverage w = written.get(i);
            Coverage p = planned.get(i);
            if (w.workload() != p.workload() || !w.selectedBy().equals(p.selectedBy())
                    || !w.ingress().equals(p.ingress()) || !w.egress().equals(p.egress())) {
                fail(p.workload().describe() + " is isolated for ingress by " + w.ingress() + " and for egress by "
                        + w.egress() + ", where the plan has " + p.ingress() + " and " + p.egress());
            }
        }
    }

    private static void fail(String what) {
        throw new InternalException("netpol-guard read back the stream it was about to write, and " + what + ".");
    }
}
