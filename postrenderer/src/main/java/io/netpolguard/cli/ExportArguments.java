package io.netpolguard.cli;

import io.netpolguard.config.Allowance;
import io.netpolguard.export.ExportFormat;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code netpol-guard export} is asked for: its own options, and the post-renderer's ({@link Arguments}, which
 * mean what they mean there), read, checked and described ({@link #HELP}). {@link Export} runs it.
 *
 * @param output  the folder to write
 * @param format  what to write there
 * @param input   the file holding the rendered manifests, or null for stdin
 * @param options the post-renderer's options
 */
record ExportArguments(Path output, ExportFormat format, Path input, Arguments options) {

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

    /** The post-renderer's options that export does not take. */
    private static final List<String> NOT_TAKEN = List.of("--check-only", "--observed", "--observed-format",
            "--version");
    /** Export's options: its own and the post-renderer's it takes. */
    private static final List<String> OPTIONS = concat(List.of("--output", "--format"),
            Arguments.OPTIONS.stream().filter(o -> !NOT_TAKEN.contains(o)).toList());

    static ExportArguments parse(List<String> args) {
        CommandLine line = new CommandLine(args, 0, SUGGESTION);
        Own own = new Own();
        Arguments options = Arguments.parse(line, own, OPTIONS);
        if (options.help()) {
            return new ExportArguments(null, own.format, null, options);
        }
        if (own.output == null) {
            throw line.usage("export needs the folder to write: add --output=DIR (e.g. --output=deploy/netpol-guard)");
        }
        return new ExportArguments(own.output, own.format, own.input, options);
    }

    /** Export's own options and its FILE; the post-renderer's that do not apply are refused. */
    private static final class Own implements Arguments.Extra {
        Path output;
        ExportFormat format = ExportFormat.COMPONENT;
        Path input;

        @Override
        public boolean take(CommandLine line) {
            switch (line.name()) {
                case "--output" -> output = Path.of(line.value());
                case "--format" -> {
                    String value = line.value();
                    format = ExportFormat.of(value);
                    if (format == null) {
                        throw line.usage("--format names \"" + value + "\"; the formats are component and flux");
                    }
                }
                case "--check-only" -> throw line.usage("export writes what netpol-guard adds, and --check-only adds"
                        + " nothing; check the rendered manifests with `netpol-guard --check-only` or"
                        + " `netpol-guard analyze --findings=sarif`");
                case "--observed", "--observed-format" -> throw line.usage("export writes files for GitOps tools;"
                        + " check the traffic a cluster shows with `netpol-guard analyze --observed=FILE` on the"
                        + " manifests they deploy");
                default -> {
                    if (!line.arg().startsWith("-") || line.arg().equals("-")) {
                        if (input != null) {
                            throw line.usage("export reads one FILE (or stdin), and \"" + input + "\" and \""
                                    + line.arg() + "\" are given");
                        }
                        input = line.arg().equals("-") ? null : Path.of(line.arg());
                        return true;
                    }
                    if (NOT_TAKEN.contains(line.name())) {
                        throw line.usage("unknown argument \"" + line.arg() + "\"");
                    }
                    return false;
                }
            }
            return true;
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The options that shape the files, as a command line for their first comment. */
    String describe() {
        StringBuilder sb = new StringBuilder("netpol-guard export");
        if (format != ExportFormat.COMPONENT) {
            sb.append(" --format=").append(format.key());
        }
        if (options.release() != null) {
            sb.append(" --release=").append(options.release());
        }
        if (options.namespace() != null) {
            sb.append(" --namespace=").append(options.namespace());
        }
        if (options.config() != null) {
            sb.append(" --config=").append(options.config());
        }
        if (options.segregate()) {
            sb.append(" --segregate");
        }
        if (options.noInjectLabels()) {
            sb.append(" --no-inject-labels");
        }
        if (!options.noAllowances().isEmpty()) {
            sb.append(" --no-allowance=").append(String.join(",", options.noAllowances().stream().map(Allowance::key)
                    .sorted().toList()));
        }
        return sb.toString();
    }
}
