package io.netpolguard.observe;

import io.netpolguard.connectivity.AddressRange;
import io.netpolguard.model.Protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * netpol-guard's own flow format, for any flow log: CSV whose header names the columns {@code source},
 * {@code destination}, {@code port}, and optionally {@code protocol} (TCP when empty) and {@code count}, in any
 * order. Each end is {@code namespace/name} (a workload or a pod), {@code namespace{key=value,...}} (pods by some of
 * their labels; quote the field when it has commas), an address or a CIDR. A host name is skipped and counted:
 * NetworkPolicies see addresses.
 */
final class PlainReader implements FlowFormat.LineReader {

    private int source = -1;
    private int destination = -1;
    private int port = -1;
    private int protocol = -1;
    private int count = -1;

    @Override
    public void read(String line, Observed into) {
        List<String> fields = fields(line);
        if (source < 0) {
            header(fields);
            return;
        }
        if (fields.size() < 3) {
            throw new IllegalArgumentException("it has " + fields.size() + (fields.size() == 1 ? " field" : " fields")
                    + "; a flow has at least a source, a destination and a port");
        }
        String p = field(fields, port);
        if (p.isEmpty() || p.length() > 5 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) < 1
                || Integer.parseInt(p) > 65535) {
            throw new IllegalArgumentException("port \"" + p + "\" is not a port 1-65535");
        }
        String proto = field(fields, protocol);
        Protocol pr = proto.isEmpty() ? Protocol.TCP : Protocol.of(proto.toUpperCase(Locale.ROOT));
        if (pr == null) {
            throw new IllegalArgumentException("protocol \"" + proto + "\" is not TCP, UDP or SCTP");
        }
        long n = 1;
        String c = field(fields, count);
        if (!c.isEmpty()) {
            if (c.length() > 15 || !c.chars().allMatch(Character::isDigit) || Long.parseLong(c) < 1) {
                throw new IllegalArgumentException("count \"" + c + "\" is not a number of records");
            }
            n = Long.parseLong(c);
        }
        FlowEnd from = end(field(fields, source), "source");
        FlowEnd to = end(field(fields, destination), "destination");
        if (from == null || to == null) {
            into.skip("ends written as host names (NetworkPolicies see addresses: write the address)", n);
            return;
        }
        into.add(from, to, pr, Integer.parseInt(p), n);
    }

    private void header(List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            switch (fields.get(i).strip().toLowerCase(Locale.ROOT)) {
                case "source" -> source = i;
                case "destination" -> destination = i;
                case "port" -> port = i;
                case "protocol" -> protocol = i;
                case "count" -> count = i;
                default -> throw new IllegalArgumentException("the header names a column \"" + fields.get(i)
                        + "\"; the columns are source, destination, port, protocol and count");
            }
        }
        if (source < 0 || destination < 0 || port < 0) {
            source = -1;
            throw new IllegalArgumentException("the first line must be the header, naming at least source,"
                    + " destination and port");
        }
    }

    private static String field(List<String> fields, int index) {
        return index < 0 || index >= fields.size() ? "" : fields.get(index).strip();
    }

    /** An end; null for a host name. */
    private static FlowEnd end(String text, String column) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(column + " is empty");
        }
        int brace = text.indexOf('{');
        if (brace > 0 && text.endsWith("}")) {
            Map<String, String> labels = new TreeMap<>();
            String inside = text.substring(brace + 1, text.length() - 1).strip();
            for (String pair : inside.isEmpty() ? new String[0] : inside.split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException(column + " \"" + text + "\" holds \"" + pair.strip()
                            + "\", not a label key=value");
                }
                labels.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
            return new FlowEnd(text.substring(0, brace).strip(), null, null, labels, true, Map.of(), null);
        }
        int slash = text.indexOf('/');
        boolean addressLike = text.indexOf(':') >= 0
                || text.chars().allMatch(ch -> (ch >= '0' && ch <= '9') || ch == '.' || ch == '/');
        if (addressLike) {
            try {
                if (slash >= 0) {
                    AddressRange.cidr(text);
                } else {
                    AddressRange.address(text);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(column + " \"" + text + "\" is not an address: " + e.getMessage());
            }
            return FlowEnd.address(text);
        }
        if (slash > 0 && slash < text.length() - 1 && text.indexOf('/', slash + 1) < 0) {
            return new FlowEnd(text.substring(0, slash), text.substring(slash + 1), null, Map.of(), false, Map.of(),
                    null);
        }
        if (slash < 0 && text.indexOf('.') > 0) {
            return null;
        }
        throw new IllegalArgumentException(column + " \"" + text + "\" is none of namespace/name,"
                + " namespace{key=value,...}, an address or a CIDR");
    }

    /** The fields of a CSV line; a field in double quotes may hold commas, and "" is a quote. */
    static List<String> fields(String line) {
        List<String> result = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                result.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted field is not closed");
        }
        result.add(field.toString());
        return result;
    }
}
