package io.netpolguard.plan.segregate;

import java.util.ArrayList;
import java.util.List;

/**
 * A file a pod is given (a ConfigMap or Secret key mounted as a volume, or a variable of several lines), read for
 * the addresses it names: a shell script as {@link Script} reads it; a file of one word (or one per line) as that
 * value, named by the file's name; a JSON
 * document, and other files line by line (YAML, properties, INI and TOML, nginx- and redis-style directives), as
 * settings ({@link Entries}): each key with its whole path ({@code spring.rabbitmq.host}, {@code redis.port},
 * {@code [database] host}), each value read as a value. Comment lines are skipped; a line that is no setting (a
 * sentence of a description, a directive such as {@code proxy_pass http://api:8080;}) is read as a setting named
 * by its first word, so that its URLs count and its bare words only after a directive that names an address
 * ({@code server api;}).
 */
final class ConfigFile {

    private ConfigFile() {
    }

    /** @param name the file's name (its key), which tells a script ({@code start.sh}) and names a one-word file */
    static void read(String text, String name, List<Address> into) {
        String t = text.strip();
        if (t.isEmpty()) {
            return;
        }
        if (t.startsWith("#!") || name.endsWith(".sh") || name.endsWith(".bash")) {
            Script.read(text, into);
            return;
        }
        boolean json = isJson(t);
        if (!json && isWordPerLine(t)) { // one value, or one per line (a list of seeds, of brokers)
            Address.inValue(t, Address.bare(name, "one"), into);
            return;
        }
        Entries entries = new Entries();
        if (json) {
            Json.read(t, entries);
        } else {
            lines(text, entries);
        }
        entries.addTo(into);
    }

    /**
     * Whether every line is one word, and no setting ({@code key=value}, {@code key:}) or bracket: a file of one
     * value, or of a value per line.
     */
    private static boolean isWordPerLine(String t) {
        int n = t.length();
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (c == ' ' || c == '\t' || c == '=' || "{}[]#;".indexOf(c) >= 0
                    || c == ':' && (i + 1 == n || Character.isWhitespace(t.charAt(i + 1)))) {
                return false;
            }
        }
        return true;
    }

    /** An object, or an array of values (not an INI section such as {@code [mysqld]}). */
    private static boolean isJson(String t) {
        if (t.charAt(0) == '{') {
            return true;
        }
        if (t.charAt(0) != '[') {
            return false;
        }
        for (int i = 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{' || c == '[' || c == '"' || c == ']';
            }
        }
        return false;
    }

    /**
     * Line by line: YAML's nesting by indentation (a list item a scope of its own), INI and TOML sections, and
     * {@code key: value}, {@code key = value}, {@code key=value}, {@code "key": "value"} settings.
     */
    private static void lines(String text, Entries entries) {
        List<String> keys = new ArrayList<>(); // the open YAML mappings, and their indentation
        List<Integer> indents = new ArrayList<>();
        String section = "";
        int items = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            int eol = text.indexOf('\n', i);
            int stop = eol < 0 ? n : eol;
            String line = text.substring(i, stop);
            i = stop + 1;
            int indent = 0;
            while (indent < line.length() && (line.charAt(indent) == ' ' || line.charAt(indent) == '\t')) {
                indent++;
            }
            String t = line.strip();
            if (t.isEmpty() || isComment(t)) {
                continue;
            }
            if (t.charAt(0) == '[' && t.charAt(t.length() - 1) == ']' && !Address.hasSpace(t)) {
                section = t.substring(1, t.length() - 1);
                keys.clear();
                indents.clear();
                continue;
            }
            while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
                keys.remove(keys.size() - 1);
                indents.remove(indents.size() - 1);
            }
            String parent = path(section, keys);
            if (t.startsWith("- ") || t.equals("-")) { // a list item: its settings belong together
                t = t.substring(1).strip();
                keys.add("#" + items++);
                indents.add(indent);
                indent += 2;
            }
            int sep = separator(t);
            if (sep < 0) {
                statements(t, parent, entries);
                continue;
            }
            String key = unquote(t.substring(0, sep).strip());
            String value = value(t.substring(sep + 1));
            if (value.isEmpty() || value.equals("|") || value.equals(">") || value.startsWith("|-")
                    || value.startsWith(">-") || value.startsWith("|+")) {
                keys.add(key);
                indents.add(indent);
                continue;
            }
            entries.add(join(path(section, keys), key), value);
        }
    }

    /** A line that is no setting: statements, each named by its first word; a single word is its parent's value. */
    private static void statements(String line, String parent, Entries entries) {
        int from = 0;
        int n = line.length();
        for (int i = 0; i <= n; i++) {
            char c = i < n ? line.charAt(i) : ';';
            if (c != ';' && c != '{' && c != '}') {
                continue;
            }
            String statement = line.substring(from, i).strip();
            from = i + 1;
            if (statement.isEmpty() || c == '{') {
                continue; // a block's opening (server {, upstream api {) names no address
            }
            int space = firstSpace(statement);
            if (space < 0) {
                entries.add(parent, statement); // an item of a list, a line of hosts
            } else {
                entries.add(join(parent, statement.substring(0, space)), statement.substring(space + 1));
            }
        }
    }

    /**
     * Where a setting's key ends: at its first {@code =}, or {@code :} followed by white space or nothing; -1 where
     * that key would not be one word (a sentence, a directive with arguments).
     */
    private static int separator(String t) {
        int n = t.length();
        int i = 0;
        if (t.charAt(0) == '"' || t.charAt(0) == '\'') {
            int close = t.indexOf(t.charAt(0), 1);
            if (close < 0) {
                return -1;
            }
            i = close + 1;
            while (i < n && t.charAt(i) == ' ') {
                i++;
            }
            return i < n && (t.charAt(i) == ':' || t.charAt(i) == '=') ? i : -1;
        }
        for (; i < n; i++) {
            char c = t.charAt(i);
            if (c == '=' || c == ':' && (i + 1 == n || t.charAt(i + 1) == ' ' || t.charAt(i + 1) == '\t')) {
                return Address.hasSpace(t.substring(0, i).strip()) || i == 0 ? -1 : i;
            }
            if (c == ' ' && !onlySpacesThenSeparator(t, i)) {
                return -1;
            }
        }
        return -1;
    }

    /** Whether only spaces come between {@code i} and a {@code =} or {@code :} ({@code key = value}). */
    private static boolean onlySpacesThenSeparator(String t, int i) {
        int j = i;
        while (j < t.length() && t.charAt(j) == ' ') {
            j++;
        }
        return j < t.length() && (t.charAt(j) == '=' || t.charAt(j) == ':');
    }

    /** A value without its quotes, a trailing comment ({@code  # ...}), comma or semicolon. */
    private static String value(String raw) {
        String v = raw.strip();
        int comment = v.indexOf(" #");
        if (comment >= 0) {
            v = v.substring(0, comment).strip();
        }
        while (!v.isEmpty() && (v.endsWith(",") || v.endsWith(";"))) {
            v = v.substring(0, v.length() - 1).strip();
        }
        return unquote(v);
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static boolean isComment(String t) {
        return t.charAt(0) == '#' || t.charAt(0) == ';' || t.charAt(0) == '!' || t.startsWith("//")
                || t.startsWith("--") && !t.startsWith("--", 2) && t.length() > 2 && t.charAt(2) == ' ';
    }

    private static int firstSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String path(String section, List<String> keys) {
        String path = section;
        for (String k : keys) {
            path = join(path, k);
        }
        return path;
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
