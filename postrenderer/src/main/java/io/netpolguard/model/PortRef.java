package io.netpolguard.model;

/**
 * A port as Services, Ingresses, routes, monitors and policies refer to one: by number, or by the name a container
 * (or a Service) gives it.
 *
 * @param number the port number, or 0 when it is given by name
 * @param name   the port name, or null when it is given by number
 */
public record PortRef(int number, String name) {

    public static PortRef number(int number) {
        return new PortRef(number, null);
    }

    public static PortRef name(String name) {
        return new PortRef(0, name);
    }

    /** A number when the text is one ("8080"), a name otherwise ("http"). */
    public static PortRef parse(String text) {
        if (!text.isEmpty() && text.length() <= 5 && digits(text)) {
            return number(Integer.parseInt(text));
        }
        return name(text);
    }

    private static boolean digits(String text) { // no stream: this runs for every port of the stream
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    public boolean isNamed() {
        return name != null;
    }

    @Override
    public String toString() {
        return name != null ? name : Integer.toString(number);
    }
}
