package io.netpolguard.connectivity;

import io.netpolguard.model.Protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable set of connections: for each of TCP, UDP and SCTP, a set of ports 1-65535 kept as maximal ranges.
 * {@link #toString()} writes it as np-guard's netpol-analyzer does ("All Connections", "SCTP 7070,TCP 8080-8081,UDP 9090").
 */
public final class Connections {

    public static final int MIN_PORT = 1;
    public static final int MAX_PORT = 65535;

    /** Protocols in the order np-guard prints them: sorted by name. */
    private static final Protocol[] BY_NAME = {Protocol.SCTP, Protocol.TCP, Protocol.UDP};
    private static final int[] EMPTY = {};
    private static final int[] FULL = {MIN_PORT, MAX_PORT};

    /** No connection at all. */
    public static final Connections NONE = new Connections(new int[][] {EMPTY, EMPTY, EMPTY});
    /** Every port of every protocol. */
    public static final Connections ALL = new Connections(new int[][] {FULL, FULL, FULL});

    /**
     * One inclusive span of port numbers within one protocol's ports of a set (unlike
     * {@link io.netpolguard.model.PortRange}, the ports a rule opens, it carries no protocol).
     */
    public record Span(int from, int to) {
        @Override
        public String toString() {
            return from == to ? Integer.toString(from) : from + "-" + to;
        }
    }

    /** Per protocol (by ordinal): ascending, disjoint, non-adjacent inclusive ranges as [from0, to0, from1, to1, ...]. */
    private final int[][] ranges;

    private Connections(int[][] ranges) {
        this.ranges = ranges;
    }

    /** The ports {@code from} to {@code to} (inclusive) of one protocol; nothing when the range is empty or invalid. */
    public static Connections of(Protocol protocol, int from, int to) {
        int lo = Math.max(from, MIN_PORT);
        int hi = Math.min(to, MAX_PORT);
        if (lo > hi) {
            return NONE;
        }
        int[][] r = {EMPTY, EMPTY, EMPTY};
        r[protocol.ordinal()] = new int[] {lo, hi};
        return new Connections(r);
    }

    /** One port of one protocol. */
    public static Connections of(Protocol protocol, int port) {
        return of(protocol, port, port);
    }

    /** Every port of one protocol. */
    public static Connections all(Protocol protocol) {
        return of(protocol, MIN_PORT, MAX_PORT);
    }

    public boolean isEmpty() {
        return ranges[0].length == 0 && ranges[1].length == 0 && ranges[2].length == 0;
    }

    /** True when every port of TCP, UDP and SCTP is in the set. */
    public boolean isAll() {
        return isFull(ranges[0]) && isFull(ranges[1]) && isFull(ranges[2]);
    }

    private static boolean isFull(int[] r) {
        return r.length == 2 && r[0] == MIN_PORT && r[1] == MAX_PORT;
    }

    public boolean contains(Protocol protocol, int port) {
        int[] r = ranges[protocol.ordinal()];
        for (int i = 0; i < r.length; i += 2) {
            if (port < r[i]) {
                return false;
            }
            if (port <= r[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** True when every connection of {@code other} is in this set. */
    public boolean containsAll(Connections other) {
        return other.minus(this).isEmpty();
    }

    /** The ranges of one protocol, ascending and maximal. */
    public List<Span> ranges(Protocol protocol) {
        int[] r = ranges[protocol.ordinal()];
        List<Span> result = new ArrayList<>(r.length / 2);
        for (int i = 0; i < r.length; i += 2) {
            result.add(new Span(r[i], r[i + 1]));
        }
        return result;
    }

    /** The protocols with at least one port, in np-guard's order (SCTP, TCP, UDP). */
    public List<Protocol> protocols() {
        List<Protocol> result = new ArrayList<>(3);
        for (Protocol p : BY_NAME) {
            if (ranges[p.ordinal()].length > 0) {
                result.add(p);
            }
        }
        return result;
    }

    public Connections union(Connections other) {
        if (this == other || other.isEmpty() || this.isAll()) {
            return this;
        }
        if (this.isEmpty() || other.isAll()) {
            return other;
        }
        return combine(other, OR);
    }

    public Connections intersect(Connections other) {
        if (this == other || other.isAll() || this.isEmpty()) {
            return this;
        }
        if (this.isAll() || other.isEmpty()) {
            return other;
        }
        return combine(other, AND);
    }

    public Connections minus(Connections other) {
        if (other.isEmpty() || this.isEmpty()) {
            return this;
        }
        if (this == other || other.isAll()) {
            return NONE;
        }
        return combine(other, AND_NOT);
    }

    private interface Op {
        boolean apply(boolean a, boolean b);
    }

    private static final Op OR = (a, b) -> a || b;
    private static final Op AND = (a, b) -> a && b;
    private static final Op AND_NOT = (a, b) -> a && !b;

    private Connections combine(Connections other, Op op) {
        int[][] r = new int[3][];
        for (int p = 0; p < 3; p++) {
            r[p] = combine(ranges[p], other.ranges[p], op);
        }
        return normalize(r);
    }

    /** Sweeps the boundaries of both range lists (as half-open intervals) and keeps where {@code op} holds. */
    private static int[] combine(int[] a, int[] b, Op op) {
        int[] out = new int[a.length + b.length + 2];
        int n = 0;
        int i = 0;
        int j = 0;
        boolean inA = false;
        boolean inB = false;
        boolean in = false;
        int start = 0;
        while (i < a.length || j < b.length) {
            int nextA = i < a.length ? (i % 2 == 0 ? a[i] : a[i] + 1) : Integer.MAX_VALUE;
            int nextB = j < b.length ? (j % 2 == 0 ? b[j] : b[j] + 1) : Integer.MAX_VALUE;
            int at = Math.min(nextA, nextB);
            if (nextA == at) {
                inA = i % 2 == 0;
                i++;
            }
            if (nextB == at) {
                inB = j % 2 == 0;
                j++;
            }
            boolean now = op.apply(inA, inB);
            if (now && !in) {
                start = at;
            } else if (!now && in) {
                out[n++] = start;
                out[n++] = at - 1;
            }
            in = now;
        }
        return n == 0 ? EMPTY : Arrays.copyOf(out, n);
    }

    private static Connections normalize(int[][] r) {
        if (r[0].length == 0 && r[1].length == 0 && r[2].length == 0) {
            return NONE;
        }
        if (isFull(r[0]) && isFull(r[1]) && isFull(r[2])) {
            return ALL;
        }
        return new Connections(r);
    }

    /**
     * np-guard's text: "All Connections" when every port of every protocol is in the set; "No Connections" when
     * empty; otherwise one item per protocol with ports, protocols sorted by name, e.g. "SCTP 7070,TCP 1-65535,UDP 53".
     */
    @Override
    public String toString() {
        if (isAll()) {
            return "All Connections";
        }
        if (isEmpty()) {
            return "No Connections";
        }
        StringBuilder sb = new StringBuilder();
        for (Protocol p : BY_NAME) {
            int[] r = ranges[p.ordinal()];
            if (r.length == 0) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(p.name()).append(' ');
            appendRanges(sb, r);
        }
        return sb.toString();
    }

    /** The ports of one protocol as np-guard writes them: "8080-8081,9090"; "" when none. */
    public String portsText(Protocol protocol) {
        StringBuilder sb = new StringBuilder();
        appendRanges(sb, ranges[protocol.ordinal()]);
        return sb.toString();
    }

    private static void appendRanges(StringBuilder sb, int[] r) {
        for (int i = 0; i < r.length; i += 2) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(r[i]);
            if (r[i + 1] != r[i]) {
                sb.append('-').append(r[i + 1]);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Connections c && Arrays.equals(ranges[0], c.ranges[0])
                && Arrays.equals(ranges[1], c.ranges[1]) && Arrays.equals(ranges[2], c.ranges[2]);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(ranges);
    }
}
