package io.netpolguard.cli;

import io.netpolguard.InputException;
import io.netpolguard.config.Allowance;
import io.netpolguard.export.ExportFormat;
import io.netpolguard.report.FindingsFormat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code netpol-guard export} is asked for: its command line read, checked and described ({@link #HELP}).
 * {@link Export} runs it. The options it shares with the post-renderer mean what they mean there.
 *
 * @param input the file holding the rendered manifests, or null for stdin
 */
record ExportArguments(Path output, ExportFormat format, Path input, String release, String namespace, Path config,
                       boolean noInjectLabels, Set<Allowance> noAllowances, boolean segregate, boolean explain,
                       Path report, boolean strict, Path expect, boolean updateExpect, FindingsFormat findings,
                       Path findingsFile, boolean help) {

    private static final String SUGGESTION = "Run `netpol-guard export --help` for the options.";

    static final String HELP = """
            Usage: helm template RELEASE CHART -n NAMESPACE [VALUES...] \\
                     | netpol-guard export --output=DIR [--format=component|flux] [options] [FILE]

            For GitOps tools that cannot run a post-renderer (kustomize's helmCharts, Argo CD with kustomize, Flux's
            HelmRelease): writes what the post-renderer would do to the same rendered manifests, with the same
            options, as files to commit. The NetworkPolicies it would append (same names, labels and reasons), and
            the labels it would add to each pod template as kustomize patches, one per workload (a CronJob's job
            template, a Pod's own labels, configured workload kinds, hook workloads when the input shows them).
            Render the input exactly as the tool will (same release name, namespace, chart version and values):
            `helm template` prints hooks too, as kustomize and Argo CD see them. FILE, or stdin when none.

              --output=DIR       the folder to write (made when missing); only the files below are written
              --format=component (default) a kustomize Component: DIR/kustomization.yaml (kind: Component, the
                                 label patches) and DIR/networkpolicies.yaml; a kustomization with helmCharts
                                 includes it with `components: [DIR]`
              --format=flux      DIR/helmrelease-patch.yaml (spec.postRenderers[].kustomize.patches, patched into
                                 the HelmRelease) and DIR/policies/ (kustomization.yaml and networkpolicies.yaml, for
                                 a Flux Kustomization the HelmRelease's depends on)

            Options as for the post-renderer (netpol-guard --help):
              --release=NAME  --namespace=NS  --config=FILE  --no-inject-labels (no patches: the policies select
              the pods by their own labels)  --no-allowance=A,B  --segregate  --explain  --report=FILE  --strict
              --findings=sarif|junit  --findings-file=FILE
              --expect=FILE      the connectivity lock of what the export deploys (as the post-renderer's); and
                                 DIR must already hold exactly this export: CI fails, with the differences, when the
                                 chart, its values or the options changed and the export was not made again.
                                 Nothing is written
              --update-expect    with --expect: write FILE and DIR from this run (review the diff, commit both)
              --help

            Exit codes: 0 done; 1 refused (a workload would be selected by no NetworkPolicy; with --strict, a
                        finding; with --expect, the connectivity drifted or DIR is not this export), nothing
                        written; 2 usage, configuration or input error, nothing written.
            """;

    static ExportArguments parse(List<String> args) {
        Path output = null;
        ExportFormat format = ExportFormat.COMPONENT;
        Path input = null;
        String release = null;
        String namespace = null;
        Path config = null;
        Path report = null;
        boolean noInject = false;
        boolean explain = false;
        boolean segregate = false;
        boolean strict = false;
        boolean updateExpect = false;
        boolean help = false;
        Path expect = null;
        FindingsFormat findings = null;
        Path findingsFile = null;
        Set<Allowance> noAllowances = EnumSet.noneOf(Allowance.class);
        CommandLine line = new CommandLine(args, 0, SUGGESTION);
        while (line.next()) {
            switch (line.name()) {
                case "--no-inject-labels" -> noInject = line.flag();
                case "--explain" -> explain = line.flag();
                case "--segregate" -> segregate = line.flag();
                case "--strict" -> strict = line.flag();
                case "--update-expect" -> updateExpect = line.flag();
                case "--help", "-h" -> help = true;
                case "--check-only" -> throw line.usage("export writes what netpol-guard adds, and --check-only adds"
                        + " nothing; check the rendered manifests with `netpol-guard --check-only` or"
                        + " `netpol-guard analyze --findings=sarif`");
                case "--output", "--format", "--release", "--namespace", "--config", "--report", "--no-allowance",
                     "--expect", "--findings", "--findings-file" -> {
                    String value = line.value();
                    switch (line.name()) {
                        case "--output" -> output = Path.of(value);
                        case "--format" -> {
                            format = ExportFormat.of(value);
                            if (format == null) {
                                throw line.usage("--format names \"" + value + "\"; the formats are component and"
                                        + " flux");
                            }
                        }
                        case "--release" -> release = value;
                        case "--namespace" -> namespace = value;
                        case "--config" -> config = Path.of(value);
                        case "--no-allowance" -> noAllowances.addAll(Arguments.allowances(value));
                        case "--expect" -> expect = Path.of(value);
                        case "--findings-file" -> findingsFile = Path.of(value);
                        case "--findings" -> {
                            findings = FindingsFormat.of(value);
                            if (findings == null) {
                                throw line.usage("--findings names \"" + value + "\"; the formats are sarif and junit");
                            }
                        }
                        default -> report = Path.of(value);
                    }
                }
                default -> {
                    if (line.arg().startsWith("-") && !line.arg().equals("-")) {
                        throw line.usage("unknown argument \"" + line.arg() + "\"");
                    }
                    if (input != null) {
                        throw line.usage("export reads one FILE (or stdin), and \"" + input + "\" and \"" + line.arg()
                                + "\" are given");
                    }
                    input = line.arg().equals("-") ? null : Path.of(line.arg());
                }
            }
        }
        if (help) {
            return new ExportArguments(null, format, null, null, null, null, false, noAllowances, false, false, null,
                    false, null, false, null, null, true);
        }
        if (output == null) {
            throw line.usage("export needs the folder to write: add --output=DIR (e.g. --output=deploy/netpol-guard)");
        }
        if (updateExpect && expect == null) {
            throw line.usage("--update-expect writes the lock file that --expect names; add --expect=FILE");
        }
        if (findingsFile != null && findings == null) {
            throw line.usage("--findings-file needs the format: add --findings=sarif or --findings=junit");
        }
        if (findings != null && findingsFile == null) {
            findingsFile = Path.of(findings.defaultFileName());
        }
        return new ExportArguments(output, format, input, release, namespace, config, noInject, noAllowances,
                segregate, explain, report, strict, expect, updateExpect, findings, findingsFile, false);
    }

    /** The options that shape the files, as a command line for their first comment. */
    String describe() {
        StringBuilder sb = new StringBuilder("netpol-guard export");
        if (format != ExportFormat.COMPONENT) {
            sb.append(" --format=").append(format.key());
        }
        if (release != null) {
            sb.append(" --release=").append(release);
        }
        if (namespace != null) {
            sb.append(" --namespace=").append(namespace);
        }
        if (config != null) {
            sb.append(" --config=").append(config);
        }
        if (segregate) {
            sb.append(" --segregate");
        }
        if (noInjectLabels) {
            sb.append(" --no-inject-labels");
        }
        if (!noAllowances.isEmpty()) {
            sb.append(" --no-allowance=").append(String.join(",", noAllowances.stream().map(Allowance::key)
                    .sorted().toList()));
        }
        return sb.toString();
    }
}
