package io.netpolguard.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DidYouMeanTest {

    private static final List<String> OPTIONS = List.of("--release", "--namespace", "--config", "--check-only",
            "--no-allowance", "--strict", "--segregate", "--explain", "--expect", "--report");

    @Test
    void aTypoOfOneOrTwoEditsOrSwappedLettersFindsTheKnownName() {
        assertThat(DidYouMean.among("--relase", OPTIONS)).isEqualTo("--release");
        assertThat(DidYouMean.among("--namsepace", OPTIONS)).isEqualTo("--namespace");
        assertThat(DidYouMean.among("--no-allowances", OPTIONS)).isEqualTo("--no-allowance");
        assertThat(DidYouMean.among("--Config", OPTIONS)).isEqualTo("--config");
        assertThat(DidYouMean.among("helmExecutible", List.of("helmExecutable", "chartDirectory"))).isEqualTo(
                "helmExecutable");
    }

    @Test
    void somethingUnlikeEveryKnownNameFindsNothing() {
        assertThat(DidYouMean.among("--dry-run", OPTIONS)).isNull();
        assertThat(DidYouMean.among("--x", OPTIONS)).isNull();
        assertThat(DidYouMean.among("", OPTIONS)).isNull();
    }

    @Test
    void ofTwoEquallyCloseNamesTheFirstKnownOneIsTaken() {
        assertThat(DidYouMean.among("--expct", OPTIONS)).isEqualTo("--expect");
        assertThat(DidYouMean.among("abcd", List.of("abcde", "abcdf"))).isEqualTo("abcde");
    }
}
