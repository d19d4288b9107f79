package io.netpolguard.pipeline;

import io.netpolguard.error.InputException;
import io.netpolguard.NetpolGuard;
import io.netpolguard.Result;
import io.netpolguard.Settings;
import io.netpolguard.analyze.Analysis;
import io.netpolguard.config.Words;
import io.netpolguard.lock.ConnectivityLock;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.RawDocument;
import io.netpolguard.observe.FlowFormat;
import io.netpolguard.observe.Judgement;
import io.netpolguard.observe.Observed;
import io.netpolguard.observe.ObservedFile;
import io.netpolguard.observe.ObservedOutcome;
import io.netpolguard.read.ManifestReader;
import io.netpolguard.read.StreamSplitter;
import io.netpolguard.report.CiFindings;
import io.netpolguard.report.ClosedFlowNotes;
import io.netpolguard.report.ExplainText;
import io.netpolguard.report.LockCheck;
import io.netpolguard.report.Report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The steps after the core, the same for every front end (the post-renderer, {@code export}, {@code analyze} and the
 * Maven plugin): the connectivity lock, the refusal, the JSON report, the findings for CI and the notes (warnings,
 * the explanation), each in the front end's {@link Words}. A front end maps its configuration onto a {@link Request},
 * calls {@link #run} (or, for manifests taken as they are, {@link #analyze}), then writes and prints the
 * {@link Outcome} its own way.
 */
public final class Pipeline {

    private Pipeline() {
    }

    /** What a front end asks for beyond the core's run; each part is off until asked for. */
    public static final class Request {
        private final Settings settings;
        private Path expect;
        private boolean updateExpect;
        private boolean report;
        private boolean findings;
        private boolean explain;
        private boolean connectivity;
        private byte[] asWritten;
        private Path observed;
        private FlowFormat observedFormat;

        /** @param settings the run's settings, with the front end's words */
        public Request(Settings settings) {
            this.settings = settings;
        }

        /** Compares the connectivity with the lock file (none when null), or (with {@code update}) writes the file. */
        public Request lock(Path file, boolean update) {
            this.expect = file;
            this.updateExpect = update;
            return this;
        }

        /** Makes the JSON report. */
        public Request report() {
            this.report = true;
            return this;
        }

        /** Gathers the findings for CI. */
        public Request findings() {
            this.findings = true;
            return this;
        }

        /** Explains what the release may do. */
        public Request explain() {
            this.explain = true;
            return this;
        }

        /** Analyses the connectivity of what is written even without a lock (for a picture of it). */
        public Request connectivity() {
            this.connectivity = true;
            return this;
        }

        /**
         * Checks the flows of a flow log against what is written ({@code --observed}): each one the policies would
         * deny is a warning (with strict, the refusal), with the declared flows that admit them.
         *
         * @param format the log's format, or null to tell it from its first record
         */
        public Request observed(Path file, FlowFormat format) {
            this.observed = file;
            this.observedFormat = format;
            return this;
        }

        /**
         * Also checks, as it is, the stream an earlier run wrote (the plugin's {@code verify}): when that is refused,
         * its result is the outcome's.
         */
        public Request asWritten(byte[] stream) {
            this.asWritten = stream;
            return this;
        }
    }

    /** What the steps decided. */
    public static final class Outcome {
        private final Result result;
        private final byte[] output;
        private final Analysis analysis;
        private final LockCheck lock;
        private final String refusal;
        private final List<String> warnings;
        private final List<String> closedFlows;
        private final String explanation;
        private final String report;
        private final CiFindings findings;
        private final boolean asWritten;
        private final ObservedOutcome observed;

        Outcome(Result result, byte[] output, Analysis analysis, LockCheck lock, String refusal, List<String> warnings,
                List<String> closedFlows, String explanation, String report, CiFindings findings, boolean asWritten,
                ObservedOutcome observed) {
            this.result = result;
            this.output = output;
            this.analysis = analysis;
            this.lock = lock;
            this.refusal = refusal;
            this.warnings = warnings;
            this.closedFlows = closedFlows;
            this.explanation = explanation;
            this.report = report;
            this.findings = findings;
            this.asWritten = asWritten;
            this.observed = observed;
        }

        /** The observed flows judged, when a flow log was given and the run was not refused otherwise; else null. */
        public ObservedOutcome observed() {
            return observed;
        }

        /**
         * The core's result (of the stream as written, when that was checked and refused); for manifests taken as
         * they are, that of the core's check when findings were asked for, else null.
         */
        public Result result() {
            return result;
        }

        /** The connectivity of what is written, when a lock or the request asked for it; else null. */
        public Analysis analysis() {
            return analysis;
        }

        /** How the connectivity compares with the lock file, or null without one. */
        public LockCheck lock() {
            return lock;
        }

        /** Why nothing may be written, in the front end's words (without "refused: "), or null. */
        public String refusal() {
            return refusal;
        }

        /** The warnings of the core's run to print (none for manifests taken as they are). */
        public List<String> warnings() {
            return warnings;
        }

        /**
         * The flows the documents show and the policies close, as warnings in the front end's words: a block per
         * workload (its first line the warning, the declared flows indented under it), then the count; empty when
         * none is closed.
         */
        public List<String> closedFlows() {
            return closedFlows;
        }

        /** What the release may do, when asked for; else null. */
        public String explanation() {
            return explanation;
        }

        /** The JSON report, when asked for; else null. */
        public String report() {
            return report;
        }

        /** The findings for CI, when asked for; else null. */
        public CiFindings findings() {
            return findings;
        }

        /** Whether the stream an earlier run wrote was checked (it was given, and the run itself was not refused). */
        public boolean asWritten() {
            return asWritten;
        }

        /** Writes the isolated stream (the very bytes the lock analysed, when there is one). Not when refused. */
        public void writeTo(OutputStream out) throws IOException {
            if (output != null) {
                out.write(output);
            } else {
                result.writeTo(out);
            }
        }
    }

    /**
     * Runs the core on the stream, then the steps on what it would write.
     *
     * @throws io.netpolguard.error.InputException    when the stream, the settings or the lock file cannot be used
     * @throws io.netpolguard.verify.InternalException when the output, read back, is not what was planned
     */
    public static Outcome run(List<RawDocument> documents, Request request) {
        Settings settings = request.settings;
        if (request.observed != null && settings.namespace() == null) { // before any work: it cannot be placed
            throw new InputException("The observed flows name the namespaces of their pods, and the release"
                    + " namespace is not known, so netpol-guard cannot tell which are the release's.",
                    settings.words().namespaceNeeded());
        }
        Result result = NetpolGuard.run(documents, settings);
        byte[] output = null;
        Analysis analysis = null;
        LockCheck lock = null;
        Manifest writtenManifest = null;
        if (!result.refused() && (request.expect != null || request.connectivity || request.observed != null)) {
            output = bytes(result);
            writtenManifest = new ManifestReader(settings.config().workloadKinds())
                    .withAfterEachDocument(settings.afterEachDocument()).read(StreamSplitter.split(output));
        }
        if (!result.refused() && (request.expect != null || request.connectivity)) { // the analysis loads only here
            analysis = ConnectivityLock.analyze(writtenManifest, settings.namespace(),
                    request.connectivity ? settings.release() : null, settings.config());
            if (request.expect != null) {
                lock = ConnectivityLock.check(analysis, request.expect, request.updateExpect, settings.words());
            }
        }
        boolean asWritten = request.asWritten != null && !result.refused();
        if (asWritten) {
            Result written = NetpolGuard.run(request.asWritten, new Settings(settings.release(), settings.namespace(),
                    true, false, settings.config(), false, settings.words(), settings.afterEachDocument()));
            if (written.refused()) {
                result = written;
            }
        }
        ObservedOutcome observed = writtenManifest == null || request.observed == null ? null
                : observed(writtenManifest, request, settings);
        String refusal = result.refused() ? Report.refusal(result, settings) : drift(lock, settings.words());
        if (refusal == null && observed != null && settings.strict()) {
            refusal = observed.refusal(settings.words());
        }
        List<String> warnings = Report.warnings(result);
        if (observed != null) {
            warnings = new ArrayList<>(warnings);
            warnings.addAll(observed.warnings());
        }
        String report = request.report ? Report.json(result, lock, refusal,
                observed == null ? Map.of() : Map.of("observed", observed.json())) : null;
        return new Outcome(result, output, analysis, lock, refusal, warnings,
                result.refused() ? List.of() : ClosedFlowNotes.blocks(result.closedFlows(), settings.words()),
                request.explain ? ExplainText.summary(result) : null, report,
                request.findings ? CiFindings.of(result, lock, settings) : null, asWritten, observed);
    }

    /** The observed flows judged against what is written (the release namespace is known: see run). */
    private static ObservedOutcome observed(Manifest written, Request request, Settings settings) {
        Observed log = ObservedFile.read(request.observed, request.observedFormat, settings.words());
        return new ObservedOutcome(Judgement.of(written, settings.namespace(), log));
    }

    /**
     * The steps on manifests taken as they are ({@code analyze}): the lock of what they allow, and the findings of
     * the core's check of them. Only a drift refuses: a workload no policy selects is a finding here.
     *
     * @param documents the manifests' documents, for the core's check
     * @param manifests the same, read
     */
    public static Outcome analyze(List<RawDocument> documents, Manifest manifests, Request request) {
        Settings settings = request.settings;
        LockCheck lock = request.expect == null ? null : ConnectivityLock.check(ConnectivityLock.analyze(manifests,
                settings.namespace(), null, settings.config()), request.expect, request.updateExpect, settings.words());
        Result checked = request.findings ? NetpolGuard.run(documents, settings) : null;
        return new Outcome(checked, null, null, lock, drift(lock, settings.words()), List.of(), List.of(), null, null,
                checked == null ? null : CiFindings.of(checked, lock, settings), false, null);
    }

    private static String drift(LockCheck lock, Words words) {
        return lock != null && lock.drifted() ? lock.driftMessage(words) : null;
    }

    private static byte[] bytes(Result result) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            result.writeTo(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return buffer.toByteArray();
    }
}
