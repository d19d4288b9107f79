package io.netpolguard.cli;

import io.netpolguard.error.InputException;
import io.netpolguard.config.DidYouMean;

import java.util.List;

/**
 * A command line read one argument at a time, as {@code netpol-guard} and {@code netpol-guard analyze} read theirs:
 * an option is {@code --name=VALUE}, or {@code --name VALUE} when it takes a value. A usage error is one paragraph,
 * "Invalid command line: ...", ending in the command's own suggestion.
 */
final class CommandLine {

    private final List<String> args;
    private final String suggestion;
    private int next;
    private String arg;
    private String name;
    private String value;

    /**
     * @param start      the index of the first argument to read
     * @param suggestion what a usage error suggests, e.g. "Run `netpol-guard --help` for the options."
     */
    CommandLine(List<String> args, int start, String suggestion) {
        this.args = args;
        this.next = start;
        this.suggestion = suggestion;
    }

    /** Moves to the next argument; false when there is none. */
    boolean next() {
        if (next >= args.size()) {
            return false;
        }
        arg = args.get(next++);
        name = arg;
        value = null;
        int eq = arg.indexOf('=');
        if (arg.startsWith("--") && eq > 0) {
            name = arg.substring(0, eq);
            value = arg.substring(eq + 1);
        }
        return true;
    }

    /** The argument as written. */
    String arg() {
        return arg;
    }

    /** The option's name: before the "=" of {@code --name=VALUE}, else the whole argument. */
    String name() {
        return name;
    }

    /** True when the argument is {@code --name=VALUE}. */
    boolean hasValue() {
        return value != null;
    }

    /** The value of an option that takes one: after the "=", else the next argument; never blank. */
    String value() {
        if (value == null) {
            if (next >= args.size()) {
                throw usage(name + " needs a value, e.g. " + name + "=VALUE");
            }
            value = args.get(next++);
        }
        if (value.isBlank()) {
            throw usage(name + " needs a non-empty value");
        }
        return value;
    }

    /** A switch: {@code --name} or {@code --name=true} is on, {@code --name=false} off; another value is an error. */
    boolean flag() {
        if (value != null && !value.equals("true")) {
            if (value.equals("false")) {
                return false;
            }
            throw usage(name + " takes no value");
        }
        return true;
    }

    InputException usage(String problem) {
        return usage(problem, suggestion);
    }

    /** "unknown argument "--relase=shop"; did you mean --release=shop?" when it resembles one of the options. */
    InputException unknown(String what, List<String> options) {
        int eq = arg.indexOf('=');
        String typed = eq > 0 ? arg.substring(0, eq) : arg;
        String like = DidYouMean.among(typed, options);
        return usage(what + " \"" + arg + "\"" + (like == null ? "" : "; did you mean " + like
                + (eq > 0 ? arg.substring(eq) : "") + "?"));
    }

    static InputException usage(String problem, String suggestion) {
        return new InputException("Invalid command line: " + problem + (problem.endsWith("?") ? "" : "."), suggestion);
    }
}
