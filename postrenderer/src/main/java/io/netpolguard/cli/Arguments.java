package io.netpolguard.cli;

import io.netpolguard.InputException;

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

    private static final List<String> OPTIONS = List.of("--release", "--namespace", "--config", "--check-only",
            "--no-inject-labels", "--no-allowance", "--segregate", "--explain", "--report", "--strict", "--expect",
            "--update-expect", "--findings", "--findings-file", "--observed", "--observed-format", "--help",
            "--version");

    static Arguments parse(List<String> args) {
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
        CommandLine line = new CommandLine(args, 0, SUGGESTION);
        while (line.next()) {
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
                        case "--no-allowance" -> noAllowances.addAll(allowances(value));
                        case "--expect" -> expect = Path.of(value);
                        case "--findings-file" -> findingsFile = Path.of(value);
                        case "--observed" -> observed = Path.of(value);
                        case "--observed-format" -> {
                            observedFormat = FlowFormat.of(value);
                            if (observedFormat == null) {
                                throw usage("--observed-format names \"" + value + "\"; the formats are hubble,"
                                        + " gadget and plain");
                            }
                        }
                        case "--findings" -> {
                            findings = FindingsFormat.of(value);
                            if (findings == null) {
                                throw usage("--findings names \"" + value + "\"; the formats are sarif and junit");
                            }
                        }
                        default -> report = Path.of(value);
                    }
                }
                default -> throw line.unknown("unknown argument", OPTIONS);
            }
        }
        if (updateExpect && expect == null) {
            throw usage("--update-expect writes the lock file that --expect names; add --expect=FILE");
        }
        if (findingsFile != null && findings == null) {
            throw usage("--findings-file needs the format: add --findings=sarif or --findings=junit");
        }
        if (observedFormat != null && observed == null) {
            throw usage("--observed-format is the format of the flow log that --observed names; add --observed=FILE");
        }
        if (findings != null && findingsFile == null) {
            findingsFile = Path.of(findings.defaultFileName());
        }
        return new Arguments(release, namespace, config, checkOnly, noInject, noAllowances, segregate, explain, report, strict,
                expect, updateExpect, findings, findingsFile, observed, observedFormat, help, version);
    }

    /** "apiServer,monitoring" or "all". */
    static Set<Allowance> allowances(String value) {
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
                throw usage("--no-allowance names \"" + key + "\"; the allowances are " + allowanceNames()
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

    private static InputException usage(String problem) {
        return CommandLine.usage(problem, SUGGESTION);
    }
}
