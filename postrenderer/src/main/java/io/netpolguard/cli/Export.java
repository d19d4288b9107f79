package io.netpolguard.cli;

import io.netpolguard.error.InputException;
import io.netpolguard.verify.InternalException;
import io.netpolguard.Result;
import io.netpolguard.Settings;
import io.netpolguard.config.Config;
import io.netpolguard.config.ConfigReader;
import io.netpolguard.config.Words;
import io.netpolguard.export.ExportFiles;
import io.netpolguard.export.GitOpsExport;
import io.netpolguard.model.RawDocument;
import io.netpolguard.pipeline.Pipeline;
import io.netpolguard.read.StreamSplitter;
import io.netpolguard.report.LockCheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;

/**
 * {@code netpol-guard export}: the post-renderer's labels and policies as files for GitOps tools that cannot run a
 * post-renderer. Reached only through {@link Main} when the first argument is {@code export}. The same run of the core
 * as the post-renderer's, the same refusals, lock, report and findings; then {@link GitOpsExport} instead of the
 * output stream.
 */
final class Export {

    private final InputStream in;
    private final OutputStream out;
    private final PrintStream err;
    /** Called after each document read, or null (see {@link Main}). */
    private final Runnable afterEachDocument;

    Export(InputStream in, OutputStream out, PrintStream err, Runnable afterEachDocument) {
        this.afterEachDocument = afterEachDocument;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code netpol-guard export ARGS}; returns the exit code. */
    int run(List<String> args) {
        try {
            ExportArguments request = ExportArguments.parse(args);
            if (request.options().help()) {
                out.write(ExportArguments.HELP.getBytes(StandardCharsets.UTF_8));
                out.flush();
                return Main.OK;
            }
            Config config = (request.options().config() == null ? Config.defaults()
                    : ConfigReader.read(request.options().config(), Words.COMMAND)).without(request.options().noAllowances());
            if (request.options().segregate()) {
                config = config.withSegregate(true);
            }
            Settings settings = new Settings(request.options().release(), request.options().namespace(), false,
                    !request.options().noInjectLabels(), config, request.options().strict(), Words.COMMAND,
                    afterEachDocument);
            // What the export deploys is what the post-renderer writes: the same steps, the same lock.
            Pipeline.Request checks = new Pipeline.Request(settings).lock(request.options().expect(), request.options().updateExpect());
            if (request.options().report() != null) {
                checks.report();
            }
            if (request.options().findings() != null) {
                checks.findings();
            }
            if (request.options().explain()) {
                checks.explain();
            }
            Pipeline.Outcome outcome = Pipeline.run(documents(request), checks);
            Result result = outcome.result();
            LockCheck lock = outcome.lock();
            CheckFiles.write(outcome, request.options().report(), request.options().findings(), request.options().findingsFile());
            err.print(Main.notes(outcome));
            err.flush();
            if (outcome.refusal() != null) {
                return fail("refused", outcome.refusal(), Main.REFUSED);
            }
            GitOpsExport export = GitOpsExport.of(result, request.format(), request.options().namespace(), request.describe(),
                    Words.COMMAND);
            if (request.options().expect() != null && !request.options().updateExpect()) {
                List<String> differences = ExportFiles.differences(export, request.output(), Words.COMMAND);
                if (!differences.isEmpty()) {
                    return fail("refused", stale(request, differences), Main.REFUSED);
                }
                note("the export in " + request.output() + " and the connectivity lock " + request.options().expect()
                        + " are this release's.");
                return Main.OK;
            }
            ExportFiles.write(export, request.output(), Words.COMMAND);
            note("wrote " + String.join(", ", export.files().keySet().stream()
                    .map(f -> request.output().resolve(f).toString()).toList()) + " (" + result.generated().size()
                    + " NetworkPolicies, " + result.writer().labelAdds().size() + " label patches).");
            if (lock != null && lock.status() == LockCheck.Status.UPDATED) {
                note("wrote the connectivity lock " + lock.file() + ": review the diffs and commit them.");
            }
            return Main.OK;
        } catch (InputException e) {
            return fail("error", e.paragraph(), Main.ERROR);
        } catch (InternalException e) {
            return fail("internal error", e.paragraph(Words.COMMAND), Main.ERROR);
        } catch (IOException e) {
            return fail("error", "netpol-guard could not read its input or write its output: " + e.getMessage()
                    + ".", Main.ERROR);
        }
    }

    private List<RawDocument> documents(ExportArguments request) throws IOException {
        if (request.input() == null) {
            return StreamSplitter.split(in, Main.MAX_STREAM_BYTES);
        }
        try {
            if (Files.size(request.input()) > Main.MAX_STREAM_BYTES) {
                throw new InputException("The input " + request.input() + " is larger than "
                        + (Main.MAX_STREAM_BYTES >> 20) + " MiB.", "Export one release at a time.");
            }
            return StreamSplitter.split(Files.readAllBytes(request.input()));
        } catch (NoSuchFileException e) {
            throw new InputException("There is no file " + request.input() + ".",
                    "Give the file that holds the rendered manifests (`helm template ... > FILE`), or pipe them in.");
        }
    }

    /** The refusal of a CI check whose folder does not hold this export. */
    private static String stale(ExportArguments request, List<String> differences) {
        StringBuilder sb = new StringBuilder("the export in ").append(request.output())
                .append(" is not what these manifests and options give (- what the folder holds, + what the export"
                        + " writes now):\n");
        differences.forEach(d -> sb.append(d).append('\n'));
        sb.append("If the change is intended, export again with --update-expect, review the diffs and commit them.\n");
        return sb.toString();
    }

    private void note(String text) {
        err.print("netpol-guard: " + Main.printable(text, false) + "\n");
        err.flush();
    }

    private int fail(String what, String paragraph, int code) {
        err.print("netpol-guard: " + what + ": " + Main.printable(paragraph.stripTrailing(), code == Main.REFUSED)
                + "\n");
        err.flush();
        return code;
    }
}
