package io.netpolguard.cli;

import io.netpolguard.config.Allowance;
import io.netpolguard.observe.FlowFormat;
import io.netpolguard.report.FindingsFormat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The command line: {@code [--release=NAME] [--namespace=NS] [--config=FILE] [--check-only]
 * [--no-inject-labels] [--no-allowance=NAME,...] [--segregate] [--explain] [--report=FILE] [--strict] [--expect=FILE
 * [--update-expect]] [--findings=sarif|junit [--findings-file=FILE]] [--observed=FILE
 * [--observed-format=hubble|gadget|plain]] [--help] [--version]}. Values may also follow
 * as the next argument.
 */
record Arguments(String release, String namespace, Path config, boolean checkOnly, boolean noInjectLabels,
                 Set<Allowance> noAllowances, boolean segregate, boolean explain, Path report, boolean strict, Path expect,
                 boolean updateExpect, FindingsFormat findings, Path findingsFile, Path observed,
                 FlowFormat observedFormat, boolean help, boolean version) {

    private static final String SUGGESTION = "Run `netpol-guard --help` for the options; with Helm pass each one as"
            + " --post-renderer-args=--option=value.";

    static final List<String> OPTIONS = List.of("--release", "--namespace", "--config", "--check-only",
            "--no-inject-labels", "--no-allowance", "--segregate", "--explain", "--report", "--strict", "--expect",
            "--update-expect", "--findings", "--findings-file", "--observed", "--observed-format", "--help",
            "--version");

    /**
     * Options a subcommand reads itself, beside the post-renderer's: {@link #take} reads the current argument when it
     * is one of them (or refuses it), and says whether it did.
     */
    interface Extra {
        boolean take(CommandLine line);
    }

    static Arguments parse(List<String> args) {
        return parse(new CommandLine(args, 0, SUGGESTION), line -> false, OPTIONS);
    }

    /**
     * @param line    the command line, whose usage errors suggest the command's help
     * @param extra   what the command reads itself
     * @param options the command's option names, for "did you mean"
     */
    static Arguments parse(CommandLine line, Extra extra, List<String> options) {
        String release = null;
        String namespace = null;
        Path config = null;
        Path report = null;
        boolean checkOnly = false;
        boolean noInject = false;
        boolean help = false;
        boolean version = false;
        boolean explain = false;
        boolean segregate = false;
        boolean strict = false;
        boolean updateExpect = false;
        Path expect = null;
        FindingsFormat findings = null;
        Path findingsFile = null;
        Path observed = null;
        FlowFormat observedFormat = null;
        Set<Allowance> noAllowances = EnumSet.noneOf(Allowance.class);
        while (line.next()) {
            if (extra.take(line)) {
                continue;
            }
            switch (line.name()) {
                case "--check-only" -> checkOnly = line.flag();
                case "--no-inject-labels" -> noInject = line.flag();
                case "--explain" -> explain = line.flag();
                case "--segregate" -> segregate = line.flag();
                case "--strict" -> strict = line.flag();
                case "--update-expect" -> updateExpect = line.flag();
                case "--help", "-h" -> help = true;
                case "--version" -> version = true;
                case "--release", "--namespace", "--config", "--report", "--no-allowance", "--expect", "--findings",
                     "--findings-file", "--observed", "--observed-format" -> {
                    String value = line.value();
                    switch (line.name()) {
                        case "--release" -> release = value;
                        case "--namespace" -> namespace = value;
                        case "--config" -> config = Path.of(value);
                        case "--no-allowance" -> noAllowances.addAll(allowances(value, line));
                        case "--expect" -> expect = Path.of(value);
                        case "--findings-file" -> findingsFile = Path.of(value);
                        case "--observed" -> observed = Path.of(value);
                        case "--observed-format" -> {
                            observedFormat = FlowFormat.of(value);
                            if (observedFormat == null) {
                                throw line.usage("--observed-format names \"" + value + "\"; the formats are hubble,"
                                        + " gadget and plain");
                            }
                        }
                        case "--findings" -> {
                            findings = FindingsFormat.of(value);
                            if (findings == null) {
                                throw line.usage("--findings names \"" + value + "\"; the formats are sarif and junit");
                            }
                        }
                        default -> report = Path.of(value);
                    }
                }
                default -> throw line.unknown("unknown argument", options);
            }
        }
        if (updateExpect && expect == null) {
            throw line.usage("--update-expect writes the lock file that --expect names; add --expect=FILE");
        }
        if (findingsFile != null && findings == null) {
            throw line.usage("--findings-file needs the format: add --findings=sarif or --findings=junit");
        }
        if (observedFormat != null && observed == null) {
            throw line.usage("--observed-format is the format of the flow log that --observed names; add --observed=FILE");
        }
        if (findings != null && findingsFile == null) {
            findingsFile = Path.of(findings.defaultFileName());
        }
        return new Arguments(release, namespace, config, checkOnly, noInject, noAllowances, segregate, explain, report, strict,
                expect, updateExpect, findings, findingsFile, observed, observedFormat, help, version);
    }

    /** "apiServer,monitoring" or "all". */
    private static Set<Allowance> allowances(String value, CommandLine line) {
        Set<Allowance> result = EnumSet.noneOf(Allowance.class);
        for (String name : value.split(",")) {
            String key = name.strip();
            Allowance a = Allowance.of(key);
            if (key.equals("all")) {
                for (Allowance each : Allowance.values()) {
                    if (each.isSwitch()) {
                        result.add(each);
                    }
                }
            } else if (a == null || !a.isSwitch()) {
                throw line.usage("--no-allowance names \"" + key + "\"; the allowances are " + allowanceNames()
                        + ", or all");
            } else {
                result.add(a);
            }
        }
        return result;
    }

    private static String allowanceNames() {
        return String.join(", ", EnumSet.allOf(Allowance.class).stream().filter(Allowance::isSwitch).map(Allowance::key)
                .sorted().toList());
    }
}
