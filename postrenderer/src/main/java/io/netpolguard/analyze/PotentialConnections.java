package io.netpolguard.analyze;

import io.netpolguard.connectivity.Connections;
import io.netpolguard.connectivity.Network;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.Protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Connections to or from peers that are not in the input: port numbers, plus named ports that cannot be resolved
 * because the pod that would name them is unknown ("TCP http"). Exposure analysis reports these, as np-guard does.
 *
 * @param numbers the connections by number
 * @param names   per protocol, the port names not resolved to numbers
 */
public record PotentialConnections(Connections numbers, Map<Protocol, SortedSet<String>> names) {

    public static final PotentialConnections NONE = new PotentialConnections(Connections.NONE, Map.of());
    public static final PotentialConnections ALL = new PotentialConnections(Connections.ALL, Map.of());

    public PotentialConnections {
        Map<Protocol, SortedSet<String>> copy = new EnumMap<>(Protocol.class);
        names.forEach((p, set) -> {
            if (!set.isEmpty()) {
                copy.put(p, Collections.unmodifiableSortedSet(new TreeSet<>(set)));
            }
        });
        names = Collections.unmodifiableMap(copy);
    }

    public static PotentialConnections of(Connections numbers) {
        return new PotentialConnections(numbers, Map.of());
    }

    /** What a rule's ports admit when the pod that would resolve their names is unknown: names stay names. */
    public static PotentialConnections ofRule(NetworkPolicy.Rule rule) {
        if (rule.ports().isEmpty()) {
            return ALL;
        }
        Connections numbers = Connections.NONE;
        Map<Protocol, SortedSet<String>> names = new EnumMap<>(Protocol.class);
        for (NetworkPolicy.Port p : rule.ports()) {
            if (p.port() != null && p.port().isNamed()) {
                names.computeIfAbsent(p.protocol(), k -> new TreeSet<>()).add(p.port().name());
            } else {
                numbers = numbers.union(Network.unnamed(p));
            }
        }
        return new PotentialConnections(numbers, names);
    }

    public boolean isEmpty() {
        return numbers.isEmpty() && names.isEmpty();
    }

    public boolean isAll() {
        return numbers.isAll() && names.isEmpty();
    }

    public PotentialConnections union(PotentialConnections other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        Map<Protocol, SortedSet<String>> merged = new EnumMap<>(Protocol.class);
        names.forEach((p, s) -> merged.computeIfAbsent(p, k -> new TreeSet<>()).addAll(s));
        other.names.forEach((p, s) -> merged.computeIfAbsent(p, k -> new TreeSet<>()).addAll(s));
        return new PotentialConnections(numbers.union(other.numbers), merged);
    }

    /** Like np-guard: "All Connections", "No Connections", or "TCP 8000,8090,http,UDP 53" (names after numbers). */
    @Override
    public String toString() {
        if (names.isEmpty()) {
            return numbers.toString();
        }
        if (isAll()) {
            return "All Connections";
        }
        List<String> items = new ArrayList<>();
        for (Protocol p : Protocol.values()) {
            List<String> parts = new ArrayList<>();
            String numbered = numbers.portsText(p);
            if (!numbered.isEmpty()) {
                parts.add(numbered);
            }
            parts.addAll(names.getOrDefault(p, Collections.emptySortedSet()));
            if (!parts.isEmpty()) {
                items.add(p.name() + " " + String.join(",", parts));
            }
        }
        items.sort(null);
        return String.join(",", items);
    }
}
