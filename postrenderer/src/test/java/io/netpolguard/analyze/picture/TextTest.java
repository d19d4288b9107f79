package io.netpolguard.analyze.picture;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TextTest {

    @Test
    void numbersHaveOneDecimalAtMostAndADot() {
        assertThat(Text.num(0)).isEqualTo("0");
        assertThat(Text.num(-0.04)).isEqualTo("0");
        assertThat(Text.num(12)).isEqualTo("12");
        assertThat(Text.num(12.25)).isEqualTo("12.3");
        assertThat(Text.num(-3.5)).isEqualTo("-3.5");
        assertThat(Text.num(1234567.891)).isEqualTo("1234567.9");
    }

    @Test
    void longLabelsAreWrappedAfterCommas() {
        assertThat(Text.wrap("TCP 80", 10, 3)).containsExactly("TCP 80");
        assertThat(Text.wrap("TCP 80,TCP 443,UDP 53", 15, 3)).containsExactly("TCP 80,TCP 443,", "UDP 53");
        assertThat(Text.wrap("TCP 80, TCP 443", 8, 3)).containsExactly("TCP 80,", "TCP 443");
        assertThat(Text.wrap("a,b,c,d", 2, 2)).containsExactly("a,", "b\u2026");
        assertThat(Text.wrap("abcdefghij", 5, 2)).containsExactly("abcd\u2026");
    }

    @Test
    void shorteningCountsCodePointsNotChars() {
        String emoji = "\uD83D\uDE00";
        assertThat(Text.shorten(emoji.repeat(5), 3)).isEqualTo(emoji.repeat(2) + "\u2026");
        assertThat(Text.shorten("abc", 3)).isEqualTo("abc");
    }

    @Test
    void widerTextIsEstimatedWider() {
        assertThat(Text.width("WWW", 12, false)).isGreaterThan(Text.width("iii", 12, false));
        assertThat(Text.width("abc", 12, true)).isGreaterThan(Text.width("abc", 12, false));
        assertThat(Text.width("\u65E5\u672C", 10, false)).isEqualTo(20);
        assertThat(List.of(Text.width("", 12, false))).containsExactly(0.0);
    }
}
