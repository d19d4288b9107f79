package io.netpolguard.verify;

import io.netpolguard.verify.InternalException;
import io.netpolguard.cli.PostRenderer;
import io.netpolguard.config.Config;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.RawDocument;
import io.netpolguard.model.Scope;
import io.netpolguard.plan.Plan;
import io.netpolguard.plan.Planner;
import io.netpolguard.plan.PolicySpec;
import io.netpolguard.read.ManifestReader;
import io.netpolguard.write.PolicyYaml;
import io.netpolguard.write.StreamWriter;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stream about to be written is read back and checked against the plan: each way the bytes can differ from what
 * was planned (a label that YAML does not read where it was meant, a document lost or joined to another, a generated
 * policy that selects other pods or takes a name the stream already uses) is caught as netpol-guard's own error.
 */
class WrittenOutputTest {

    private static final String CHART_POLICY = """
            ---
            # Source: shop/templates/netpol.yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: shop-db
            spec:
              podSelector: {matchLabels: {app: db}}
              policyTypes: [Egress]
            """;
    private static final String CONFIG = """
            ---
            # Source: shop/templates/config.yaml
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: shop-config}
            """;
    private static final String INPUT = PostRenderer.WEB + CONFIG;

    /** One run's input, plan and output, as NetpolGuard.run makes them, to be checked as written or altered. */
    private record Run(Manifest manifest, Scope scope, Plan plan, List<Coverage> coverage, StreamWriter writer) {

        static Run of(String input) {
            Config config = Config.defaults();
            Manifest manifest = new ManifestReader(config.workloadKinds()).read(input.getBytes(StandardCharsets.UTF_8));
            Scope scope = new Scope(null, config.exemptNamespaces());
            Plan plan = new Planner("shop", true, scope, config).plan(manifest, manifest.workloads());
            List<Verifier.Policy> policies = new ArrayList<>();
            for (NetworkPolicy p : manifest.policies()) {
                policies.add(new Verifier.Policy(scope.of(p.object()), p.object().name(), p.podSelector(),
                        p.ingress(), p.egress()));
            }
            List<String> rendered = new ArrayList<>();
            for (PolicySpec p : plan.policies()) {
                policies.add(new Verifier.Policy(p.namespace(), p.name(), p.podSelector(), p.ingress(), p.egress()));
                rendered.add(new PolicyYaml(false).render(p, "shop"));
            }
            return new Run(manifest, scope, plan, new Verifier(scope).verify(plan.podLabels(), policies),
                    new StreamWriter(manifest.documents(), plan.labelAdds(), rendered));
        }

        void check(List<RawDocument> written, List<RawDocument> appended) {
            new WrittenOutput(manifest, scope, Config.defaults().workloadKinds(), "shop", null).check(written, appended,
                    writer.lineBreakBeforeAppended(), plan.podLabels(), plan.policies(), coverage);
        }

        void check() {
            check(writer.written(), writer.appended());
        }

        /** The written documents with document {@code index} (0-based) replaced by its text changed. */
        List<RawDocument> writtenWith(int index, UnaryOperator<String> change) {
            return replaced(writer.written(), index, change);
        }

        List<RawDocument> appendedWith(int index, UnaryOperator<String> change) {
            return replaced(writer.appended(), index, change);
        }
    }

    private static List<RawDocument> replaced(List<RawDocument> documents, int index, UnaryOperator<String> change) {
        List<RawDocument> result = new ArrayList<>(documents);
        RawDocument d = documents.get(index);
        byte[] bytes = change.apply(new String(d.bytes(), d.offset(), d.length(), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        result.set(index, new RawDocument(d.number(), bytes, 0, bytes.length, d.firstLine()));
        return result;
    }

    @Test
    void theStreamAsWrittenPassesItsCheck() {
        assertThatCode(() -> Run.of(INPUT).check()).doesNotThrowAnyException();
        assertThatCode(() -> Run.of(INPUT + CHART_POLICY).check()).doesNotThrowAnyException();
    }

    @Test
    void aLabelWrittenIntoACommentIsCaughtNamingTheDocumentAndTheLabels() {
        Run run = Run.of(INPUT);
        List<RawDocument> written = run.writtenWith(0, t -> t.replace("        netpol-guard.io/release: \"shop\"\n",
                "        # netpol-guard.io/release: \"shop\"\n"));
        assertThatThrownBy(() -> run.check(written, run.writer().appended()))
                .isInstanceOf(InternalException.class)
                .hasMessageContaining("document 1 (shop/templates/web.yaml) gives Deployment (release namespace)/shop-web"
                        + " the pod labels {app=web, app.kubernetes.io/instance=shop}")
                .hasMessageContaining("netpol-guard.io/release=shop");
    }

    @Test
    void aLabelThatBreaksTheYamlIsCaught() {
        Run run = Run.of(INPUT);
        List<RawDocument> written = run.writtenWith(0, t -> t.replace("        app: web\n", "        ? app: web\n"
                + "       : x\n"));
        assertThatThrownBy(() -> run.check(written, run.writer().appended()))
                .isInstanceOf(InternalException.class).hasMessageContaining("does not read back")
                .hasMessageContaining("is not valid YAML");
    }

    @Test
    void aLabelThatSwallowsAnotherFieldIsCaught() {
        Run run = Run.of(INPUT);
        List<RawDocument> written = run.writtenWith(0, t -> t.replace("    spec:\n      containers:",
                "        spec:\n      containers:"));
        assertThatThrownBy(() -> run.check(written, run.writer().appended()))
                .isInstanceOf(InternalException.class).hasMessageContaining("spec=");
    }

    @Test
    void anUntouchedDocumentThatIsMissingOrJoinedToTheNextIsCaught() {
        Run run = Run.of(INPUT);
        List<RawDocument> fewer = new ArrayList<>(run.writer().written());
        fewer.remove(1);
        assertThatThrownBy(() -> run.check(fewer, run.writer().appended()))
                .isInstanceOf(InternalException.class).hasMessageContaining("1 of the input's 2 documents");
        List<RawDocument> joined = run.writtenWith(0, String::stripTrailing);
        assertThatThrownBy(() -> run.check(joined, run.writer().appended()))
                .isInstanceOf(InternalException.class).hasMessageContaining("does not end with a line break");
        List<RawDocument> split = run.writtenWith(0, t -> t + "---\n");
        assertThatThrownBy(() -> run.check(split, run.writer().appended()))
                .isInstanceOf(InternalException.class).hasMessageContaining("split into two documents");
    }

    @Test
    void aChangedDocumentThatLosesAnObjectOrChangesItIsCaught() {
        Run run = Run.of(INPUT);
        List<RawDocument> renamed = run.writtenWith(0, t -> t.replace("name: shop-web", "name: shop-api"));
        assertThatThrownBy(() -> run.check(renamed, run.writer().appended()))
                .isInstanceOf(InternalException.class).hasMessageContaining("shop-api");
        List<RawDocument> annotated = run.writtenWith(0, t -> t.replace("      labels:\n",
                "      annotations: {a: b}\n      labels:\n"));
        assertThatThrownBy(() -> run.check(annotated, run.writer().appended()))
                .isInstanceOf(InternalException.class).hasMessageContaining("beyond its pod labels");
    }

    @Test
    void aGeneratedPolicyThatSelectsOtherPodsOrAdmitsOtherPeersIsCaught() {
        Run run = Run.of(INPUT);
        List<RawDocument> other = run.appendedWith(0, t -> t.replaceFirst(
                "podSelector:\n    matchLabels:\n      netpol-guard.io/release: shop",
                "podSelector:\n    matchLabels:\n      netpol-guard.io/release: other"));
        assertThatThrownBy(() -> run.check(run.writer().written(), other))
                .isInstanceOf(InternalException.class).hasMessageContaining("is not the NetworkPolicy shop-netpol-guard");
        List<RawDocument> wider = run.appendedWith(0, t -> t.replace("kubernetes.io/metadata.name: kube-system",
                "kubernetes.io/metadata.name: elsewhere"));
        assertThatThrownBy(() -> run.check(run.writer().written(), wider))
                .isInstanceOf(InternalException.class).hasMessageContaining("is not the NetworkPolicy");
    }

    @Test
    void aGeneratedPolicyWhoseNameTheStreamAlreadyUsesIsCaught() {
        Run run = Run.of(INPUT + CHART_POLICY);
        String generated = run.plan().policies().get(0).name();
        List<RawDocument> written = run.writtenWith(2, t -> t.replace("name: shop-db", "name: " + generated));
        assertThatThrownBy(() -> run.check(written, run.writer().appended()))
                .isInstanceOf(InternalException.class);
    }

    @Test
    void aGeneratedPolicyThatIsMissingIsCaught() {
        Run run = Run.of(INPUT);
        assertThatThrownBy(() -> run.check(run.writer().written(), List.of()))
                .isInstanceOf(InternalException.class).hasMessageContaining("0 of 1 generated");
    }
}
