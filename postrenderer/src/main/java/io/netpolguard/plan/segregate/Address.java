package io.netpolguard.plan.segregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A host, and the port after it, as a value writes them: {@code http://user:pw@api:8080/v1} gives {@code api:8080}.
 * {@link #scan} finds every candidate in a text; which of them name a Service of the release is decided later.
 *
 * @param host a host name, lower-cased, without the trailing dot of an absolute name
 * @param port the port written after it, or 0
 * @param text how the value writes it, without user, password or path, for messages: "http://api:8080", "db"
 */
public record Address(String host, int port, String text) {

    /**
     * The candidate addresses in a text: each URL's hosts (userinfo dropped, several comma-separated hosts as in a
     * JDBC URL), each URL of a comma-separated list of URLs, and each other word made of host characters, with the
     * {@code :port} that follows it. Skipped: a URL's path, a word right after a slash (a file path), a word that
     * starts a URL ({@code redis} in {@code redis://}), a word before {@code @} (a user).
     */
    public static List<Address> scan(String text) {
        List<Address> found = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            if (!isWordChar(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isWordChar(text.charAt(i))) {
                i++;
            }
            if (text.startsWith("://", i)) {
                i = authority(text, text.substring(start, i) + "://", i + 3, found);
                continue;
            }
            if (start > 0 && text.charAt(start - 1) == ')' && text.charAt(start) == '.') {
                start++; // $(POD_NAME).db-headless...: the host after the variable
            }
            boolean pathSegment = start > 0 && text.charAt(start - 1) == '/';
            if (i < n && text.charAt(i) == '@' || pathSegment) {
                continue;
            }
            int hostEnd = i;
            int port = 0;
            if (i < n && text.charAt(i) == ')' && start >= 2 && text.startsWith("$(", start - 2)) {
                i++; // $(API_SERVICE_HOST):8080: the port after the variable
            }
            if (i + 1 < n && text.charAt(i) == ':' && isDigit(text.charAt(i + 1))) {
                int j = i + 1;
                while (j < n && isDigit(text.charAt(j))) {
                    j++;
                }
                port = port(text, i + 1, j);
                i = j;
                if (i < n && text.charAt(i) == '/') {
                    while (i < n && !isValueEnd(text.charAt(i)) && !startsNextUrl(text, i)) {
                        i++; // host:port/path: the path names no host
                    }
                }
            }
            add("", text.substring(start, hostEnd), port, found);
        }
        return found;
    }

    /** Reads a URL's authority from {@code from}; returns where its path (skipped) ends. */
    private static int authority(String text, String scheme, int from, List<Address> found) {
        int n = text.length();
        int end = from;
        while (end < n && !isAuthorityEnd(text.charAt(end)) && !startsNextUrl(text, end)) {
            end++;
        }
        String authority = text.substring(from, end);
        int at = authority.lastIndexOf('@');
        authority = authority.substring(at + 1);
        int part = 0;
        while (part <= authority.length()) {
            int comma = authority.indexOf(',', part);
            int stop = comma < 0 ? authority.length() : comma;
            String hostPort = authority.substring(part, stop);
            int colon = hostPort.lastIndexOf(':');
            int port = 0;
            String host = hostPort;
            if (colon > 0 && colon + 1 < hostPort.length() && allDigits(hostPort, colon + 1)) {
                port = port(hostPort, colon + 1, hostPort.length());
                host = hostPort.substring(0, colon);
            }
            if (!host.isEmpty() && allWordChars(host)) {
                add(scheme, host, port, found);
            }
            part = stop + 1;
        }
        int i = end;
        while (i < n && !isValueEnd(text.charAt(i)) && !startsNextUrl(text, i)) {
            i++; // the path, query and fragment
        }
        return i;
    }

    /** @param scheme "redis://" for a URL's host, "" for a bare word */
    private static void add(String scheme, String host, int port, List<Address> found) {
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.isEmpty() || !isLetter(Character.toLowerCase(h.charAt(0)))) {
            return; // an option (--flag), a number, an IP address
        }
        found.add(new Address(h.toLowerCase(Locale.ROOT), port, scheme + host + (port == 0 ? "" : ":" + port)));
    }

    /** A port number, or 0 where the digits are not one. */
    private static int port(String text, int from, int to) {
        if (to - from > 5) {
            return 0;
        }
        int p = Integer.parseInt(text, from, to, 10);
        return p >= 1 && p <= 65535 ? p : 0;
    }

    private static boolean isWordChar(char c) {
        return isLetter(Character.toLowerCase(c)) || isDigit(c) || c == '-' || c == '.' || c == '_';
    }

    private static boolean allWordChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isWordChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean allDigits(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAuthorityEnd(char c) {
        return c == '/' || c == '?' || c == '#' || isValueEnd(c);
    }

    /** Whether a comma at {@code i} starts the next URL of a list: {@code http://a:9200,http://b:9200}. */
    private static boolean startsNextUrl(String text, int i) {
        if (text.charAt(i) != ',') {
            return false;
        }
        int j = i + 1;
        while (j < text.length() && isWordChar(text.charAt(j))) {
            j++;
        }
        return j > i + 1 && text.startsWith("://", j);
    }

    /** What ends a URL in running text: white space, quotes, and the punctuation around values. */
    private static boolean isValueEnd(char c) {
        return Character.isWhitespace(c) || c == '"' || c == '\'' || c == '`' || c == ';' || c == '<' || c == '>'
                || c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == '|';
    }
}
