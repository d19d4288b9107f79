package io.netpolguard.plan.segregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A shell script ({@code sh -c '...'}, a mounted {@code start.sh}), read command by command: each command's
 * arguments as {@link Arguments} reads a program's, and each assignment's value as a variable's
 * ({@code HEADLESS_SERVICE="db-headless.team-a.svc.cluster.local"}). Comments are skipped, and so are the
 * arguments of commands that print or handle files ({@code echo waiting for the database}).
 */
final class Script {

    /** Words before a command's program. */
    private static final Set<String> KEYWORDS = Set.of("if", "then", "else", "elif", "fi", "do", "done", "while",
            "until", "for", "in", "case", "esac", "!", "time", "exec", "command", "nohup", "export", "local",
            "readonly", "declare", "typeset", "env", "sudo");

    /** Programs whose arguments are text, paths or patterns, never an address they connect to. */
    private static final Set<String> NO_ADDRESS = Set.of("echo", "printf", "logger", "test", "[", "[[", ":", "true",
            "false", "exit", "return", "sleep", "cd", "mkdir", "rm", "cp", "mv", "cat", "chmod", "chown", "ln",
            "touch", "grep", "egrep", "fgrep", "sed", "awk", "cut", "tr", "sort", "head", "tail", "wc", "tee", "read",
            "source", ".", "set", "unset", "shift", "trap", "kill", "wait", "date", "ls", "find", "basename",
            "dirname", "function");

    /** How deep {@code sh -c "bash -c '...'"} is followed. */
    private static final int DEPTH = 3;

    private Script() {
    }

    /** The addresses a script's commands name, in order. */
    static void read(String script, List<Address> into) {
        read(script, into, 0);
    }

    private static void read(String script, List<Address> into, int depth) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        String heredoc = null; // the word that ends a here-document whose lines start after this one
        char quote = 0;
        int n = script.length();
        for (int i = 0; i < n; i++) {
            char c = script.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < n) {
                    word.append(script.charAt(++i));
                } else {
                    word.append(c);
                }
                continue;
            }
            if (c == '\\' && i + 1 < n) { // a line continued, or a character escaped
                char next = script.charAt(++i);
                if (next != '\n') {
                    word = word == null ? new StringBuilder() : word;
                    word.append(next);
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
                continue;
            }
            if (c == '#' && word == null) { // a comment, to the end of the line
                while (i + 1 < n && script.charAt(i + 1) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '<' && script.startsWith("<<", i) && !script.startsWith("<<<", i)) {
                int d = i + 2;
                while (d < n && (script.charAt(d) == '-' || script.charAt(d) == ' ' || script.charAt(d) == '\'')
                        || d < n && script.charAt(d) == '"') {
                    d++;
                }
                int e = d;
                while (e < n && (Character.isLetterOrDigit(script.charAt(e)) || script.charAt(e) == '_')) {
                    e++;
                }
                heredoc = script.substring(d, e);
                i = e;
                while (i + 1 < n && (script.charAt(i + 1) == '\'' || script.charAt(i + 1) == '"')) {
                    i++;
                }
                continue;
            }
            boolean substitution = c == '$' && i + 1 < n && script.charAt(i + 1) == '(';
            int link = substitution ? serviceLink(script, i) : -1;
            if (link > 0) {
                word = word == null ? new StringBuilder() : word;
                word.append(script, i, link + 1);
                i = link;
                continue;
            }
            if (c == ' ' || c == '\t') {
                word = end(word, words);
            } else if (c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '`'
                    || substitution || word == null && (c == '{' || c == '}')) {
                word = end(word, words);
                command(words, into, depth);
                words.clear();
                if (substitution) {
                    i++;
                }
                if (c == '\n' && heredoc != null) {
                    i = hereDocument(script, i + 1, heredoc, into) - 1;
                    heredoc = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        end(word, words);
        command(words, into, depth);
    }

    /**
     * A here-document's lines, from {@code from} to the line that is its end word, read as a configuration file
     * (what {@code cat > app.conf <<EOF} writes); returns where the line after it starts.
     */
    private static int hereDocument(String script, int from, String endWord, List<Address> into) {
        int n = script.length();
        int line = from;
        while (line < n) {
            int eol = script.indexOf('\n', line);
            int stop = eol < 0 ? n : eol;
            if (script.substring(line, stop).strip().equals(endWord)) {
                ConfigFile.read(script.substring(from, line), "", into);
                return stop;
            }
            line = stop + 1;
        }
        ConfigFile.read(script.substring(from), "", into);
        return n;
    }

    /**
     * Where {@code $(} at {@code at} closes if it is a Kubernetes service link, {@code $(API_SERVICE_HOST)}, which
     * the kubelet expands, not a command; else -1.
     */
    private static int serviceLink(String script, int at) {
        int j = at + 2;
        while (j < script.length() && (Character.isUpperCase(script.charAt(j)) || Character.isDigit(script.charAt(j))
                || script.charAt(j) == '_')) {
            j++;
        }
        return j < script.length() && script.charAt(j) == ')'
                && script.substring(at + 2, j).endsWith(Address.SERVICE_HOST) ? j : -1;
    }

    private static StringBuilder end(StringBuilder word, List<String> words) {
        if (word != null) {
            words.add(word.toString());
        }
        return null;
    }

    /** One command: its assignments, then its program and arguments. */
    private static void command(List<String> words, List<Address> into, int depth) {
        int k = 0;
        while (k < words.size()) {
            String w = words.get(k);
            int eq = w.indexOf('=');
            if (KEYWORDS.contains(w)) {
                k++;
            } else if (eq > 0 && isName(w, eq)) { // NAME=value
                String name = w.substring(0, eq);
                String value = w.substring(eq + 1);
                Address.inValue(value, Address.bare(name, value), into);
                k++;
            } else {
                break;
            }
        }
        if (k >= words.size()) {
            return;
        }
        String program = words.get(k);
        if (NO_ADDRESS.contains(program) || program.endsWith("()")) {
            return;
        }
        boolean shell = Arguments.isShell(program);
        for (Arguments.Arg a : Arguments.read(words, k + 1, shell)) {
            if (a.script()) {
                if (depth < DEPTH) {
                    read(a.text(), into, depth + 1);
                }
                continue;
            }
            int from = into.size();
            Address.inValue(a.text(), Address.bare(a.key(), a.text()), into);
            if (a.port() > 0) {
                for (int i = from; i < into.size(); i++) {
                    if (into.get(i).port() == 0) {
                        into.set(i, into.get(i).withPort(a.port(), a.portFrom()));
                    }
                }
            }
        }
    }

    /** Whether {@code w} up to {@code eq} is a shell variable's name. */
    private static boolean isName(String w, int eq) {
        for (int i = 0; i < eq; i++) {
            char c = w.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return !Character.isDigit(w.charAt(0));
    }
}
