package io.netpolguard.observe;

import io.netpolguard.error.InputException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** netpol-guard's own CSV: a header, then one flow per line, each end a pod, pods by labels, or an address. */
class PlainReaderTest {

    @Test
    void eachKindOfEndReadsAsItIsWritten() {
        Observed o = Logs.read("""
                # converted with jq
                protocol,source,destination,port,count
                TCP,team-a/web-7d4b9c6f5-x2x9z,203.0.113.0/24,443,3
                udp,"team-b{app=billing,tier=api}",team-a/web,5353,
                ,fd00::1,team-a/web,8080,1
                TCP,team-a/web-7d4b9c6f5-x2x9z,api.example.com,443,9
                """, null);

        assertThat(o.format()).isEqualTo(FlowFormat.PLAIN);
        assertThat(Logs.flows(o)).containsOnly(
                Map.entry("team-a/web-7d4b9c6f5-x2x9z => 203.0.113.0/24 on TCP 443", 3L),
                Map.entry("team-b/[pods {app=billing, tier=api}] => team-a/web on UDP 5353", 1L),
                Map.entry("fd00::1 => team-a/web on TCP 8080", 1L));
        assertThat(o.skipped()).containsExactly(
                Map.entry("ends written as host names (NetworkPolicies see addresses: write the address)", 9L));
        assertThat(o.records()).isEqualTo(14);
    }

    @Test
    void withoutItsHeaderTheLogIsRefused() {
        assertThatThrownBy(() -> Logs.read("team-a/web,team-a/db,5432\n", null))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("Line 1 of the flow log flows.log is not a record of plain CSV: the header"
                        + " names a column \"team-a/web\"");
    }

    @Test
    void aBrokenLineIsAnErrorNamingTheLine() {
        String header = "source,destination,port\n";
        assertThatThrownBy(() -> Logs.read(header + "team-a/web,team-a/db,5432\nteam-a/web,team-a/db,http\n", null))
                .isInstanceOf(InputException.class)
                .hasMessage("Line 3 of the flow log flows.log is not a record of plain CSV: port \"http\" is not a"
                        + " port 1-65535.");
        assertThatThrownBy(() -> Logs.read(header + "team-a/web,10.0.0.300,53\n", null))
                .hasMessageContaining("Line 2 ").hasMessageContaining("destination \"10.0.0.300\" is not an address");
        assertThatThrownBy(() -> Logs.read(header + "\"team-a{app=web,team-a/db,53\n", null))
                .hasMessageContaining("a quoted field is not closed");
    }

    @Test
    void anEmptyLogIsRefused() {
        assertThatThrownBy(() -> Logs.read("# nothing yet\n\n", null))
                .isInstanceOf(InputException.class).hasMessage("The flow log flows.log holds no record.");
    }
}
