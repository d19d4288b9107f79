package io.netpolguard.connectivity;

import io.netpolguard.model.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static io.netpolguard.model.Protocol.SCTP;
import static io.netpolguard.model.Protocol.TCP;
import static io.netpolguard.model.Protocol.UDP;
import static org.assertj.core.api.Assertions.assertThat;

class ConnectionsTest {

    @Test
    void everyPortOfEveryProtocolIsAllConnectionsHoweverItIsBuilt() {
        Connections built = Connections.all(TCP).union(Connections.of(UDP, 1, 65535))
                .union(Connections.of(SCTP, 1, 30000)).union(Connections.of(SCTP, 30001, 65535));

        assertThat(built).isEqualTo(Connections.ALL).hasToString("All Connections");
        assertThat(built.isAll()).isTrue();
    }

    @Test
    void itemsArePerProtocolSortedByNameWithMaximalRangesAndNoSpaces() {
        Connections c = Connections.of(UDP, 9090).union(Connections.of(TCP, 8081)).union(Connections.of(SCTP, 7070))
                .union(Connections.of(TCP, 8080));

        assertThat(c).hasToString("SCTP 7070,TCP 8080-8081,UDP 9090");
    }

    @Test
    void aFullyOpenProtocolNextToRestrictedOnesIsWrittenAsItsWholeRange() {
        Connections c = Connections.all(SCTP).union(Connections.all(TCP)).union(Connections.of(UDP, 1, 5352))
                .union(Connections.of(UDP, 5354, 65535));

        assertThat(c).hasToString("SCTP 1-65535,TCP 1-65535,UDP 1-5352,5354-65535");
    }

    @Test
    void nothingIsNoConnections() {
        assertThat(Connections.NONE.isEmpty()).isTrue();
        assertThat(Connections.NONE).hasToString("No Connections");
        assertThat(Connections.of(TCP, 10, 9)).isEqualTo(Connections.NONE);
    }

    @ParameterizedTest(name = "{0} {1} {2} = {3}")
    @CsvSource(delimiter = '|', value = {
            "TCP 1-100     | intersect | TCP 50-200          | TCP 50-100",
            "TCP 1-100     | minus     | TCP 50-60           | TCP 1-49,61-100",
            "TCP 1-100     | union     | TCP 101-200         | TCP 1-200",
            "TCP 1-100     | union     | UDP 53              | TCP 1-100,UDP 53",
            "TCP 1-100     | intersect | UDP 1-100           | No Connections",
            "ALL           | minus     | UDP 53              | SCTP 1-65535,TCP 1-65535,UDP 1-52,54-65535",
            "ALL           | intersect | SCTP 7070           | SCTP 7070",
            "TCP 80,443    | minus     | TCP 443             | TCP 80",
    })
    void theAlgebraWorksPortByPort(String a, String op, String b, String expected) {
        Connections x = parse(a);
        Connections y = parse(b);
        Connections result = switch (op) {
            case "union" -> x.union(y);
            case "intersect" -> x.intersect(y);
            default -> x.minus(y);
        };
        assertThat(result).hasToString(expected);
    }

    @Test
    void randomSetsAgreeWithAPortByPortModel() {
        Random random = new Random(42);
        for (int round = 0; round < 300; round++) {
            boolean[][] a = new boolean[3][301];
            boolean[][] b = new boolean[3][301];
            Connections x = randomSet(random, a);
            Connections y = randomSet(random, b);
            Connections union = x.union(y);
            Connections intersection = x.intersect(y);
            Connections difference = x.minus(y);
            for (Protocol p : Protocol.values()) {
                for (int port = 1; port <= 300; port++) {
                    boolean inA = a[p.ordinal()][port];
                    boolean inB = b[p.ordinal()][port];
                    assertThat(union.contains(p, port)).isEqualTo(inA || inB);
                    assertThat(intersection.contains(p, port)).isEqualTo(inA && inB);
                    assertThat(difference.contains(p, port)).isEqualTo(inA && !inB);
                }
            }
            assertThat(x.containsAll(intersection)).isTrue();
            assertThat(union.containsAll(x)).isTrue();
            assertThat(parse(union.toString())).isEqualTo(union);
        }
    }

    @Test
    void containsLooksAtTheProtocolToo() {
        Connections c = Connections.of(UDP, 53);

        assertThat(c.contains(UDP, 53)).isTrue();
        assertThat(c.contains(TCP, 53)).isFalse();
        assertThat(c.contains(UDP, 54)).isFalse();
        assertThat(c.ranges(UDP)).containsExactly(new Connections.Span(53, 53));
        assertThat(c.protocols()).containsExactly(UDP);
    }

    private static Connections randomSet(Random random, boolean[][] model) {
        Connections c = Connections.NONE;
        for (int i = 0; i < 4; i++) {
            Protocol p = Protocol.values()[random.nextInt(3)];
            int from = 1 + random.nextInt(300);
            int to = Math.min(300, from + random.nextInt(40));
            c = c.union(Connections.of(p, from, to));
            for (int port = from; port <= to; port++) {
                model[p.ordinal()][port] = true;
            }
        }
        return c;
    }

    /** The inverse of toString, for tables: "ALL", "TCP 1-100,UDP 53". */
    static Connections parse(String text) {
        String t = text.strip();
        if (t.equals("ALL") || t.equals("All Connections")) {
            return Connections.ALL;
        }
        if (t.equals("No Connections")) {
            return Connections.NONE;
        }
        Connections result = Connections.NONE;
        Protocol protocol = null;
        for (String item : t.split(",")) {
            String s = item.strip();
            int space = s.indexOf(' ');
            if (space > 0) {
                protocol = Protocol.valueOf(s.substring(0, space));
                s = s.substring(space + 1);
            }
            int dash = s.indexOf('-');
            int from = Integer.parseInt(dash < 0 ? s : s.substring(0, dash));
            int to = dash < 0 ? from : Integer.parseInt(s.substring(dash + 1));
            result = result.union(Connections.of(protocol, from, to));
        }
        return result;
    }
}
