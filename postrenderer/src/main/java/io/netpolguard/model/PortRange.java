package io.netpolguard.model;

/**
 * Ports of one protocol, {@code first} to {@code last}, as a generated rule or a configured flow opens them.
 */
public final class PortRange {

    private final Protocol protocol;
    private final int first;
    private final int last;

    /**
     * @param protocol the protocol
     * @param first    the first port
     * @param last     the last port ({@code first} for a single port)
     */
    public PortRange(Protocol protocol, int first, int last) {
        this.protocol = protocol;
        this.first = first;
        this.last = last;
    }

    public static PortRange tcp(int port) {
        return new PortRange(Protocol.TCP, port, port);
    }

    public static PortRange of(Protocol protocol, int port) {
        return new PortRange(protocol, port, port);
    }

    public Protocol protocol() {
        return protocol;
    }

    public int first() {
        return first;
    }

    public int last() {
        return last;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortRange r && protocol == r.protocol && first == r.first && last == r.last;
    }

    @Override
    public int hashCode() {
        return (protocol.hashCode() * 31 + first) * 31 + last;
    }

    /** "TCP 443", "UDP 53", "TCP 8000-8100". */
    @Override
    public String toString() {
        return protocol + " " + (first == last ? Integer.toString(first) : first + "-" + last);
    }
}
