package io.netpolguard.config;

import io.netpolguard.error.InputException;
import io.netpolguard.model.PortRange;
import io.netpolguard.model.Protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Typed values of a loaded configuration, each refused with its path when it has the wrong shape. */
final class ConfigValues {

    private final String origin;
    private final Words words;

    ConfigValues(String origin, Words words) {
        this.origin = origin;
        this.words = words;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(Object o, String path) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw error("needs a mapping at " + path);
    }

    List<?> list(Object o, String path) {
        if (o == null) {
            return List.of();
        }
        if (o instanceof List<?> l) {
            return l;
        }
        throw error("needs a list at " + path);
    }

    String string(Object o, String path) {
        if (o instanceof String s && !s.isEmpty()) {
            return s;
        }
        throw error("needs a string at " + path);
    }

    String optionalString(Map<String, Object> m, String key, String path) {
        return m.get(key) == null ? null : string(m.get(key), path + "." + key);
    }

    List<String> strings(Object o, String path) {
        List<String> result = new ArrayList<>();
        for (Object item : list(o, path)) {
            result.add(string(item, path + "[]"));
        }
        return result;
    }

    /** A mapping of label keys to values; numbers and booleans are taken as written (YAML reads {@code v: 1} as 1). */
    Map<String, String> labels(Object o, String path) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : map(o, path).entrySet()) {
            if (e.getValue() == null || e.getValue() instanceof Map || e.getValue() instanceof List) {
                throw error("needs a label value at " + path + "." + e.getKey());
            }
            labels.put(String.valueOf(e.getKey()), String.valueOf(e.getValue()));
        }
        return labels;
    }

    /** The labels under {@code key}; null when it is absent or null. */
    Map<String, String> optionalLabels(Map<String, Object> m, String key, String path) {
        return m.get(key) == null ? null : labels(m.get(key), path + "." + key);
    }

    int port(Object o, String path) {
        if (o instanceof Integer p && p >= 1 && p <= 65535) {
            return p;
        }
        throw error("needs a port number (1 to 65535) at " + path);
    }

    /**
     * Ports as {@code 443} (TCP), {@code {port: 53, protocol: UDP}} or {@code {port: 8000, endPort: 8100}}; at least
     * one: netpol-guard never opens every port.
     */
    List<PortRange> ports(Object o, String path) {
        List<PortRange> ports = new ArrayList<>();
        for (Object item : list(o, path)) {
            if (item instanceof Integer) {
                ports.add(PortRange.tcp(port(item, path + "[]")));
                continue;
            }
            Map<String, Object> m = map(item, path + "[]");
            known(m, path + "[]", "port", "endPort", "protocol");
            int first = port(m.get("port"), path + "[].port");
            int last = m.get("endPort") == null ? first : port(m.get("endPort"), path + "[].endPort");
            if (last < first) {
                throw error("has an endPort below its port at " + path + "[]");
            }
            String name = m.get("protocol") == null ? "TCP" : string(m.get("protocol"), path + "[].protocol");
            Protocol protocol = Protocol.of(name);
            if (protocol == null) {
                throw error("has the protocol \"" + name + "\" at " + path + "[].protocol (TCP, UDP or SCTP)");
            }
            ports.add(new PortRange(protocol, first, last));
        }
        if (ports.isEmpty()) {
            throw error("needs at least one port at " + path + " (netpol-guard opens no flow on every port)");
        }
        return List.copyOf(ports);
    }

    List<String> cidrs(Object o, String path) {
        List<String> cidrs = strings(o, path);
        for (String cidr : cidrs) {
            if (Cidr.parse(cidr) == null) {
                throw error("has \"" + cidr + "\" at " + path + ", which is not a CIDR such as 10.0.0.0/16");
            }
        }
        return cidrs;
    }

    /** Refuses keys other than these, naming the known ones. */
    void known(Map<String, Object> m, String path, String... keys) {
        Set<String> known = Set.of(keys);
        for (String key : m.keySet()) {
            if (!known.contains(key)) {
                throw unknownKey(key, path, List.of(keys));
            }
        }
    }

    /** "has the unknown key "dns.podLabel"; did you mean "podLabels"? The known keys of dns: ...". */
    InputException unknownKey(String key, String path, List<String> known) {
        String like = DidYouMean.among(key, known);
        return error("has the unknown key \"" + (path.isEmpty() ? "" : path + ".") + key + "\""
                + (like == null ? "." : "; did you mean \"" + like + "\"?") + " The known keys"
                + (path.isEmpty() ? "" : " of " + path) + ": " + String.join(", ", new java.util.TreeSet<>(known)));
    }

    InputException error(String problem) {
        return new InputException("The configuration " + origin + " " + problem + ".",
                words.configKeys());
    }
}
