package io.netpolguard.cli;

import io.netpolguard.error.InputException;
import io.netpolguard.analyze.Format;
import io.netpolguard.analyze.Picture;
import io.netpolguard.model.Namespace;
import io.netpolguard.observe.FlowFormat;
import io.netpolguard.report.FindingsFormat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code netpol-guard analyze} is asked for: its command line read, checked and described ({@link #HELP}).
 * {@link Analyze} runs it.
 *
 * @param command  "list", "explain" or "diff"
 * @param format   the text format; ignored when {@code picture} is set
 * @param picture  svg or html; null for a text format
 * @param release  the release to highlight, or null
 * @param observed a flow log to check against the policies ({@code --observed}), or null
 * @param observedFormat its format, or null to tell it from its first record
 * @param observedWrite the configuration file to add the declared flows to, or null
 * @param operands what is not an option: the paths; for explain, SOURCE, DESTINATION and PROTOCOL/PORT before them;
 *                 for diff, BEFORE and AFTER
 */
record AnalyzeArguments(String command, Format format, Picture picture, boolean exposure, String namespace,
                        String release, Path config, Path output, Path expect, boolean updateExpect,
                        FindingsFormat findings, Path findingsFile, Path observed, FlowFormat observedFormat,
                        Path observedWrite, List<String> operands, boolean help) {

    static final String HELP = """
            Usage: netpol-guard analyze [options] [PATH ...]
                   netpol-guard analyze explain [options] SOURCE DESTINATION PROTOCOL/PORT [PATH ...]
                   netpol-guard analyze diff [options] BEFORE AFTER

            Lists which connections the NetworkPolicies of Kubernetes manifests allow: one line per pair of peers,
            "SOURCE => DESTINATION : CONNECTIONS", as np-guard's netpol-analyzer writes it. Peers are workloads
            (ns/name[Kind]; a bare Pod appears as its controlling owner), address ranges outside the cluster
            (a-b[External], split by every ipBlock) and {ingress-controller} (traffic through Ingress backends).

            PATH is a manifest file, or a folder read recursively (*.yaml, *.yml, *.json, in sorted order); several
            YAML documents per file, Lists and typed lists are read. Without PATH, or with -, stdin is read: for
            example the output of `helm template` or of the post-renderer itself.

              explain  why one connection is allowed or not: for the source's egress and the destination's ingress,
                       the policies selecting it and the rule that admits it. SOURCE and DESTINATION are peers as
                       listed (ns/web[Deployment]), ns/web, or web when unique, an address (10.1.2.3), a CIDR, or
                       as SOURCE {ingress-controller} (only the ports Ingress and route backends send, as listed);
                       PROTOCOL/PORT is e.g. TCP/8080, UDP/53, or TCP/http (a container port name of the destination).
              diff     what changes from BEFORE to AFTER (each a file, a folder or -): connections changed, added
                       and removed, as np-guard's diff writes them; nothing when nothing changes.

            Options:
              --format=FORMAT   txt (default), json, csv, md, dot (Graphviz), svg (a picture: namespaces as boxes,
                                workloads, peers and arrows labelled with the connections) or html (the picture and
                                a table of the connections, one self-contained page); diff: txt, json, csv or md;
                                explain: txt
              --exposure        also list which workloads are exposed to, or can reach, peers outside the input:
                                the entire cluster, addresses, and pods that rules select but no input pod matches;
                                and which are selected by no policy ("not protected"). With dot, svg and html, those
                                peers are drawn too (kube-dns, prometheus, the ingress controller's pods, any
                                namespace, ...); without it, only the input's workloads, address ranges and
                                {ingress-controller}
              --namespace=NS    the namespace of objects that name none (default: default); for a Helm release,
                                the release namespace
              --release=NAME    the Helm release, for the pictures: svg and html highlight the workloads whose
                                pods carry netpol-guard.io/release=NAME or app.kubernetes.io/instance=NAME, and
                                their namespaces, and the title names it (default: every workload of the input
                                is the release)
              --config=FILE     netpol-guard's configuration: its ingressControllers (default ingress-nginx) also
                                stand for {ingress-controller}, and its workloadKinds are read as workloads
              --output=FILE     write there instead of to stdout
              --expect=FILE     the connectivity lock: the input's connection list and exposure (txt, as
                                --exposure prints it) must be exactly FILE's, else exit 1 with the difference
              --update-expect   with --expect: write FILE from the input instead (review its diff, commit it)
              --findings=sarif|junit  also write findings for CI (unselected workloads, chart rules that void
                                isolation or admit peers outside the release, what a chart policy blocks, the
                                lock's drift), each at its chart template, to --findings-file=FILE (default
                                netpol-guard-findings.sarif or .xml); --release names the release
              --observed=FILE   instead of the connection list, check traffic observed in a cluster against the
                                policies: every observed flow they deny, by workload, with the policy and rule that
                                decide it, the declared flows (flows: entries) that admit them, and a summary; exit
                                1 when one is denied. FILE is a flow log: Cilium Hubble's `hubble observe -o
                                jsonpb` (or -o json), Inspektor Gadget's -o json of trace_tcp or its network
                                events, or CSV with the header source,destination,port,protocol (docs/observed.md)
              --observed-format=hubble|gadget|plain  FILE's format (default: told from its first record)
              --observed-write=CONFIG  with --observed: also add those flows to the configuration file CONFIG
                                (under flows:, the rest of the file kept as it is; created when missing)
              --help

            Exit codes: 0 done; 1 the connectivity differs from --expect (the difference on stderr), or an observed
                        flow is denied; 2 usage or input error (one message on stderr, nothing written).
            """;

    private static final String SUGGESTION = "Run `netpol-guard analyze --help` for the options.";

    private static final List<String> OPTIONS = List.of("--format", "--exposure", "--namespace", "--release",
            "--config", "--output", "--expect", "--update-expect", "--findings", "--findings-file", "--observed",
            "--observed-format", "--observed-write", "--help");

    static AnalyzeArguments parse(List<String> args) {
        String command = "list";
        int start = 0;
        if (!args.isEmpty() && (args.get(0).equals("diff") || args.get(0).equals("explain"))) {
            command = args.get(0);
            start = 1;
        }
        Format format = Format.TXT;
        Picture picture = null;
        boolean exposure = false;
        boolean help = false;
        String namespace = Namespace.NP_GUARD_DEFAULT;
        String release = null;
        Path config = null;
        Path output = null;
        Path expect = null;
        boolean updateExpect = false;
        FindingsFormat findings = null;
        Path findingsFile = null;
        Path observed = null;
        FlowFormat observedFormat = null;
        Path observedWrite = null;
        List<String> operands = new ArrayList<>();
        boolean options = true;
        CommandLine line = new CommandLine(args, start, SUGGESTION);
        while (line.next()) {
            String arg = line.arg();
            if (!options || arg.equals("-") || !arg.startsWith("-")) {
                operands.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                options = false;
                continue;
            }
            switch (line.name()) {
                case "--help", "-h" -> help = true;
                case "--exposure" -> exposure = line.flag();
                case "--update-expect" -> updateExpect = line.flag(); // as the post-renderer reads it
                case "--format", "--namespace", "--release", "--config", "--output", "--expect", "--findings",
                     "--findings-file", "--observed", "--observed-format", "--observed-write" -> {
                    String value = line.value();
                    switch (line.name()) {
                        case "--format" -> {
                            picture = Picture.of(value);
                            format = picture == null ? Format.of(value) : Format.TXT;
                            if (format == null) {
                                throw usage("--format=" + value
                                        + " is no format; use txt, json, csv, md, dot, svg or html");
                            }
                        }
                        case "--namespace" -> namespace = value;
                        case "--release" -> release = value;
                        case "--config" -> config = Path.of(value);
                        case "--expect" -> expect = Path.of(value);
                        case "--findings" -> {
                            findings = FindingsFormat.of(value);
                            if (findings == null) {
                                throw usage("--findings=" + value + " is no findings format; use sarif or junit");
                            }
                        }
                        case "--findings-file" -> findingsFile = Path.of(value);
                        case "--observed" -> observed = Path.of(value);
                        case "--observed-format" -> {
                            observedFormat = FlowFormat.of(value);
                            if (observedFormat == null) {
                                throw usage("--observed-format=" + value + " is no flow log format; use hubble,"
                                        + " gadget or plain");
                            }
                        }
                        case "--observed-write" -> observedWrite = Path.of(value);
                        default -> output = Path.of(value);
                    }
                }
                default -> throw line.unknown("unknown option", OPTIONS);
            }
        }
        if (!help) {
            check(command, format, picture, exposure, release, operands);
            if (!command.equals("list") && (expect != null || findings != null)) {
                throw usage("--expect and --findings are for the connection list, not for analyze " + command);
            }
            if (updateExpect && expect == null) {
                throw usage("--update-expect needs --expect=FILE, the lock file to write");
            }
            if (findingsFile != null && findings == null) {
                throw usage("--findings-file needs --findings=sarif or --findings=junit");
            }
            if (observed == null && (observedFormat != null || observedWrite != null)) {
                throw usage((observedFormat != null ? "--observed-format" : "--observed-write")
                        + " needs --observed=FILE, the flow log");
            }
            if (observed != null && (!command.equals("list") || expect != null || findings != null
                    || picture != null || format != Format.TXT || exposure)) {
                throw usage("--observed is a check of its own: it writes its report as text, without analyze "
                        + "explain or diff, --format, --exposure, --expect or --findings");
            }
        }
        return new AnalyzeArguments(command, format, picture, exposure, namespace, release, config, output, expect,
                updateExpect, findings, findingsFile, observed, observedFormat, observedWrite, List.copyOf(operands),
                help);
    }

    private static void check(String command, Format format, Picture picture, boolean exposure, String release,
                              List<String> operands) {
        if (command.equals("diff")) {
            if (operands.size() != 2) {
                throw usage("analyze diff needs two inputs, BEFORE and AFTER (found " + operands.size() + ")");
            }
            if (format == Format.DOT || picture != null) {
                throw usage("analyze diff writes txt, json, csv or md, not "
                        + (picture == null ? "dot" : picture.label()));
            }
        } else if (command.equals("explain")) {
            if (operands.size() < 3) {
                throw usage("analyze explain needs SOURCE, DESTINATION and PROTOCOL/PORT, e.g. "
                        + "analyze explain ns/web ns/db TCP/5432 manifests/");
            }
            if (format != Format.TXT || picture != null) {
                throw usage("analyze explain writes txt only");
            }
        }
        if (!command.equals("list")) {
            if (exposure) {
                throw usage("--exposure is for the connection list, not for analyze " + command);
            }
            if (release != null) {
                throw usage("--release is for the connection list and its pictures, not for analyze " + command);
            }
        }
        if (command.equals("diff") && operands.get(0).equals("-") && operands.get(1).equals("-")) {
            throw usage("only one of BEFORE and AFTER can be stdin (-)");
        }
        if (operands.stream().filter(o -> o.equals("-")).count() > 1) {
            throw usage("stdin (-) can be read only once");
        }
    }

    private static InputException usage(String problem) {
        return CommandLine.usage(problem, SUGGESTION);
    }
}
