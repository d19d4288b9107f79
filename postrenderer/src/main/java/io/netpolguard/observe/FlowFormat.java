package io.netpolguard.observe;

import java.util.Locale;
import java.util.Map;

/** The flow logs netpol-guard reads. */
public enum FlowFormat {
    /** Cilium Hubble: {@code hubble observe -o json} or {@code -o jsonpb}, one flow per line. */
    HUBBLE("hubble", "Cilium Hubble JSON"),
    /** Inspektor Gadget's network gadgets ({@code trace_tcp}, {@code advise_networkpolicy}) with {@code -o json}. */
    GADGET("gadget", "Inspektor Gadget JSON"),
    /** netpol-guard's own CSV: source,destination,port,protocol. */
    PLAIN("plain", "plain CSV");

    private final String option;
    private final String title;

    FlowFormat(String option, String title) {
        this.option = option;
        this.title = title;
    }

    /** As {@code --observed-format} names it: "hubble". */
    public String option() {
        return option;
    }

    /** "Cilium Hubble JSON". */
    public String title() {
        return title;
    }

    /** The format an option value names, or null. */
    public static FlowFormat of(String name) {
        for (FlowFormat f : values()) {
            if (f.option.equals(name.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        return null;
    }

    /**
     * The format of a log, told from its first record: JSON with Hubble's keys ({@code flow}, {@code verdict},
     * {@code l4}, {@code IP}) or Inspektor Gadget's ({@code src} and {@code dst}, or {@code endpoint}); anything
     * else is the plain format, whose header says so.
     *
     * @throws JsonLine.Problem when the record is JSON of neither kind
     */
    static FlowFormat sniff(String first) {
        if (!first.strip().startsWith("{")) {
            return PLAIN;
        }
        Object value = JsonLine.parse(first);
        if (value instanceof Map<?, ?> m) {
            if (m.containsKey("flow") || m.containsKey("verdict") || m.containsKey("l4") || m.containsKey("IP")
                    || m.containsKey("node_status") || m.containsKey("lost_events")) {
                return HUBBLE;
            }
            if ((m.containsKey("src") && m.containsKey("dst")) || m.containsKey("endpoint")) {
                return GADGET;
            }
        }
        throw new JsonLine.Problem("a JSON record neither of Hubble (flow, verdict, l4, IP) nor of Inspektor Gadget"
                + " (src and dst, or endpoint)", 1);
    }

    LineReader reader() {
        return switch (this) {
            case HUBBLE -> new HubbleReader();
            case GADGET -> new GadgetReader();
            case PLAIN -> new PlainReader();
        };
    }

    /** Reads one line of a log into the flows. */
    interface LineReader {
        /**
         * @throws JsonLine.Problem or {@link IllegalArgumentException} when the line is broken; the message says
         *                          what is wrong, the caller adds where
         */
        void read(String line, Observed into);
    }
}
