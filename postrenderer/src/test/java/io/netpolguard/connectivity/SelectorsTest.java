package io.netpolguard.connectivity;

import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.LabelSelector.Operator;
import io.netpolguard.model.LabelSelector.Requirement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SelectorsTest {

    @Test
    void aMatchLabelsEntryAndAnInWithOneValueRequireTheSame() {
        LabelSelector written = LabelSelector.of(Map.of("app", "web"));
        LabelSelector expressed = new LabelSelector(Map.of(), List.of(new Requirement("app", Operator.IN, List.of("web"))));

        assertThat(Selectors.sameRequirements(written, expressed)).isTrue();
        assertThat(Selectors.sameRequirements(null, LabelSelector.of(Map.of()))).isTrue();
    }

    @Test
    void eachRequirementReadsAsTheSelectorsTextWritesIt() {
        LabelSelector s = new LabelSelector(Map.of("app", "web"), List.of(
                new Requirement("tier", Operator.IN, List.of("b", "a")),
                new Requirement("legacy", Operator.DOES_NOT_EXIST, List.of()),
                new Requirement("env", Operator.NOT_IN, List.of("dev"))));

        assertThat(Selectors.requirements(s)).containsExactly("!legacy", "app=web", "env notin (dev)", "tier in (a,b)");
        assertThat(s).hasToString("app=web,env notin (dev),!legacy,tier in (a,b)");
    }
}
