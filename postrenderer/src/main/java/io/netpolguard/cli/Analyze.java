package io.netpolguard.cli;

import io.netpolguard.error.InputException;
import io.netpolguard.Settings;
import io.netpolguard.analyze.Analysis;
import io.netpolguard.analyze.Analyzer;
import io.netpolguard.analyze.Diff;
import io.netpolguard.analyze.Explain;
import io.netpolguard.analyze.Options;
import io.netpolguard.analyze.picture.Pictures;
import io.netpolguard.config.Config;
import io.netpolguard.config.ConfigReader;
import io.netpolguard.config.AtomicFile;
import io.netpolguard.config.FileProblem;
import io.netpolguard.config.Words;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.RawDocument;
import io.netpolguard.model.WorkloadKind;
import io.netpolguard.config.Flow;
import io.netpolguard.observe.ConfigMerge;
import io.netpolguard.observe.FlowsToDeclare;
import io.netpolguard.observe.Judgement;
import io.netpolguard.observe.Observed;
import io.netpolguard.observe.ObservedFile;
import io.netpolguard.observe.ObservedReport;
import io.netpolguard.pipeline.Pipeline;
import io.netpolguard.read.ManifestReader;
import io.netpolguard.read.StreamSplitter;
import io.netpolguard.report.LockCheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code netpol-guard analyze}: what the NetworkPolicies of manifests allow, as np-guard's netpol-analyzer lists it.
 * Reached only through {@link Main} when the first argument is {@code analyze}. Reads the command line
 * ({@link AnalyzeArguments}), then the manifests (files, folders, stdin), and writes what was asked for.
 */
final class Analyze {

    private final InputStream in;
    private final OutputStream out;
    private final PrintStream err;
    /** The workload kinds to read: the built-in ones and the configuration's. */
    private List<WorkloadKind> kinds = WorkloadKind.BUILT_IN;

    /** Stdin is a terminal: say so before reading it. */
    private final boolean terminal;
    /** Called after each document read, or null (see {@link Main}). */
    private final Runnable afterEachDocument;

    Analyze(InputStream in, OutputStream out, PrintStream err, boolean stdinIsTerminal, Runnable afterEachDocument) {
        this.terminal = stdinIsTerminal;
        this.afterEachDocument = afterEachDocument;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code netpol-guard analyze ARGS}; returns the exit code. */
    int run(List<String> args) {
        try {
            AnalyzeArguments request = AnalyzeArguments.parse(args);
            if (request.help()) {
                write(AnalyzeArguments.HELP.getBytes(StandardCharsets.UTF_8), null);
                return Main.OK;
            }
            Config config = request.config() == null ? Config.defaults()
                    : ConfigReader.read(request.config(), Words.COMMAND);
            kinds = config.workloadKinds();
            Options options = new Options(request.namespace(), request.exposure()).withRelease(request.release())
                    .withIngressControllers(config.ingressControllers());
            if (request.observed() != null) {
                return observed(request);
            }
            List<String> warnings = new ArrayList<>();
            Pipeline.Outcome checked = null;
            String text = switch (request.command()) {
                case "diff" -> {
                    Manifest before = read(List.of(request.operands().get(0)));
                    Manifest after = read(List.of(request.operands().get(1)));
                    yield Diff.between(before, after, options).render(request.format());
                }
                case "explain" -> {
                    List<String> ops = request.operands();
                    Analysis analysis = Analyzer.analyze(read(ops.subList(3, ops.size())), options.withExposure(false));
                    warnings.addAll(analysis.warnings());
                    yield Explain.text(analysis, ops.get(0), ops.get(1), ops.get(2));
                }
                default -> {
                    List<RawDocument> documents = documents(request.operands());
                    Manifest manifest = readDocuments(documents);
                    Analysis analysis = Analyzer.analyze(manifest, options);
                    warnings.addAll(analysis.warnings());
                    checked = checks(documents, manifest, request, config);
                    if (request.picture() == null) {
                        yield request.format().render(analysis);
                    }
                    yield Pictures.draw(request.picture(), analysis);
                }
            };
            write(text.getBytes(StandardCharsets.UTF_8), request.output());
            for (String w : warnings) {
                err.println("netpol-guard: warning: " + Main.printable(w, false));
            }
            LockCheck lock = checked == null ? null : checked.lock();
            if (lock != null && lock.status() == LockCheck.Status.UPDATED) {
                err.println("netpol-guard: wrote the connectivity lock " + Main.printable(lock.file().toString(), false)
                        + ": review its diff and commit it.");
            }
            err.flush();
            if (checked != null && checked.refusal() != null) {
                err.print("netpol-guard: refused: " + Main.printable(checked.refusal().stripTrailing(), true) + "\n");
                err.flush();
                return Main.REFUSED;
            }
            return Main.OK;
        } catch (InputException e) {
            return fail(e.paragraph());
        } catch (IOException e) {
            return fail("netpol-guard could not read its input or write its output: " + e.getMessage() + ".");
        }
    }

    /**
     * {@code --observed}: the flow log judged against the manifests' policies; the report on stdout (or
     * {@code --output}), the flows added to {@code --observed-write}; exit 1 when an observed flow is denied.
     */
    private int observed(AnalyzeArguments request) throws IOException {
        Manifest manifest = read(request.operands());
        Observed observed = ObservedFile.read(request.observed(), request.observedFormat(), Words.COMMAND);
        Judgement judgement = Judgement.of(manifest, request.namespace(), observed);
        String hint = request.observedWrite() == null ? "--observed-write=CONFIG adds them to a configuration file"
                : null;
        write(ObservedReport.text(judgement, hint).getBytes(StandardCharsets.UTF_8), request.output());
        if (request.observedWrite() != null) {
            List<Flow> added = ConfigMerge.merge(request.observedWrite(), FlowsToDeclare.of(judgement.denied()),
                    Words.COMMAND);
            String file = Main.printable(request.observedWrite().toString(), false);
            err.println("netpol-guard: " + (added.isEmpty() ? "the configuration file " + file
                    + " already declares every flow to add" : "added " + added.size() + " declared flow"
                    + (added.size() == 1 ? "" : "s") + " to " + file + ": review its diff"
                    + ", then run the release with it."));
        }
        err.flush();
        return judgement.denied().isEmpty() ? Main.OK : Main.REFUSED;
    }

    private int fail(String paragraph) {
        err.print("netpol-guard: error: " + Main.printable(paragraph.stripTrailing(), false) + "\n");
        err.flush();
        return Main.ERROR;
    }

    /**
     * The lock ({@code --expect}) of what the manifests allow, and the findings CI tools take ({@code --findings}):
     * the same checks as the post-renderer's {@code --check-only} (unselected workloads, chart rules that void
     * isolation or admit peers outside the release, what a chart's policy blocks) and the lock's drift, written to
     * the findings file.
     */
    private Pipeline.Outcome checks(List<RawDocument> documents, Manifest manifest, AnalyzeArguments request,
                                    Config config) {
        Pipeline.Request checks = new Pipeline.Request(new Settings(request.release(), request.namespace(), true, true,
                config, false, Words.COMMAND, afterEachDocument)).lock(request.expect(), request.updateExpect());
        if (request.findings() != null) {
            checks.findings();
        }
        Pipeline.Outcome outcome = Pipeline.analyze(documents, manifest, checks);
        if (request.findings() != null) {
            Path file = request.findingsFile() != null ? request.findingsFile()
                    : Path.of(request.findings().defaultFileName());
            CheckFiles.write(outcome, null, request.findings(), file);
        }
        return outcome;
    }

    // --- input ------------------------------------------------------------------------------------------------------

    /** Reads the manifests of the paths (stdin when none, or for "-") with the post-renderer's safe reader. */
    private Manifest read(List<String> paths) throws IOException {
        return readDocuments(documents(paths));
    }

    /** The documents of the paths (stdin when none, or for "-"), each file's prefixed with its name. */
    private List<RawDocument> documents(List<String> paths) throws IOException {
        List<RawDocument> documents = new ArrayList<>();
        long[] total = {0};
        if (paths.isEmpty()) {
            addStdin(documents, total);
        }
        for (String path : paths) {
            if (path.equals("-")) {
                addStdin(documents, total);
                continue;
            }
            Path p = Path.of(path);
            if (Files.isDirectory(p)) {
                List<Path> files = new ArrayList<>();
                walk(p, files);
                if (files.isEmpty()) {
                    throw new InputException("The folder " + path + " holds no *.yaml, *.yml or *.json file.",
                            "Point analyze at the folder or files that hold the manifests.");
                }
                for (Path f : files) {
                    String name = path.endsWith("/") ? path + p.relativize(f) : path + "/" + p.relativize(f);
                    add(documents, Files.readAllBytes(f), name.replace('\\', '/'), total);
                }
            } else if (Files.isRegularFile(p)) {
                add(documents, Files.readAllBytes(p), path, total);
            } else {
                throw new InputException("There is no file or folder " + path + ".",
                        "Check the path; without PATH analyze reads stdin.");
            }
        }
        if (documents.stream().noneMatch(Analyze::hasContent)) {
            throw new InputException("The input holds no Kubernetes object (it is empty, or only comments): "
                    + (paths.isEmpty() ? "stdin" : String.join(", ", paths)) + ".",
                    "Give analyze the manifests, e.g. the output of `helm template`.");
        }
        return documents;
    }

    private Manifest readDocuments(List<RawDocument> documents) {
        try {
            return new ManifestReader(kinds).withAfterEachDocument(afterEachDocument).read(documents);
        } catch (InputException e) {
            // The reader's advice is written for a post-renderer, which Helm feeds; here the user gave the files.
            String s = e.suggestion();
            boolean postRenderer = s.contains("post-renderer") || s.contains("template");
            throw postRenderer ? new InputException(e.getMessage(), "Fix that manifest; Kubernetes would refuse it too"
                    + " (for a chart, look at what `helm template` renders).") : e;
        }
    }

    private void addStdin(List<RawDocument> documents, long[] total) throws IOException {
        long left = Main.MAX_STREAM_BYTES - total[0];
        if (terminal) {
            err.print(Main.TERMINAL_HINT);
            err.flush();
        }
        List<RawDocument> docs = StreamSplitter.split(in, left);
        for (RawDocument d : docs) {
            total[0] += d.length();
            documents.add(new RawDocument(documents.size() + 1, d.bytes(), d.offset(), d.length(), d.firstLine()));
        }
    }

    /**
     * Adds the documents of one file, each with a {@code # Source: <name>} line in front so that messages name the
     * file. The document counts as starting one line earlier, so line numbers in messages are the file's own.
     */
    private static void add(List<RawDocument> documents, byte[] bytes, String name, long[] total) {
        total[0] += bytes.length;
        if (total[0] > Main.MAX_STREAM_BYTES) {
            throw new InputException("The input is larger than " + (Main.MAX_STREAM_BYTES >> 20) + " MiB.",
                    "Analyse fewer files at once.");
        }
        byte[] source = ("# Source: " + name.replace("\n", " ") + "\n").getBytes(StandardCharsets.UTF_8);
        List<RawDocument> split = StreamSplitter.split(bytes);
        int number = 0;
        for (RawDocument d : split) {
            byte[] withSource = Arrays.copyOf(source, source.length + d.length());
            System.arraycopy(d.bytes(), d.offset(), withSource, source.length, d.length());
            documents.add(new RawDocument(++number, withSource, 0, withSource.length, d.firstLine() - 1));
        }
    }

    /** True when the document holds more than blank lines, comments and separators. */
    private static boolean hasContent(RawDocument d) {
        String text = new String(d.bytes(), d.offset(), d.length(), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            String s = line.replace("\uFEFF", "").strip();
            if (!s.isEmpty() && !s.startsWith("#") && !s.equals("---") && !s.startsWith("--- ") && !s.equals("...")) {
                return true;
            }
        }
        return false;
    }

    /** The manifest files under a folder, depth first with each folder's entries sorted by name (as kubectl walks). */
    private static void walk(Path dir, List<Path> into) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(entries::add);
        }
        entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        for (Path e : entries) {
            if (Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS)) {
                walk(e, into);
            } else if (Files.isRegularFile(e)) {
                String n = e.getFileName().toString();
                if (n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json")) {
                    into.add(e);
                }
            }
        }
    }

    // --- output -----------------------------------------------------------------------------------------------------

    private void write(byte[] bytes, Path file) throws IOException {
        if (file == null) {
            out.write(bytes);
            out.flush();
            return;
        }
        try {
            AtomicFile.write(file, bytes);
        } catch (IOException e) {
            throw new InputException("The output file " + file + " " + FileProblem.ofWriting(e) + ".",
                    "Check the path given with --output.");
        }
    }
}
