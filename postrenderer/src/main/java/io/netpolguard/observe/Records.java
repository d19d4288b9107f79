package io.netpolguard.observe;

import io.netpolguard.model.Protocol;

import java.util.List;
import java.util.Map;

/** Helpers to read the values of a JSON record, with the key's path in what they say is wrong. */
final class Records {

    private Records() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object value, String path) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException(path + " is not a JSON object");
    }

    static Map<String, Object> object(Map<String, Object> in, String key, String path) {
        return object(in == null ? null : in.get(key), path + key);
    }

    static List<?> list(Map<String, Object> in, String key, String path) {
        Object v = in == null ? null : in.get(key);
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException(path + key + " is not a JSON array");
    }

    /** A string value; null when absent or empty. */
    static String string(Map<String, Object> in, String key, String path) {
        Object v = in == null ? null : in.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            return s.isEmpty() ? null : s;
        }
        throw new IllegalArgumentException(path + key + " is not a string");
    }

    /** A port 1-65535 (a number, or a string of digits); 0 when absent or 0. */
    static int port(Map<String, Object> in, String key, String path) {
        Object v = in == null ? null : in.get(key);
        long n;
        if (v == null) {
            return 0;
        } else if (v instanceof Long l) {
            n = l;
        } else if (v instanceof String s && !s.isEmpty() && s.length() <= 5 && s.chars().allMatch(Character::isDigit)) {
            n = Long.parseLong(s);
        } else {
            throw new IllegalArgumentException(path + key + " is not a port number");
        }
        if (n < 0 || n > 65535) {
            throw new IllegalArgumentException(path + key + " is " + n + ", not a port 1-65535");
        }
        return (int) n;
    }

    /** True when the value is JSON true (Hubble writes BoolValue wrappers as plain booleans). */
    static boolean isTrue(Map<String, Object> in, String key) {
        Object v = in == null ? null : in.get(key);
        return Boolean.TRUE.equals(v) || (v instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("value")));
    }

    /** TCP, UDP or SCTP from a name ("TCP", "tcp") or an IP protocol number (6, 17, 132); null for others. */
    static Protocol protocol(Object value) {
        if (value instanceof Long n) {
            return n == 6 ? Protocol.TCP : n == 17 ? Protocol.UDP : n == 132 ? Protocol.SCTP : null;
        }
        if (value instanceof String s && !s.isEmpty()) {
            return Protocol.of(s.toUpperCase(java.util.Locale.ROOT));
        }
        return null;
    }

    /** Labels written as "a=b,c=d" (Inspektor Gadget) or as an object; empty when absent. */
    static Map<String, String> labels(Object value, String path) {
        Map<String, String> result = new java.util.TreeMap<>();
        if (value == null) {
            return result;
        }
        if (value instanceof String s) {
            for (String pair : s.split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    result.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                } else if (!pair.isBlank()) {
                    throw new IllegalArgumentException(path + " holds \"" + pair + "\", not a label key=value");
                }
            }
            return result;
        }
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> result.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
            return result;
        }
        throw new IllegalArgumentException(path + " is neither \"key=value,...\" nor an object of labels");
    }

    /** Loopback addresses: a pod talking to itself, which no NetworkPolicy governs. */
    static boolean loopback(String address) {
        return address != null && (address.startsWith("127.") || address.equals("::1"));
    }
}
