package io.netpolguard.observe;

import io.netpolguard.model.Protocol;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The flows of one flow log, folded: each distinct flow with how many records showed it, and what was skipped and
 * why. Ends are kept once however often they recur, so a log of a million records takes the memory of its distinct
 * flows.
 */
public final class Observed {

    private final FlowFormat format;
    private final boolean sniffed;
    private final Map<ObservedFlow, long[]> flows = new LinkedHashMap<>();
    private final Map<FlowEnd, FlowEnd> ends = new HashMap<>();
    private final Map<String, Long> skipped = new TreeMap<>();
    private long records;

    Observed(FlowFormat format, boolean sniffed) {
        this.format = format;
        this.sniffed = sniffed;
    }

    /** Adds one record of a flow. */
    void add(FlowEnd source, FlowEnd destination, Protocol protocol, int port, long count) {
        records += count;
        ObservedFlow flow = new ObservedFlow(intern(source), intern(destination), protocol, port);
        flows.computeIfAbsent(flow, f -> new long[1])[0] += count;
    }

    /** Counts a record left out, with the reason ("replies", "records without L4 (ICMP)"). */
    void skip(String reason) {
        skip(reason, 1);
    }

    /** Counts records left out that one line stands for (the plain format's count). */
    void skip(String reason, long count) {
        records += count;
        skipped.merge(reason, count, Long::sum);
    }

    private FlowEnd intern(FlowEnd end) {
        FlowEnd known = ends.putIfAbsent(end, end);
        return known == null ? end : known;
    }

    /** The format read. */
    public FlowFormat format() {
        return format;
    }

    /** True when the format was told from the first record, not given. */
    public boolean sniffed() {
        return sniffed;
    }

    /** The distinct flows, in the order first seen, with how many records showed each. */
    public Map<ObservedFlow, long[]> flows() {
        return Collections.unmodifiableMap(flows);
    }

    /** Records skipped, by reason. */
    public Map<String, Long> skipped() {
        return Collections.unmodifiableMap(skipped);
    }

    /** Every record read (flows and skipped ones), blank lines and comments aside. */
    public long records() {
        return records;
    }
}
