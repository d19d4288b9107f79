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
 * it: {@code spring.rabbitmq.host} that of {@code spring.rabbitmq.port}, {@code host} that of {@code port}. A key
 * of JSON Schema's ({@code $schema}, {@code $id}, {@code $ref}) names where a document is described: no address.
 */
final class Entries {

    private final List<Address> found = new ArrayList<>();
    /** Where in {@link #found} hosts without a port are, and the prefix of the port setting that may give theirs. */
    private final List<Integer> hostAt = new ArrayList<>();
    private final List<String> hostPrefix = new ArrayList<>();
    /** The ports given per prefix, in order, and the keys that give them. */
    private final Map<String, List<Integer>> ports = new HashMap<>();
    private final Map<String, List<String>> portKeys = new HashMap<>();

    /** One setting; {@code key} is its whole name, path included ({@code spring.rabbitmq.host}). */
    void add(String key, String value) {
        if (key.startsWith("$", key.lastIndexOf('.') + 1)) {
            return; // a JSON document's own $schema, $id or $ref: where the document is described, not a peer
        }
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
        if (p > 0) {
            List<Integer> given = ports.get(port);
            if (given == null) {
                given = new ArrayList<>(1);
                ports.put(port, given);
                portKeys.put(port, new ArrayList<>(1));
            }
            if (!given.contains(p)) {
                given.add(p);
                portKeys.get(port).add(key);
            }
        }
    }

    /** The addresses of every setting added, in order, each host with the ports beside it (once per port). */
    void addTo(List<Address> into) {
        int next = 0; // the next host without a port, in hostAt
        for (int i = 0; i < found.size(); i++) {
            Address a = found.get(i);
            List<Integer> given = null;
            List<String> keys = null;
            if (next < hostAt.size() && hostAt.get(next) == i) {
                given = ports.get(hostPrefix.get(next));
                keys = portKeys.get(hostPrefix.get(next));
                next++;
            }
            if (given == null) {
                into.add(a);
                continue;
            }
            for (int j = 0; j < given.size(); j++) {
                into.add(a.withPort(given.get(j), keys.get(j)));
            }
        }
    }
}
