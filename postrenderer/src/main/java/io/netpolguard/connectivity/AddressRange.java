package io.netpolguard.connectivity;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A contiguous range of IPv4 or IPv6 addresses. Ranges of different families never contain or overlap each other.
 * Addresses are parsed by hand (never through name resolution).
 */
public final class AddressRange implements Comparable<AddressRange> {

    private final Family family;
    private final BigInteger first;
    private final BigInteger last;

    public enum Family {
        IPV4(32), IPV6(128);

        private final int bits;

        Family(int bits) {
            this.bits = bits;
        }

        public int bits() {
            return bits;
        }

        /** The largest address of the family. */
        public BigInteger max() {
            return BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        }
    }

    /**
     * @param family whether the addresses are IPv4 or IPv6
     * @param first  the first address, as an unsigned number
     * @param last   the last address (inclusive)
     */
    public AddressRange(Family family, BigInteger first, BigInteger last) {
        if (first.signum() < 0 || last.compareTo(family.max()) > 0 || first.compareTo(last) > 0) {
            throw new IllegalArgumentException("not an address range: " + first + "-" + last);
        }
        this.family = family;
        this.first = first;
        this.last = last;
    }

    /** Every address of a family: 0.0.0.0-255.255.255.255 or ::-ffff:...:ffff. */
    public static AddressRange all(Family family) {
        return new AddressRange(family, BigInteger.ZERO, family.max());
    }

    /** One address, e.g. "10.1.2.3" or "fd00::1". */
    public static AddressRange address(String text) {
        Family family = text.indexOf(':') >= 0 ? Family.IPV6 : Family.IPV4;
        BigInteger value = family == Family.IPV4 ? parseV4(text) : parseV6(text);
        return new AddressRange(family, value, value);
    }

    /** The addresses of a CIDR such as "10.0.0.0/8"; host bits are ignored, as Kubernetes does. */
    public static AddressRange cidr(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("\"" + text + "\" is not a CIDR (an address, \"/\" and a prefix length)");
        }
        AddressRange address = address(text.substring(0, slash).strip());
        String lengthText = text.substring(slash + 1).strip();
        int bits = address.family.bits;
        int length;
        try {
            length = lengthText.length() > 3 ? -1 : Integer.parseInt(lengthText);
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0 || length > bits || !lengthText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("\"" + text + "\" has no valid prefix length (0 to " + bits + ")");
        }
        BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - length).subtract(BigInteger.ONE);
        BigInteger first = address.first.andNot(hostMask);
        return new AddressRange(address.family, first, first.or(hostMask));
    }

    /**
     * An ipBlock: the maximal ranges of {@code cidr} minus every {@code except} CIDR (excepts of the other family
     * take nothing away). Excepts that touch merge: 10.0.0.0/9 and 10.128.0.0/9 take away the same as 10.0.0.0/8.
     */
    public static List<AddressRange> block(String cidr, List<String> except) {
        List<AddressRange> result = new ArrayList<>();
        result.add(cidr(cidr));
        for (String e : except) {
            AddressRange cut = cidr(e);
            List<AddressRange> next = new ArrayList<>(result.size() + 1);
            for (AddressRange r : result) {
                next.addAll(r.minus(cut));
            }
            result = next;
        }
        return result;
    }

    /** This range without the addresses of {@code other}: zero, one or two ranges. */
    public List<AddressRange> minus(AddressRange other) {
        if (other.family != family || other.last.compareTo(first) < 0 || other.first.compareTo(last) > 0) {
            return List.of(this);
        }
        List<AddressRange> result = new ArrayList<>(2);
        if (other.first.compareTo(first) > 0) {
            result.add(new AddressRange(family, first, other.first.subtract(BigInteger.ONE)));
        }
        if (other.last.compareTo(last) < 0) {
            result.add(new AddressRange(family, other.last.add(BigInteger.ONE), last));
        }
        return result;
    }

    /** True when every address of {@code other} is in this range (never across families). */
    public boolean contains(AddressRange other) {
        return other.family == family && first.compareTo(other.first) <= 0 && last.compareTo(other.last) >= 0;
    }

    /** True when the ranges share an address. */
    public boolean overlaps(AddressRange other) {
        return other.family == family && first.compareTo(other.last) <= 0 && other.first.compareTo(last) <= 0;
    }

    /**
     * The coarsest partition of the address space into ranges that lines up with the start and end of every given
     * range, as np-guard splits External peers: boundaries fall only where some range starts or ends, and ranges are
     * never merged. The whole IPv4 space is always covered; the IPv6 space only when some given range is IPv6.
     * Sorted, IPv4 first.
     */
    public static List<AddressRange> partition(Collection<AddressRange> ranges) {
        List<AddressRange> result = new ArrayList<>();
        for (Family family : Family.values()) {
            TreeSet<BigInteger> starts = new TreeSet<>();
            boolean any = family == Family.IPV4;
            for (AddressRange r : ranges) {
                if (r.family != family) {
                    continue;
                }
                any = true;
                starts.add(r.first);
                if (r.last.compareTo(family.max()) < 0) {
                    starts.add(r.last.add(BigInteger.ONE));
                }
            }
            if (!any) {
                continue;
            }
            starts.add(BigInteger.ZERO);
            BigInteger previous = null;
            for (BigInteger start : starts) {
                if (previous != null) {
                    result.add(new AddressRange(family, previous, start.subtract(BigInteger.ONE)));
                }
                previous = start;
            }
            result.add(new AddressRange(family, previous, family.max()));
        }
        return result;
    }

    public Family family() {
        return family;
    }

    public BigInteger first() {
        return first;
    }

    public BigInteger last() {
        return last;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AddressRange r && family == r.family && first.equals(r.first) && last.equals(r.last);
    }

    @Override
    public int hashCode() {
        return (family.ordinal() * 31 + first.hashCode()) * 31 + last.hashCode();
    }

    @Override
    public int compareTo(AddressRange o) {
        int c = family.compareTo(o.family);
        if (c != 0) {
            return c;
        }
        c = first.compareTo(o.first);
        return c != 0 ? c : last.compareTo(o.last);
    }

    /** The first address in dotted quads (IPv4) or compressed IPv6 notation. */
    public String firstAddress() {
        return format(first);
    }

    /** The last address. */
    public String lastAddress() {
        return format(last);
    }

    /** "first-last" in dotted quads (IPv4) or compressed IPv6 notation, as np-guard writes External peers. */
    @Override
    public String toString() {
        return format(first) + "-" + format(last);
    }

    private String format(BigInteger value) {
        if (family == Family.IPV4) {
            long v = value.longValue();
            return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = value.shiftRight(16 * (7 - i)).intValue() & 0xFFFF;
        }
        // RFC 5952: the longest run of two or more zero groups (the first when tied) becomes "::".
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    private static BigInteger parseV4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw notAnAddress(text);
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (part.length() > 1 && part.charAt(0) == '0')) {
                throw notAnAddress(text);
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw notAnAddress(text);
            }
            value = value << 8 | octet;
        }
        return BigInteger.valueOf(value);
    }

    private static BigInteger parseV6(String text) {
        String s = text;
        int zone = s.indexOf('%');
        if (zone >= 0) {
            throw notAnAddress(text);
        }
        List<Integer> head = new ArrayList<>();
        List<Integer> tail = new ArrayList<>();
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            throw notAnAddress(text);
        }
        String left = doubleColon >= 0 ? s.substring(0, doubleColon) : s;
        String right = doubleColon >= 0 ? s.substring(doubleColon + 2) : "";
        groups(left, head, text, doubleColon < 0 || right.isEmpty());
        if (doubleColon >= 0) {
            groups(right, tail, text, true);
        }
        int count = head.size() + tail.size();
        if (doubleColon < 0 ? count != 8 : count > 7) {
            throw notAnAddress(text);
        }
        BigInteger value = BigInteger.ZERO;
        for (int g : head) {
            value = value.shiftLeft(16).or(BigInteger.valueOf(g));
        }
        value = value.shiftLeft(16 * (8 - head.size()));
        BigInteger low = BigInteger.ZERO;
        for (int g : tail) {
            low = low.shiftLeft(16).or(BigInteger.valueOf(g));
        }
        return value.or(low);
    }

    /** Parses colon-separated hex groups; the last may be an embedded IPv4 address when {@code last} is true. */
    private static void groups(String part, List<Integer> into, String text, boolean last) {
        if (part.isEmpty()) {
            return;
        }
        String[] items = part.split(":", -1);
        for (int i = 0; i < items.length; i++) {
            String item = items[i];
            if (last && i == items.length - 1 && item.indexOf('.') >= 0) {
                long v4 = parseV4(item).longValue();
                into.add((int) (v4 >> 16));
                into.add((int) (v4 & 0xFFFF));
                continue;
            }
            if (item.isEmpty() || item.length() > 4 || !item.chars().allMatch(AddressRange::isHex)) {
                throw notAnAddress(text);
            }
            into.add(Integer.parseInt(item, 16));
        }
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static IllegalArgumentException notAnAddress(String text) {
        return new IllegalArgumentException("\"" + text + "\" is not an IPv4 or IPv6 address");
    }
}
