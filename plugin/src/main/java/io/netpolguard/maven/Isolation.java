package io.netpolguard.maven;

import io.netpolguard.observe.FlowFormat;
import io.netpolguard.Result;
import io.netpolguard.Settings;
import io.netpolguard.analyze.Analysis;
import io.netpolguard.analyze.Picture;
import io.netpolguard.pipeline.Pipeline;
import io.netpolguard.read.StreamSplitter;
import io.netpolguard.report.FindingsFormat;
import io.netpolguard.report.LockCheck;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What both goals do, without Maven: render each source, run the core and the steps after it on it
 * ({@link Pipeline}: the connectivity lock, the refusal, the report, the findings), and write the report, the findings
 * and (for {@code isolate}) the isolated manifests and their picture. Selection, planning, verification and YAML
 * editing are the core's.
 */
public final class Isolation {

    /** Where the manifests come from. */
    public enum Kind { CHART, MANIFESTS }

    /**
     * @param kind        a chart directory or a directory of plain manifests
     * @param directory   the chart (holding Chart.yaml) or the manifests directory (every *.yaml / *.yml under it)
     * @param release     the release name the output and the labels are named after
     * @param namespace   the release namespace, or null
     * @param valuesFiles chart values files (charts only)
     * @param values      chart --set values (charts only; they win over the files and Jib's image)
     */
    public record Source(Kind kind, Path directory, String release, String namespace, List<Path> valuesFiles,
                         Map<String, String> values) {

        public String describe() {
            return (kind == Kind.CHART ? "chart " : "manifests ") + directory + " (release " + release
                    + (namespace == null ? "" : ", namespace " + namespace) + ")";
        }
    }

    /**
     * @param settings    check-only, label injection, strict and the configuration; release and namespace come
     *                    from each source
     * @param renderer    renders charts
     * @param kubeVersion the Kubernetes version charts are rendered for, or null
     * @param jibValues   chart values for the image Jib built (empty when none)
     * @param outputDir   where {@code <release>.yaml} and {@code <release>-report.json} go
     * @param checks      the connectivity lock and the findings file
     * @param picture     the picture of who may reach whom written beside the manifests, or null for none
     */
    public record Job(List<Source> sources, Settings settings, ChartRenderer renderer, String kubeVersion,
                      Map<String, String> jibValues, Path outputDir, Checks checks, Picture picture) {
    }

    /**
     * What CI needs beyond the report: the connectivity lock and the findings file.
     *
     * @param expect       the lock file, or null (one source only)
     * @param updateExpect write the lock file instead of comparing
     * @param findings     the findings format, or null for none
     * @param findingsFile where findings go, or null for {@code <release>-findings.sarif|xml} in the output folder
     * @param observed     a flow log to check the release's policies against, or null
     * @param observedFormat its format, or null to tell it from its first record
     */
    public record Checks(Path expect, boolean updateExpect, FindingsFormat findings, Path findingsFile,
                         Path observed, FlowFormat observedFormat) {
    }

    /**
     * @param checked  what the steps after the core decided: the result, the lock, the refusal, the notes
     * @param report   the JSON report written
     * @param findings the findings file written, or null
     */
    public record Outcome(Source source, Pipeline.Outcome checked, Path report, Path findings) {

        public String release() {
            return source.release();
        }

        /** The core's result (of the file written earlier, when {@code verify} found that refused). */
        public Result result() {
            return checked.result();
        }

        /** How the output compares with the lock file, or null without one. */
        public LockCheck lock() {
            return checked.lock();
        }

        /** Refused by the core, or its connectivity drifted from the lock file. */
        public boolean failed() {
            return checked.refusal() != null;
        }
    }

    /** A source could not be rendered or read; the message says which and why. */
    public static final class SourceException extends RuntimeException {
        private final String suggestion;

        SourceException(String message, String suggestion, Throwable cause) {
            super(message, cause);
            this.suggestion = suggestion;
        }

        public String suggestion() {
            return suggestion;
        }
    }

    private final Consumer<String> log;

    /** @param log receives one line per step (the Maven log at info level) */
    public Isolation(Consumer<String> log) {
        this.log = log;
    }

    private static Path manifestsFile(Path outputDir, String release) {
        return outputDir.resolve(release + ".yaml");
    }

    private static Path reportFile(Path outputDir, String release) {
        return outputDir.resolve(release + "-report.json");
    }

    /**
     * Runs every source. With {@code write}, writes each accepted result to {@code <release>.yaml} (and removes
     * a stale one when refused); without, checks an existing {@code <release>.yaml} too.
     *
     * @throws io.netpolguard.error.InputException when the core cannot use a stream or the configuration
     * @throws SourceException               when a source cannot be rendered or read
     */
    public List<Outcome> run(Job job, boolean write) throws IOException {
        Set<String> releases = new HashSet<>();
        for (Source s : job.sources()) {
            if (!releases.add(s.release())) {
                throw new SourceException("Two sources have the release name \"" + s.release() + "\".",
                        "Give each <chart> and <manifestDirectory> entry its own <release>.", null);
            }
        }
        Files.createDirectories(job.outputDir());
        List<Outcome> outcomes = new ArrayList<>();
        for (Source source : job.sources()) {
            outcomes.add(runOne(job, source, write));
        }
        return outcomes;
    }

    /**
     * One source: render it, run the core and the steps after it (the lock, the refusal, the report and the findings,
     * for {@code verify} also of the manifests written earlier), then write the manifests ({@code isolate}) and what
     * the steps made.
     */
    private Outcome runOne(Job job, Source source, boolean write) throws IOException {
        long start = System.nanoTime();
        Path output = manifestsFile(job.outputDir(), source.release());
        Path report = reportFile(job.outputDir(), source.release());
        if (write) {
            // A failed run must not leave an earlier run's manifests, or their picture, looking current.
            Files.deleteIfExists(output);
            Files.deleteIfExists(report);
            for (Path picture : connectivityFiles(job, source)) {
                Files.deleteIfExists(picture);
            }
        }
        String stream = source.kind() == Kind.CHART ? render(job, source) : readManifests(source);
        Pipeline.Request request = request(job, source);
        if (write && job.picture() != null) {
            request.connectivity(); // one analysis of the bytes written serves the lock and the picture
        } else if (!write && Files.isRegularFile(output)) {
            request.asWritten(Files.readAllBytes(output)); // the goal verify: the file isolate wrote must pass too
        }
        Pipeline.Outcome checked = Pipeline.run(StreamSplitter.split(stream.getBytes(StandardCharsets.UTF_8)),
                request);
        Result result = checked.result();
        Path manifests = null; // written by isolate, or checked as written by verify
        if (write && checked.refusal() == null) {
            writeAtomically(output, checked::writeTo);
            pictures(job, source, checked.analysis());
            manifests = output;
        } else if (checked.asWritten()) {
            manifests = output;
        }
        writeAtomically(report, out -> out.write(checked.report().getBytes(StandardCharsets.UTF_8)));
        Path findings = findings(job, source, checked);
        LockCheck lock = checked.lock();
        log.accept(String.format("%s: %d workload(s), %d policy(ies) added, %s%s%s in %d ms", source.describe(),
                result.coverage().size(), result.generated().size(),
                result.refused() ? result.unselected().size() + " unselected" : "all selected",
                lock == null ? "" : ", connectivity " + lock.status().name().toLowerCase(java.util.Locale.ROOT),
                manifests == null ? "" : (write ? ", wrote " : ", checked ") + manifests,
                (System.nanoTime() - start) / 1_000_000));
        return new Outcome(source, checked, report, findings);
    }

    /** What the goal's parameters ask of the steps after the core, for one source. */
    private static Pipeline.Request request(Job job, Source source) {
        Settings shared = job.settings();
        Pipeline.Request request = new Pipeline.Request(new Settings(source.release(), source.namespace(),
                shared.checkOnly(), shared.injectLabels(), shared.config(), shared.strict(), shared.words()))
                .lock(job.checks().expect(), job.checks().updateExpect()).report();
        if (job.checks().findings() != null) {
            request.findings();
        }
        if (job.checks().observed() != null) {
            request.observed(job.checks().observed(), job.checks().observedFormat());
        }
        if (!shared.checkOnly()) {
            request.explain();
        }
        return request;
    }

    /** The findings for CI, when asked for (written whether the release passed or not), or null. */
    private static Path findings(Job job, Source source, Pipeline.Outcome checked) throws IOException {
        FindingsFormat format = job.checks().findings();
        if (format == null) {
            return null;
        }
        Path file = job.checks().findingsFile() != null ? job.checks().findingsFile().toAbsolutePath()
                : job.outputDir().resolve(source.release() + "-findings." + format.extension());
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String text = format.render(checked.findings(), version());
        writeAtomically(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
        return file;
    }

    /** {@code <release>-connectivity.md}, {@code .svg} and {@code .html}, in that order. */
    private static List<Path> connectivityFiles(Job job, Source source) {
        return List.of(job.outputDir().resolve(source.release() + "-connectivity.md"),
                job.outputDir().resolve(source.release() + "-connectivity.svg"),
                job.outputDir().resolve(source.release() + "-connectivity.html"));
    }

    /** {@code <release>-connectivity.svg} (or .html) and .md beside the manifests, unless the picture is none. */
    private void pictures(Job job, Source source, Analysis analysis) throws IOException {
        if (job.picture() == null) {
            return;
        }
        Path md = job.outputDir().resolve(source.release() + "-connectivity.md");
        Path picture = job.outputDir().resolve(source.release() + "-connectivity." + job.picture().label());
        Connectivity.Documents docs = Connectivity.of(analysis, job.picture());
        writeAtomically(picture, out -> out.write(docs.picture().getBytes(StandardCharsets.UTF_8)));
        writeAtomically(md, out -> out.write(docs.markdown().getBytes(StandardCharsets.UTF_8)));
        log.accept(source.describe() + ": who may reach whom: " + picture + " (and " + md.getFileName() + ")");
    }

    private static String version() {
        String v = Isolation.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }

    private String render(Job job, Source source) {
        Map<String, String> values = new LinkedHashMap<>(job.jibValues());
        values.putAll(source.values());
        ChartRenderer.Request request = new ChartRenderer.Request(source.directory(), source.release(),
                source.namespace(), source.valuesFiles(), values, job.kubeVersion(),
                job.outputDir().resolve("work").resolve(source.release()));
        if (!Files.isRegularFile(source.directory().resolve("Chart.yaml"))) {
            throw new SourceException("The chart directory " + source.directory() + " has no Chart.yaml.",
                    "Point <directory> at the folder that holds Chart.yaml.", null);
        }
        for (Path v : source.valuesFiles()) {
            if (!Files.isRegularFile(v)) {
                throw new SourceException("The values file " + v + " of " + source.describe() + " does not exist.",
                        "Fix the <valuesFiles> entry.", null);
            }
        }
        try {
            return job.renderer().render(request);
        } catch (ChartRenderer.RenderException e) {
            if (e.suggestion() != null) { // not the chart's fault: the renderer cannot run
                throw new SourceException(e.getMessage(), e.suggestion(), e);
            }
            throw new SourceException("Helm cannot render " + source.describe() + " with "
                    + job.renderer().describe() + ": " + e.getMessage(),
                    "Fix the chart or its values; `helm template` shows the same error.", e);
        }
    }

    private static String readManifests(Source source) throws IOException {
        Path dir = source.directory();
        if (!Files.isDirectory(dir)) {
            throw new SourceException("The manifests directory " + dir + " does not exist.",
                    "Fix the <manifestDirectory><directory> entry.", null);
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
        }
        if (files.isEmpty()) {
            throw new SourceException("The manifests directory " + dir + " has no *.yaml or *.yml file.",
                    "Put the Kubernetes manifests there, or remove the <manifestDirectory> entry.", null);
        }
        StringBuilder sb = new StringBuilder();
        for (Path f : files) {
            String text = Files.readString(f);
            sb.append("---\n# Source: ").append(dir.relativize(f).toString().replace('\\', '/')).append('\n');
            sb.append(text);
            if (!text.endsWith("\n")) {
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** What a file holds, written to a stream. */
    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Parallel builds may read these files; never let them see half of one. */
    private static void writeAtomically(Path file, Content content) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            content.writeTo(out);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
