package io.netpolguard.connectivity;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressRangeTest {

    @Test
    void aCidrIsWrittenAsItsFirstAndLastAddressInDottedQuads() {
        assertThat(AddressRange.cidr("10.0.0.0/8")).hasToString("10.0.0.0-10.255.255.255");
        assertThat(AddressRange.cidr("0.0.0.0/0")).hasToString("0.0.0.0-255.255.255.255");
        assertThat(AddressRange.cidr("192.168.1.7/32")).hasToString("192.168.1.7-192.168.1.7");
    }

    @Test
    void hostBitsOfACidrAreIgnoredAsKubernetesDoes() {
        assertThat(AddressRange.cidr("10.1.2.3/16")).hasToString("10.1.0.0-10.1.255.255");
    }

    @Test
    void anIpBlockIsItsCidrMinusItsExceptsAsMaximalRanges() {
        assertThat(AddressRange.block("0.0.0.0/0", List.of("10.0.0.0/8", "172.21.0.0/16", "172.30.0.0/16")))
                .extracting(Object::toString)
                .containsExactly("0.0.0.0-9.255.255.255", "11.0.0.0-172.20.255.255", "172.22.0.0-172.29.255.255",
                        "172.31.0.0-255.255.255.255");
    }

    @Test
    void touchingExceptsTakeAwayTheSameAsTheirUnion() {
        assertThat(AddressRange.block("0.0.0.0/0", List.of("10.0.0.0/9", "10.128.0.0/9")))
                .isEqualTo(AddressRange.block("0.0.0.0/0", List.of("10.0.0.0/8")));
    }

    @Test
    void thePartitionHasBoundariesOnlyWhereSomeRangeStartsOrEndsAndIsNeverMerged() {
        List<AddressRange> blocks = AddressRange.block("10.0.0.0/8", List.of("10.10.0.0/16"));

        assertThat(AddressRange.partition(blocks)).extracting(Object::toString).containsExactly(
                "0.0.0.0-9.255.255.255", "10.0.0.0-10.9.255.255", "10.10.0.0-10.10.255.255",
                "10.11.0.0-10.255.255.255", "11.0.0.0-255.255.255.255");
    }

    @Test
    void withoutAnyRangeThePartitionIsTheWholeIpv4Space() {
        assertThat(AddressRange.partition(List.of())).extracting(Object::toString)
                .containsExactly("0.0.0.0-255.255.255.255");
    }

    @Test
    void ipv6RangesGetAPartitionOfTheirOwnAndNeverMatchIpv4() {
        AddressRange v6 = AddressRange.cidr("fd00::/8");
        AddressRange v4 = AddressRange.cidr("0.0.0.0/0");

        assertThat(v4.contains(AddressRange.address("10.0.0.1"))).isTrue();
        assertThat(v4.contains(v6)).isFalse();
        assertThat(v4.overlaps(v6)).isFalse();
        assertThat(AddressRange.cidr("::/0").contains(v4)).isFalse();
        assertThat(AddressRange.block("::/0", List.of("10.0.0.0/8"))).containsExactly(AddressRange.cidr("::/0"));
        assertThat(AddressRange.partition(List.of(v6))).extracting(Object::toString).containsExactly(
                "0.0.0.0-255.255.255.255", "::-fcff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "fd00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "fe00::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    }

    @Test
    void ipv6AddressesAreParsedInEveryNotationAndWrittenCompressed() {
        assertThat(AddressRange.address("2001:db8:0:0:0:0:0:1")).isEqualTo(AddressRange.address("2001:db8::1"));
        assertThat(AddressRange.address("::ffff:10.0.0.1").firstAddress()).isEqualTo("::ffff:a00:1");
        assertThat(AddressRange.address("1:0:0:2:0:0:0:3").firstAddress()).isEqualTo("1:0:0:2::3");
        assertThat(AddressRange.address("::").firstAddress()).isEqualTo("::");
    }

    @Test
    void malformedAddressesAreRefusedWithTheText() {
        for (String bad : new String[] {"10.0.0/8", "10.0.0.256/8", "10.0.0.0/33", "10.0.0.0", "01.2.3.4/8",
                "fd00:::1/64", "abc/8", "10.0.0.0/-1", "1:2:3:4:5:6:7:8:9/64"}) {
            assertThatThrownBy(() -> AddressRange.cidr(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"");
        }
    }
}
