package io.netpolguard.oracle;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static io.netpolguard.oracle.Manifests.labels;
import static io.netpolguard.oracle.Manifests.list;
import static io.netpolguard.oracle.Manifests.map;
import static io.netpolguard.oracle.Manifests.requiredString;

/** Label selectors against labels, and ipBlocks against addresses. */
final class Selectors {

    private Selectors() {
    }

    /** A metav1.LabelSelector: every matchLabels pair and every matchExpression must hold; {} matches everything. */
    static boolean matches(Object selector, Map<String, String> labels) {
        Map<String, Object> s = map(selector);
        for (Map.Entry<String, String> wanted : labels(s.get("matchLabels")).entrySet()) {
            if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
                return false;
            }
        }
        for (Object element : list(s.get("matchExpressions"))) {
            Map<String, Object> expression = map(element);
            String key = requiredString(expression.get("key"), "matchExpressions key");
            List<String> values = list(expression.get("values")).stream().map(v -> requiredString(v, "selector value")).toList();
            boolean holds = switch (requiredString(expression.get("operator"), "matchExpressions operator")) {
                case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                default -> throw new IllegalArgumentException("unknown selector operator: " + expression.get("operator"));
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    /** An ipBlock admits the addresses of its cidr minus those of every except. */
    static boolean inBlock(Object ipBlock, String address) {
        Map<String, Object> block = map(ipBlock);
        byte[] a = address(address);
        if (!inCidr(requiredString(block.get("cidr"), "ipBlock cidr"), a)) {
            return false;
        }
        for (Object except : list(block.get("except"))) {
            if (inCidr(requiredString(except, "ipBlock except"), a)) {
                return false;
            }
        }
        return true;
    }

    /** Whether an address lies in a CIDR. An IPv4 address is never in an IPv6 CIDR, nor the other way round. */
    static boolean inCidr(String cidr, byte[] address) {
        int slash = cidr.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a CIDR: " + cidr);
        }
        byte[] network = address(cidr.substring(0, slash));
        int bits = Integer.parseInt(cidr.substring(slash + 1));
        if (bits < 0 || bits > network.length * 8) {
            throw new IllegalArgumentException("not a CIDR: " + cidr);
        }
        if (network.length != address.length) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            if (bit(network, i) != bit(address, i)) {
                return false;
            }
        }
        return true;
    }

    private static int bit(byte[] bytes, int i) {
        return (bytes[i / 8] >> (7 - i % 8)) & 1;
    }

    /** The bytes of a dotted-quad IPv4 address (4) or of an IPv6 address (16; an IPv4-mapped one stays IPv6). */
    static byte[] address(String text) {
        if (text.indexOf(':') < 0) {
            String[] parts = text.split("\\.", -1);
            if (parts.length != 4) {
                throw new IllegalArgumentException("not an IPv4 address: " + text);
            }
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (!parts[i].matches("[0-9]{1,3}") || Integer.parseInt(parts[i]) > 255) {
                    throw new IllegalArgumentException("not an IPv4 address: " + text);
                }
                bytes[i] = (byte) Integer.parseInt(parts[i]);
            }
            return bytes;
        }
        if (!text.matches("[0-9A-Fa-f:.]+")) { // so that InetAddress takes it as a literal and never looks it up
            throw new IllegalArgumentException("not an IPv6 address: " + text);
        }
        try {
            byte[] bytes = InetAddress.getByName(text).getAddress();
            if (bytes.length == 4) { // Java turns ::ffff:a.b.c.d into an IPv4 address
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xff;
                mapped[11] = (byte) 0xff;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                return mapped;
            }
            return bytes;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 address: " + text, e);
        }
    }
}
