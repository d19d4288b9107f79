package io.netpolguard.config;

import java.math.BigInteger;

/**
 * An IPv4 or IPv6 block such as {@code 10.0.0.0/8} or {@code fd00::/8}, parsed without any name lookup.
 *
 * @param ipv6  its family
 * @param first its first address
 * @param last  its last address
 */
public record Cidr(boolean ipv6, BigInteger first, BigInteger last) {

    /** The block, or null when the text is not a CIDR. */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String address = text.substring(0, slash);
        boolean ipv6 = address.indexOf(':') >= 0;
        BigInteger value = ipv6 ? ipv6(address) : ipv4(address);
        int bits = ipv6 ? 128 : 32;
        int prefix;
        try {
            prefix = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (value == null || prefix < 0 || prefix > bits || text.substring(slash + 1).startsWith("+")) {
            return null;
        }
        BigInteger size = BigInteger.ONE.shiftLeft(bits - prefix);
        BigInteger first = value.subtract(value.mod(size));
        return new Cidr(ipv6, first, first.add(size).subtract(BigInteger.ONE));
    }

    /** Whether {@code inner} lies inside {@code outer}; false when either is not a CIDR. */
    public static boolean contains(String outer, String inner) {
        Cidr o = parse(outer);
        Cidr i = parse(inner);
        return o != null && i != null && o.ipv6 == i.ipv6 && o.first.compareTo(i.first) <= 0
                && o.last.compareTo(i.last) >= 0;
    }

    private static BigInteger ipv4(String address) {
        String[] parts = address.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return null;
            }
            value = value * 256 + octet;
        }
        return BigInteger.valueOf(value);
    }

    private static BigInteger ipv6(String address) {
        int gap = address.indexOf("::");
        if (gap >= 0 && address.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        String head = gap >= 0 ? address.substring(0, gap) : address;
        String tail = gap >= 0 ? address.substring(gap + 2) : "";
        String[] h = head.isEmpty() ? new String[0] : head.split(":", -1);
        String[] t = tail.isEmpty() ? new String[0] : tail.split(":", -1);
        if ((gap < 0 && h.length != 8) || h.length + t.length > (gap < 0 ? 8 : 7)) {
            return null;
        }
        BigInteger value = BigInteger.ZERO;
        for (String group : h) {
            value = group(value, group);
            if (value == null) {
                return null;
            }
        }
        value = value.shiftLeft(16 * (8 - h.length - t.length));
        for (String group : t) {
            value = group(value, group);
            if (value == null) {
                return null;
            }
        }
        return value;
    }

    private static BigInteger group(BigInteger value, String group) {
        if (group.isEmpty() || group.length() > 4 || !group.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return null;
        }
        return value.shiftLeft(16).or(BigInteger.valueOf(Integer.parseInt(group, 16)));
    }
}
