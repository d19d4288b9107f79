package io.netpolguard.plan.segregate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of a configuration ({@code key: value}, {@code key=value}, {@code "key": "value"}), read for the
 * addresses their values name: a URL or {@code host:port} under any key; a bare host only under a key that names
 * an address ({@link Keys#namesAddress}: {@code spring.rabbitmq.host}, {@code brokers}, {@code server}), not under
 * {@code name}, {@code description} or {@code type}. A host without a port takes the port of the setting beside
 * it: {@code spring.rabbitmq.host} that of {@code spring.rabbitmq.port}, {@code host} that of {@code port}.
 */
final class Entries {

    private final List<Address> found = new ArrayList<>();
    /** Where in {@link #found} hosts without a port are, and the prefix of the port setting that may give theirs. */
    private final List<Integer> hostAt = new ArrayList<>();
    private final List<String> hostPrefix = new ArrayList<>();
    /** The first port given per prefix, and the key that gives it. */
    private final Map<String, Integer> ports = new HashMap<>();
    private final Map<String, String> portKeys = new HashMap<>();

    /** One setting; {@code key} is its whole name, path included ({@code spring.rabbitmq.host}). */
    void add(String key, String value) {
        int from = found.size();
        Address.inValue(value, Keys.namesAddress(key), found);
        String host = Keys.hostPrefix(key);
        if (host != null) {
            for (int i = from; i < found.size(); i++) {
                if (found.get(i).port() == 0) {
                    hostAt.add(i);
                    hostPrefix.add(host);
                }
            }
        }
        String port = Keys.portPrefix(key);
        int p = port == null ? 0 : Address.portNumber(value.strip());
        if (p > 0 && !ports.containsKey(port)) {
            ports.put(port, p);
            portKeys.put(port, key);
        }
    }

    /** The addresses of every setting added, in order, the hosts with the ports beside them. */
    void addTo(List<Address> into) {
        for (int i = 0; i < hostAt.size(); i++) {
            Integer p = ports.get(hostPrefix.get(i));
            if (p != null) {
                int at = hostAt.get(i);
                found.set(at, found.get(at).withPort(p, portKeys.get(hostPrefix.get(i))));
            }
        }
        into.addAll(found);
    }
}
