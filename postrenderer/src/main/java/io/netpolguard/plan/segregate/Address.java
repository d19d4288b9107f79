package io.netpolguard.plan.segregate;

import java.util.List;

/**
 * A host, and the port after it, as a value writes them: {@code http://user:pw@api:8080/v1} gives {@code api:8080}.
 * {@link #inValue} finds the candidates in one value; which of them name a Service of the release is decided later.
 *
 * @param host a host name as written (Service names match exactly, case included), without the trailing dot of an
 *             absolute name; for a Kubernetes service link, the variable ({@code CACHE_SERVICE_HOST})
 * @param port the port written with it, or 0
 * @param text how the value writes it, without user, password or path, for messages: "http://api:8080", "db"
 */
public record Address(String host, int port, String text) {

    /** How a service link ends: the variable Kubernetes gives pods for each Service with a cluster IP. */
    static final String SERVICE_HOST = "_SERVICE_HOST";

    /** The same host with the port another setting gives it: {@code from} names it, or null for the word after it. */
    Address withPort(int p, String from) {
        return new Address(host, p, text + (from == null ? " " + p : " (port " + p + " from " + shortKey(from) + ")"));
    }

    /**
     * A setting's name as messages show it: without the places of list items, and of a deep path its last three
     * keys ({@code address.socket_address.port_value} of an Envoy cluster).
     */
    private static String shortKey(String key) {
        String[] parts = key.split("\\.");
        StringBuilder sb = new StringBuilder();
        int kept = 0;
        for (int i = parts.length - 1; i >= 0 && kept < 3; i--) {
            if (!parts[i].startsWith("#")) {
                sb.insert(0, sb.length() == 0 ? parts[i] : parts[i] + ".");
                kept++;
            }
        }
        return sb.toString();
    }

    /**
     * Whether a bare word of a value named {@code key} counts as a host: a value of one word does, unless its name
     * says it is something else ({@code POSTGRES_DB}, {@link Keys#namesNoAddress}); a value of several words
     * (a sentence, a description) does only under a name that says it holds addresses ({@code ES_HOSTS}).
     */
    static boolean bare(String key, String value) {
        return hasSpace(value.strip()) ? key != null && Keys.namesAddress(key) : key == null || !Keys.namesNoAddress(key);
    }

    /**
     * The addresses one value names, in the order written: each URL's hosts (user and password dropped; several
     * hosts as in a JDBC or MongoDB URL), each {@code host:port}, each item of a list (commas, semicolons, spaces),
     * an option's value ({@code --redis=cache:6379}, {@code -Dspring.redis.host=cache}), a {@code key=value}'s value
     * where the key names an address ({@code host=db port=5432}, paired), a service link ({@code $(API_SERVICE_HOST)}),
     * and where {@code bare}, each bare host, with the port number written after it ({@code db 5432}).
     */
    static void inValue(String value, boolean bare, List<Address> into) {
        Entries entries = null;
        int n = value.length();
        int i = 0;
        int bareAt = -1; // in into, a bare host without port the next word may give its port
        while (i < n) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || c == ',' || c == ';') {
                if (c != ' ' && c != '\t') {
                    bareAt = -1; // "db, 5432" is a list, not an address
                }
                i++;
                continue;
            }
            int end = itemEnd(value, i);
            String item = trim(value.substring(i, end));
            i = end;
            int port = bareAt >= 0 ? portNumber(item) : 0;
            if (port > 0) {
                into.set(bareAt, into.get(bareAt).withPort(port, null));
                bareAt = -1;
                continue;
            }
            bareAt = -1;
            int eq = item.indexOf('=');
            if (eq > 0 && item.charAt(0) != '-' && item.indexOf("://") < 0 && isKey(item, eq)) {
                if (entries == null) {
                    entries = new Entries();
                }
                entries.add(item.substring(0, eq), item.substring(eq + 1));
                continue;
            }
            int size = into.size();
            if (item(item, bare, into) && into.size() == size + 1) {
                bareAt = size;
            }
        }
        if (entries != null) {
            entries.addTo(into);
        }
    }

    /**
     * Where an item starting at {@code from} ends: at white space, a semicolon, or a comma, except a comma between
     * the hosts of a URL's authority ({@code mongodb://m-0:27017,m-1:27017/db}).
     */
    private static int itemEnd(String value, int from) {
        int n = value.length();
        boolean authority = false;
        int i = from;
        while (i < n) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c) || c == ';') {
                break;
            }
            if (c == ':' && value.startsWith("//", i + 1)) {
                authority = true;
                i += 3;
                continue;
            }
            if (c == '/' || c == '?' || c == '#') {
                authority = false;
            } else if (c == ',' && (!authority || startsNextUrl(value, i))) {
                break;
            }
            i++;
        }
        return i;
    }

    /** Whether a comma at {@code i} starts the next URL of a list: {@code http://a:9200,http://b:9200}. */
    private static boolean startsNextUrl(String text, int i) {
        int j = i + 1;
        while (j < text.length() && isHostChar(text.charAt(j))) {
            j++;
        }
        return j > i + 1 && text.startsWith("://", j);
    }

    /**
     * Reads one item of a value into {@code into}; returns true when it was a bare host without a port.
     */
    private static boolean item(String item, boolean bare, List<Address> into) {
        if (item.isEmpty()) {
            return false;
        }
        int scheme = item.indexOf("://");
        if (scheme > 0) {
            url(item, scheme, into);
            return false;
        }
        if (item.charAt(0) == '-') { // an option: --redis=cache:6379, -Dspring.redis.host=cache
            int eq = item.indexOf('=');
            if (eq > 1) {
                String key = item.substring(0, eq);
                String v = item.substring(eq + 1);
                inValue(v, bare(key, v), into);
            }
            return false;
        }
        String host = item;
        int at = host.lastIndexOf('@'); // rabbit@host, user@host: the host
        if (at >= 0) {
            host = host.substring(at + 1);
        }
        if (host.startsWith("$")) {
            int close = host.startsWith("$(") ? host.indexOf(')') : host.startsWith("${") ? host.indexOf('}') : -1;
            int nameEnd = close > 0 ? close : nameEnd(host, 1);
            String variable = host.substring(close > 0 ? 2 : 1, nameEnd);
            String rest = host.substring(close > 0 ? close + 1 : nameEnd);
            if (variable.endsWith(SERVICE_HOST) && variable.length() > SERVICE_HOST.length()) {
                int port = rest.startsWith(":") ? portNumber(rest.substring(1)) : 0;
                into.add(new Address(variable, port, "$" + variable + (port == 0 ? "" : ":" + port)));
                return false;
            }
            if (!rest.startsWith(".")) {
                return false;
            }
            host = rest.substring(1); // $(POD_NAME).db-headless: the host after the pod's own name
        }
        return hostPort(host, "", bare, into);
    }

    /**
     * {@code host}, {@code host:port} or {@code host:port/path}; returns true for a bare host added without a port.
     * A word with a path and no port ({@code deploy/api}), or starting with a digit (a number), is none; an IPv4
     * address counts only with its port or scheme.
     */
    private static boolean hostPort(String s, String scheme, boolean bare, List<Address> into) {
        int n = s.length();
        int i = 0;
        while (i < n && isHostChar(s.charAt(i))) {
            i++;
        }
        String host = s.substring(0, i);
        int port = 0;
        if (i < n) {
            if (s.charAt(i) != ':') {
                return false;
            }
            int j = i + 1;
            while (j < n && isDigit(s.charAt(j))) {
                j++;
            }
            port = portNumber(s.substring(i + 1, j));
            if (port == 0 || j < n && s.charAt(j) != '/') {
                return false;
            }
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (isIpv4(host)) { // an address written with its port or scheme: http://10.0.0.7:8080, 10.0.0.7:5432
            if (port > 0 || !scheme.isEmpty()) {
                into.add(new Address(host, port, scheme + host + (port == 0 ? "" : ":" + port)));
            }
            return false;
        }
        if (host.isEmpty() || !isLetter(host.charAt(0)) || host.endsWith("-")) {
            return false;
        }
        if (port == 0 && scheme.isEmpty() && !bare) {
            return false;
        }
        into.add(new Address(host, port, scheme + host + (port == 0 ? "" : ":" + port)));
        return port == 0 && scheme.isEmpty();
    }

    /** A URL's hosts: several where its authority lists them ({@code jdbc:postgresql://h1:5432,h2:5432/db}). */
    private static void url(String item, int schemeEnd, List<Address> into) {
        int s = schemeEnd;
        while (s > 0 && isHostChar(item.charAt(s - 1))) {
            s--; // jdbc:postgresql://: the scheme shown is postgresql
        }
        String scheme = item.substring(s, schemeEnd) + "://";
        int end = schemeEnd + 3;
        while (end < item.length() && "/?#".indexOf(item.charAt(end)) < 0) {
            end++;
        }
        String authority = item.substring(schemeEnd + 3, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        int part = 0;
        while (part <= authority.length()) {
            int comma = authority.indexOf(',', part);
            int stop = comma < 0 ? authority.length() : comma;
            String hostPort = authority.substring(part, stop);
            if (hostPort.startsWith("$")) {
                item(hostPort, true, into); // http://$(API_SERVICE_HOST):8080
            } else {
                hostPort(hostPort, scheme, true, into);
            }
            part = stop + 1;
        }
    }

    /** A port number, 1 to 65535, written alone; else 0. */
    static int portNumber(String s) {
        if (s.isEmpty() || s.length() > 5) {
            return 0;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return 0;
            }
        }
        int p = Integer.parseInt(s);
        return p <= 65535 ? p : 0;
    }

    /** An item without the quotes, brackets and punctuation around it. */
    private static String trim(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && "\"'`([{<".indexOf(s.charAt(from)) >= 0) {
            from++;
        }
        while (to > from && "\"'`)]}>:!?".indexOf(s.charAt(to - 1)) >= 0 && !closes(s, from, to - 1)) {
            to--;
        }
        return s.substring(from, to);
    }

    /** Whether the bracket at {@code at} closes one opened after {@code from}: {@code $(API_SERVICE_HOST)}. */
    private static boolean closes(String s, int from, int at) {
        char close = s.charAt(at);
        char open = close == ')' ? '(' : close == ']' ? '[' : close == '}' ? '{' : 0;
        return open != 0 && s.lastIndexOf(open, at) >= from;
    }

    /** Whether {@code item} up to {@code eq} is a key of a {@code key=value}: a name, no URL or address. */
    private static boolean isKey(String item, int eq) {
        for (int i = 0; i < eq; i++) {
            char c = item.charAt(i);
            if (!isHostChar(c)) {
                return false;
            }
        }
        return true;
    }

    /** Where a shell variable's name ends ({@code $REDIS_HOST}). */
    private static int nameEnd(String s, int from) {
        int i = from;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        return i;
    }

    /** Whether a host is an IPv4 address: four numbers of 0 to 255. */
    static boolean isIpv4(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3) {
                return false;
            }
            for (int i = 0; i < p.length(); i++) {
                if (!isDigit(p.charAt(i))) {
                    return false;
                }
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean hasSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Letters of either case, digits, and the {@code - . _} of host names (underscores for service links). */
    static boolean isHostChar(char c) {
        return isLetter(c) || isDigit(c) || c == '-' || c == '.' || c == '_';
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Where {@code svc} stands among a host's dot-separated labels ({@code [pod.]service.namespace.svc[.domain]}: a
     * cluster address), or -1 when it is not one.
     */
    static int svcLabel(String[] labels) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i].equals("svc")) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether a Service is the API server's ({@code kubernetes.default.svc}), which the apiServer allowance opens,
     * not segregation.
     */
    static boolean isApiServer(String service, String namespace) {
        return service.equals("kubernetes") && namespace.equals("default");
    }
}
