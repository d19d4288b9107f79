package io.netpolguard.oracle;

/** A container port: its name (may be null), number and protocol (null means TCP). */
public record Port(String name, int number, String protocol) {

    public Port {
        protocol = protocol == null ? "TCP" : protocol;
    }

    /** An unnamed TCP port. */
    public static Port tcp(int number) {
        return new Port(null, number, "TCP");
    }
}
