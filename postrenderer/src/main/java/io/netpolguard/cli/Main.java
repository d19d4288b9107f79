package io.netpolguard.cli;

import io.netpolguard.error.InputException;
import io.netpolguard.verify.InternalException;
import io.netpolguard.Settings;
import io.netpolguard.config.Config;
import io.netpolguard.config.ConfigReader;
import io.netpolguard.config.Words;
import io.netpolguard.pipeline.Pipeline;
import io.netpolguard.read.StreamSplitter;
import io.netpolguard.report.LockCheck;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The post-renderer: reads the manifest stream on stdin, writes the isolated stream on stdout.
 * Exit 0: done; 1: refused, nothing written; 2: usage, configuration or input error, nothing written.
 */
public final class Main {

    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int ERROR = 2;

    /** Streams larger than this are refused before they exhaust memory. */
    static final int MAX_STREAM_BYTES = 1024 * 1024 * 1024;

    /** Printed before reading stdin when it is a terminal (the launcher says so), instead of waiting silently. */
    static final String TERMINAL_HINT = "netpol-guard: reading the manifests from the terminal (stdin): paste them"
            + " and end with Ctrl-D, or pipe them in (helm template NAME CHART | netpol-guard --release=NAME), or"
            + " let Helm run netpol-guard as its post-renderer (netpol-guard --help shows how).\n";

    private final InputStream in;
    private final OutputStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    /** The notes and the last words, on stderr and where Helm shows them. */
    private final Stderr messages;
    /** Called after each document read ({@link HeapPacing} in this process's own JVM), or null. */
    private final Runnable afterEachDocument;

    /** Calling nothing after each document read (tests, which run in a JVM that is not this run's). */
    Main(InputStream in, OutputStream out, PrintStream err, Map<String, String> env) {
        this(in, out, err, env, null);
    }

    Main(InputStream in, OutputStream out, PrintStream err, Map<String, String> env, Runnable afterEachDocument) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.env = env;
        this.messages = new HelmStderr(err, env);
        this.afterEachDocument = afterEachDocument;
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        String started = env.get("NETPOL_GUARD_STARTED");
        if (started != null && !started.isEmpty()) {
            new java.io.File(started).delete(); // tells the launcher that the JVM started (see bin/netpol-guard)
        }
        // this process's heap is ours to pace (see HeapPacing)
        int code = new Main(System.in, new FileOutputStream(java.io.FileDescriptor.out), System.err, env,
                new HeapPacing()).run(args);
        System.exit(code);
    }

    int run(String... args) {
        if (args.length > 0 && args[0].equals("analyze")) { // the analysis classes load only here
            return new Analyze(in, out, err, stdinIsTerminal(), afterEachDocument)
                    .run(Arrays.asList(args).subList(1, args.length));
        }
        if (args.length > 0 && args[0].equals("export")) { // the export classes load only here
            return new Export(in, out, err, afterEachDocument).run(Arrays.asList(args).subList(1, args.length));
        }
        Arguments arguments;
        try {
            arguments = Arguments.parse(Arrays.asList(args));
        } catch (InputException e) {
            return fail("error", e.paragraph(), ERROR);
        }
        if (arguments.help() || arguments.version()) {
            String text = arguments.help() ? Help.TEXT : "netpol-guard " + version() + "\n";
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                return ERROR;
            }
            return OK;
        }
        try {
            Config config = (arguments.config() == null ? Config.defaults()
                    : ConfigReader.read(arguments.config(), Words.POST_RENDERER)).without(arguments.noAllowances());
            if (arguments.segregate()) {
                config = config.withSegregate(true);
            }
            Settings settings = new Settings(arguments.release(), arguments.namespace(), arguments.checkOnly(),
                    !arguments.noInjectLabels(), config, arguments.strict(), Words.POST_RENDERER, afterEachDocument);
            if (stdinIsTerminal()) {
                err.print(TERMINAL_HINT);
                err.flush();
            }
            Pipeline.Outcome outcome = Pipeline.run(StreamSplitter.split(in, MAX_STREAM_BYTES), request(arguments,
                    settings));
            CheckFiles.write(outcome, arguments.report(), arguments.findings(), arguments.findingsFile());
            StringBuilder notes = new StringBuilder(notes(outcome));
            LockCheck lock = outcome.lock();
            if (lock != null && lock.status() == LockCheck.Status.UPDATED) {
                notes.append("netpol-guard: wrote the connectivity lock ").append(printable(lock.file().toString(),
                        false)).append(": review its diff and commit it.\n");
            }
            if (notes.length() > 0) {
                messages.notes(notes.toString());
            }
            if (outcome.refusal() != null) {
                return fail("refused", outcome.refusal(), REFUSED);
            }
            OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
            outcome.writeTo(buffered);
            buffered.flush();
            return OK;
        } catch (InputException e) {
            return fail("error", e.paragraph(), ERROR);
        } catch (InternalException e) {
            return fail("internal error", e.paragraph(Words.POST_RENDERER), ERROR);
        } catch (IOException e) {
            return fail("error", "netpol-guard could not read its input or write its output: " + e.getMessage(),
                    ERROR);
        }
    }

    /** The launcher sets NETPOL_GUARD_STDIN_TERMINAL=1 when stdin is a terminal ({@code [ -t 0 ]}). */
    private boolean stdinIsTerminal() {
        return "1".equals(env.get("NETPOL_GUARD_STDIN_TERMINAL"));
    }

    /** What the post-renderer's options ask of the steps after the core. */
    private static Pipeline.Request request(Arguments arguments, Settings settings) {
        Pipeline.Request request = new Pipeline.Request(settings).lock(arguments.expect(), arguments.updateExpect());
        if (arguments.report() != null) {
            request.report();
        }
        if (arguments.findings() != null) {
            request.findings();
        }
        if (arguments.explain()) {
            request.explain();
        }
        if (arguments.observed() != null) { // the observe classes load only here
            request.observed(arguments.observed(), arguments.observedFormat());
        }
        return request;
    }

    /** The warnings, one line each, then the explanation when asked for: what a run that passes prints. */
    static String notes(Pipeline.Outcome outcome) {
        StringBuilder notes = new StringBuilder();
        for (String w : outcome.warnings()) {
            notes.append("netpol-guard: warning: ").append(printable(w, false)).append('\n');
        }
        for (String block : outcome.closedFlows()) { // the warning, then the declared flows indented under it
            String prefix = "netpol-guard: warning: ";
            for (String line : block.split("\n")) {
                notes.append(prefix).append(printable(line, false)).append('\n');
                prefix = "";
            }
        }
        if (outcome.explanation() != null) {
            notes.append(printable(outcome.explanation(), true));
        }
        if (outcome.observed() != null) {
            notes.append(printable(outcome.observed().notes(), true));
        }
        return notes.toString();
    }

    /** Prints the message where the user will see it, and returns the exit code. */
    private int fail(String what, String paragraph, int code) {
        messages.failure("netpol-guard: " + what + ": " + printable(paragraph.stripTrailing(), code == REFUSED) + "\n");
        return code;
    }

    /**
     * The text with control characters written as \\uXXXX: text taken from the input (a template path, a key)
     * must neither break an error's paragraph into lines nor send escape sequences to the user's terminal. A
     * message of several lines keeps its line breaks and tabs (np-guard's text in a lock's diff has tabs).
     */
    static String printable(String text, boolean keepLineBreaks) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (Character.isISOControl(c) && !(keepLineBreaks && (c == '\n' || c == '\t'))) {
                sb.append(String.format("\\u%04X", c));
            } else {
                sb.appendCodePoint(c);
            }
        }
        return sb.toString();
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "(development build)" : v;
    }
}
