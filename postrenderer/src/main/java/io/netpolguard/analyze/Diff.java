package io.netpolguard.analyze;

import io.netpolguard.connectivity.AddressRange;
import io.netpolguard.connectivity.Connections;
import io.netpolguard.model.Direction;
import io.netpolguard.model.Manifest;
import io.netpolguard.report.Json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changes in connectivity between two inputs: connections added, removed and changed. Both are analysed with the
 * same External ranges (every ipBlock boundary of either input), so that each range is compared with itself.
 *
 * @param changes changed first, then added, then removed, each sorted by source and destination; then the ingress
 *                controller's lines in the same order (np-guard's order)
 */
public record Diff(List<Change> changes) {

    public Diff {
        changes = List.copyOf(changes);
    }

    public enum Kind {
        CHANGED, ADDED, REMOVED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One difference.
     *
     * @param kind        added (not allowed before), removed (not allowed after) or changed
     * @param source      the source peer
     * @param destination the destination peer
     * @param before      what was allowed before ("No Connections" when nothing)
     * @param after       what is allowed after
     * @param workloads   which end is a workload only one input has ("workload ns/a[Deployment] added"); "" when none
     */
    public record Change(Kind kind, String source, String destination, Connections before, Connections after,
                         String workloads) {
    }

    /** The differences from {@code before} to {@code after}. */
    public static Diff between(Manifest before, Manifest after, Options options) {
        Options plain = options.withExposure(false);
        List<AddressRange> sources = new ArrayList<>();
        List<AddressRange> destinations = new ArrayList<>();
        for (Manifest m : List.of(before, after)) {
            var network = Analyzer.network(m, plain);
            sources.addAll(network.referencedAddresses(Direction.INGRESS));
            destinations.addAll(network.referencedAddresses(Direction.EGRESS));
        }
        Analysis a = Analyzer.analyze(before, plain, sources, destinations);
        Analysis b = Analyzer.analyze(after, plain, sources, destinations);
        return between(a, b);
    }

    /**
     * The differences between two analyses (whose External ranges should be the same), as np-guard's diff finds and
     * orders them: address ranges that touch, with the same peer on the other side and the same connections before
     * and after, are one line; changed, then added, then removed lines, each sorted by source and destination, and
     * the ingress controller's lines after all others, in the same three groups.
     */
    public static Diff between(Analysis before, Analysis after) {
        Map<String, Connection> was = index(before);
        Map<String, Connection> is = index(after);
        Set<String> keys = new TreeSet<>(was.keySet());
        keys.addAll(is.keySet());
        List<Pair> pairs = new ArrayList<>();
        for (String key : keys) {
            Connection x = was.get(key);
            Connection y = is.get(key);
            Connection any = x != null ? x : y;
            pairs.add(new Pair(any.source(), any.destination(), x == null ? null : x.connections(),
                    y == null ? null : y.connections()));
        }
        Set<String> workloadsBefore = workloads(before);
        Set<String> workloadsAfter = workloads(after);
        List<List<Change>> groups = new ArrayList<>(); // changed, added, removed; then the same for the controller
        for (int i = 0; i < 6; i++) {
            groups.add(new ArrayList<>());
        }
        for (Pair p : merged(pairs)) {
            if (p.before != null && p.after != null && p.before.equals(p.after)) {
                continue;
            }
            Kind kind = p.before == null ? Kind.ADDED : p.after == null ? Kind.REMOVED : Kind.CHANGED;
            String src = p.source.name();
            String dst = p.destination.name();
            Change change = new Change(kind, src, dst, p.before == null ? Connections.NONE : p.before,
                    p.after == null ? Connections.NONE : p.after, info(kind, src, dst, workloadsBefore, workloadsAfter));
            int controller = p.source.kind() == Peer.Kind.INGRESS_CONTROLLER ? 3 : 0;
            groups.get(controller + kind.ordinal()).add(change);
        }
        List<Change> all = new ArrayList<>();
        for (List<Change> group : groups) {
            group.sort(BY_PEERS);
            all.addAll(group);
        }
        return new Diff(all);
    }

    private static final Comparator<Change> BY_PEERS = Comparator.comparing(Change::source)
            .thenComparing(Change::destination);

    /** A source and destination with what each input allows between them (null: nothing, no line). */
    private record Pair(Peer source, Peer destination, Connections before, Connections after) {

        /** The workload or ingress controller on the side that is not an address range; null when neither is one. */
        Peer fixed() {
            return destination.isExternal() ? source : source.isExternal() ? destination : null;
        }

        AddressRange range() {
            return (destination.isExternal() ? destination : source).range();
        }
    }

    /**
     * The pairs with their address ranges merged where they touch or overlap and everything else is the same (the
     * peer on the other side, what each input allows), as np-guard merges them before it compares.
     */
    private static List<Pair> merged(List<Pair> pairs) {
        List<Pair> result = new ArrayList<>();
        Map<String, List<Pair>> groups = new LinkedHashMap<>();
        for (Pair p : pairs) {
            Peer fixed = p.fixed();
            if (fixed == null) {
                result.add(p);
            } else {
                groups.computeIfAbsent((p.destination.isExternal() ? "to " : "from ") + fixed.name() + "\n" + p.before
                        + "\n" + p.after, k -> new ArrayList<>()).add(p);
            }
        }
        for (List<Pair> group : groups.values()) {
            List<AddressRange> ranges = new ArrayList<>();
            group.forEach(p -> ranges.add(p.range()));
            Collections.sort(ranges);
            Pair first = group.get(0);
            AddressRange current = null;
            for (AddressRange r : ranges) {
                if (current != null && current.family() == r.family()
                        && current.last().add(BigInteger.ONE).compareTo(r.first()) >= 0) {
                    current = new AddressRange(r.family(), current.first(), current.last().max(r.last()));
                    continue;
                }
                if (current != null) {
                    result.add(withRange(first, current));
                }
                current = r;
            }
            result.add(withRange(first, current));
        }
        return result;
    }

    private static Pair withRange(Pair p, AddressRange range) {
        Peer external = Peer.external(range);
        return p.destination.isExternal() ? new Pair(p.source, external, p.before, p.after)
                : new Pair(external, p.destination, p.before, p.after);
    }

    private static Map<String, Connection> index(Analysis analysis) {
        Map<String, Connection> result = new LinkedHashMap<>();
        for (Connection c : analysis.connections()) {
            result.put(c.source().name() + "\n" + c.destination().name(), c);
        }
        return result;
    }

    private static Set<String> workloads(Analysis analysis) {
        Set<String> result = new TreeSet<>();
        for (Peer p : analysis.peers()) {
            if (p.kind() == Peer.Kind.WORKLOAD) {
                result.add(p.name());
            }
        }
        return result;
    }

    /** np-guard's workloads-diff-info: "workload X added", "workload X and Y removed". */
    private static String info(Kind kind, String src, String dst, Set<String> before, Set<String> after) {
        if (kind == Kind.CHANGED) {
            return "";
        }
        Set<String> had = kind == Kind.ADDED ? before : after;
        Set<String> has = kind == Kind.ADDED ? after : before;
        List<String> names = new ArrayList<>();
        for (String peer : List.of(src, dst)) {
            if (has.contains(peer) && !had.contains(peer)) {
                names.add(peer);
            }
        }
        return names.isEmpty() ? "" : "workload " + String.join(" and ", names) + " " + kind.label();
    }

    /** Writes the diff as txt, md, json or csv; null for a format a diff has not. */
    public String render(Format format) {
        return switch (format) {
            case TXT -> txt();
            case MD -> md();
            case JSON -> json();
            case CSV -> csv();
            case DOT -> null;
        };
    }

    private String txt() {
        if (changes.isEmpty()) {
            return ""; // np-guard prints nothing when nothing differs, in every format
        }
        StringBuilder sb = new StringBuilder("Connectivity diff:\n");
        for (Change c : changes) {
            sb.append("diff-type: ").append(c.kind().label()).append(", source: ").append(c.source())
                    .append(", destination: ").append(c.destination()).append(", before: ").append(c.before())
                    .append(", after: ").append(c.after());
            if (!c.workloads().isEmpty()) {
                sb.append(", workloads-diff-info: ").append(c.workloads());
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private String md() {
        if (changes.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("| diff-type | source | destination | before | after | workloads-diff-info |\n"
                + "|-----------|--------|-------------|--------|-------|---------------------|\n");
        for (Change c : changes) {
            sb.append("| ").append(c.kind().label()).append(" | ").append(c.source()).append(" | ")
                    .append(c.destination()).append(" | ").append(c.before()).append(" | ").append(c.after())
                    .append(" | ").append(c.workloads()).append(" |\n");
        }
        return sb.toString();
    }

    private String csv() {
        if (changes.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("diff-type,source,destination,before,after,workloads-diff-info\n");
        for (Change c : changes) {
            sb.append(String.join(",", List.of(c.kind().label(), Format.csvField(c.source()),
                    Format.csvField(c.destination()), Format.csvField(c.before().toString()),
                    Format.csvField(c.after().toString()), Format.csvField(c.workloads())))).append('\n');
        }
        return sb.toString();
    }

    private String json() {
        List<Object> rows = new ArrayList<>();
        for (Change c : changes) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("diffType", c.kind().label());
            m.put("src", c.source());
            m.put("dst", c.destination());
            m.put("before", c.before().toString());
            m.put("after", c.after().toString());
            if (!c.workloads().isEmpty()) {
                m.put("workloads", c.workloads());
            }
            rows.add(m);
        }
        Map<String, Object> root = new TreeMap<>();
        root.put("changes", rows);
        return Json.write(root);
    }
}
