package io.netpolguard.model;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SelectionTest {

    @Test
    void aPolicySelectsPodsOfItsOwnNamespaceWhoseLabelsItsPodSelectorMatches() {
        LabelSelector web = LabelSelector.of(Map.of("app", "web"));

        assertThat(Selection.selects("team-a", web, "team-a", Map.of("app", "web", "tier", "front"))).isTrue();
        assertThat(Selection.selects("team-b", web, "team-a", Map.of("app", "web"))).isFalse();
        assertThat(Selection.selects("team-a", web, "team-a", Map.of("app", "db"))).isFalse();
        assertThat(Selection.selects((String) null, LabelSelector.EVERYTHING, null, Map.of())).isTrue();
    }

    @Test
    void byNamespaceAsTheScopeGivesThemThePolicysNamespaceMustBeThePods() {
        LabelSelector everything = LabelSelector.EVERYTHING;

        assertThat(Selection.selects(Namespace.RELEASE, everything, Namespace.RELEASE, Map.of())).isTrue();
        assertThat(Selection.selects(Namespace.named("team-a"), everything, Namespace.named("team-a"), Map.of()))
                .isTrue();
        assertThat(Selection.selects(Namespace.RELEASE, everything, Namespace.named("team-a"), Map.of())).isFalse();
    }
}
