package io.netpolguard.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

class NamespaceTest {

    private final Scope given = new Scope("team-a", Set.of("kube-system"));
    private final Scope notGiven = new Scope(null, Set.of("kube-system"));

    @Test
    void anObjectNamingNoNamespaceAndOneNamingTheGivenReleaseNamespaceAreInTheSameNamespace() {
        assertThat(given.of((String) null)).isEqualTo(Namespace.RELEASE);
        assertThat(given.of("team-a")).isEqualTo(Namespace.RELEASE);
        assertThat(given.of("team-b")).isEqualTo(Namespace.named("team-b")).isNotEqualTo(Namespace.RELEASE);
        assertThat(given.of("team-b")).hasSameHashCodeAs(Namespace.named("team-b"));
        assertThat(notGiven.of("team-a")).isEqualTo(Namespace.named("team-a"));
    }

    @Test
    void theReleaseNamespaceIsLeftOutOfWhatIsWrittenAndOthersAreWrittenByName() {
        assertThat(Namespace.RELEASE.written()).isNull();
        assertThat(Namespace.named("team-b").written()).isEqualTo("team-b");
    }

    @Test
    void messagesNameTheReleaseNamespaceWhenItWasGivenAndSayTheReleaseNamespaceWhenNot() {
        assertThat(given.display(Namespace.RELEASE)).isEqualTo("team-a");
        assertThat(notGiven.display(Namespace.RELEASE)).isEqualTo("the release namespace");
        assertThat(notGiven.display(Namespace.named("team-b"))).isEqualTo("team-b");

        assertThat(given.qualify(Namespace.RELEASE, "web")).isEqualTo("team-a/web");
        assertThat(notGiven.qualify(Namespace.RELEASE, "web")).isEqualTo("web");
        assertThat(notGiven.qualify(Namespace.named("team-b"), "web")).isEqualTo("team-b/web");
    }

    @Test
    void theEngineSeesAStandInNoSelectorNamesForAnUnnamedReleaseNamespace() {
        assertThat(notGiven.engineName(Namespace.RELEASE)).isEqualTo("(release namespace)");
        assertThat(given.engineName(Namespace.RELEASE)).isEqualTo("team-a");
        assertThat(notGiven.name(Namespace.RELEASE)).isNull();
    }

    @Test
    void anUnnamedReleaseNamespaceMayBeAnyNamespaceWrittenOutButANamedOneIsOnlyItself() {
        assertThat(notGiven.same(Namespace.RELEASE, Namespace.named("team-b"))).isTrue();
        assertThat(given.same(Namespace.RELEASE, Namespace.named("team-b"))).isFalse();
        assertThat(notGiven.same(Namespace.named("team-b"), Namespace.named("team-c"))).isFalse();
    }

    @Test
    void theRuleDoesNotApplyInExemptNamespacesNamedOrGivenAsTheRelease() {
        assertThat(given.isExempt(Namespace.named("kube-system"))).isTrue();
        assertThat(new Scope("kube-system", Set.of("kube-system")).isExempt(Namespace.RELEASE)).isTrue();
        assertThat(notGiven.isExempt(Namespace.RELEASE)).isFalse();
    }

    @Test
    void theReleaseNamespaceSortsFirstThenByName() {
        TreeSet<Namespace> sorted = new TreeSet<>(List.of(Namespace.named("b"), Namespace.RELEASE, Namespace.named("a")));

        assertThat(sorted).containsExactly(Namespace.RELEASE, Namespace.named("a"), Namespace.named("b"));
    }

    @Test
    void analyzePutsObjectsNamingNoNamespaceInTheReleaseNamespaceOrNpGuardsDefault() {
        assertThat(Namespace.forAnalysis("team-a")).isEqualTo("team-a");
        assertThat(Namespace.forAnalysis(null)).isEqualTo("default");
    }
}
