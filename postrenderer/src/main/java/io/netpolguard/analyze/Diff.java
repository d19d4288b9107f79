package io.netpolguard.analyze;

import io.netpolguard.connectivity.AddressRange;
import io.netpolguard.connectivity.Connections;
import io.netpolguard.connectivity.Direction;
import io.netpolguard.model.Manifest;
import io.netpolguard.report.Json;

import java.util.ArrayList;
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
 * @param changes changed first, then added, then removed; each sorted by source and destination
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

    /** The differences between two analyses (whose External ranges should be the same). */
    public static Diff between(Analysis before, Analysis after) {
        Map<String, Connection> was = index(before);
        Map<String, Connection> is = index(after);
        Set<String> workloadsBefore = workloads(before);
        Set<String> workloadsAfter = workloads(after);
        Set<String> keys = new TreeSet<>();
        keys.addAll(was.keySet());
        keys.addAll(is.keySet());
        List<Change> changed = new ArrayList<>();
        List<Change> added = new ArrayList<>();
        List<Change> removed = new ArrayList<>();
        for (String key : keys) {
            Connection x = was.get(key);
            Connection y = is.get(key);
            Connections c1 = x == null ? Connections.NONE : x.connections();
            Connections c2 = y == null ? Connections.NONE : y.connections();
            if (c1.equals(c2)) {
                continue;
            }
            Connection any = x != null ? x : y;
            String src = any.source().name();
            String dst = any.destination().name();
            Kind kind = x == null ? Kind.ADDED : y == null ? Kind.REMOVED : Kind.CHANGED;
            String info = info(kind, src, dst, workloadsBefore, workloadsAfter);
            (kind == Kind.CHANGED ? changed : kind == Kind.ADDED ? added : removed)
                    .add(new Change(kind, src, dst, c1, c2, info));
        }
        List<Change> all = new ArrayList<>(changed);
        all.addAll(added);
        all.addAll(removed);
        return new Diff(all);
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
