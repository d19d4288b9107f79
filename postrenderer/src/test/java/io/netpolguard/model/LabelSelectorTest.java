package io.netpolguard.model;

import io.netpolguard.model.LabelSelector.Operator;
import io.netpolguard.model.LabelSelector.Requirement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The selection rules of apimachinery's {@code metav1.LabelSelectorAsSelector} and {@code labels.Selector}. */
class LabelSelectorTest {

    private static final Map<String, String> WEB = Map.of("app", "web", "tier", "front");
    private static final Map<String, String> NONE = Map.of();

    private static Requirement req(String key, Operator op, String... values) {
        return new Requirement(key, op, List.of(values));
    }

    private static LabelSelector sel(Map<String, String> matchLabels, Requirement... expressions) {
        return new LabelSelector(matchLabels, List.of(expressions));
    }

    static Stream<Arguments> selections() {
        return Stream.of(
                // matchLabels
                arguments("matchLabels equal value", sel(Map.of("app", "web")), WEB, true),
                arguments("matchLabels other value", sel(Map.of("app", "db")), WEB, false),
                arguments("matchLabels key absent", sel(Map.of("app", "web")), NONE, false),
                arguments("matchLabels all entries hold", sel(Map.of("app", "web", "tier", "front")), WEB, true),
                arguments("matchLabels one entry fails", sel(Map.of("app", "web", "tier", "back")), WEB, false),
                arguments("matchLabels value is case sensitive", sel(Map.of("app", "Web")), WEB, false),
                // In
                arguments("In value listed", sel(NONE, req("app", Operator.IN, "db", "web")), WEB, true),
                arguments("In value not listed", sel(NONE, req("app", Operator.IN, "db", "cache")), WEB, false),
                arguments("In key absent", sel(NONE, req("zone", Operator.IN, "a")), WEB, false),
                // NotIn
                arguments("NotIn value listed", sel(NONE, req("app", Operator.NOT_IN, "web")), WEB, false),
                arguments("NotIn value not listed", sel(NONE, req("app", Operator.NOT_IN, "db")), WEB, true),
                arguments("NotIn key absent", sel(NONE, req("zone", Operator.NOT_IN, "a")), WEB, true),
                arguments("NotIn key absent, no labels", sel(NONE, req("zone", Operator.NOT_IN, "a")), NONE, true),
                // Exists / DoesNotExist
                arguments("Exists key present", sel(NONE, req("app", Operator.EXISTS)), WEB, true),
                arguments("Exists key absent", sel(NONE, req("zone", Operator.EXISTS)), WEB, false),
                arguments("DoesNotExist key present", sel(NONE, req("app", Operator.DOES_NOT_EXIST)), WEB, false),
                arguments("DoesNotExist key absent", sel(NONE, req("zone", Operator.DOES_NOT_EXIST)), WEB, true),
                // empty selector
                arguments("empty selector, labelled pod", sel(NONE), WEB, true),
                arguments("empty selector, pod without labels", sel(NONE), NONE, true),
                arguments("EVERYTHING, pod without labels", LabelSelector.EVERYTHING, NONE, true),
                // combinations: every part must hold
                arguments("matchLabels and In both hold",
                        sel(Map.of("app", "web"), req("tier", Operator.IN, "front")), WEB, true),
                arguments("matchLabels holds, In fails",
                        sel(Map.of("app", "web"), req("tier", Operator.IN, "back")), WEB, false),
                arguments("matchLabels fails, In holds",
                        sel(Map.of("app", "db"), req("tier", Operator.IN, "front")), WEB, false),
                arguments("Exists and DoesNotExist both hold",
                        sel(NONE, req("app", Operator.EXISTS), req("legacy", Operator.DOES_NOT_EXIST)), WEB, true),
                arguments("second expression fails",
                        sel(NONE, req("app", Operator.EXISTS), req("tier", Operator.DOES_NOT_EXIST)), WEB, false),
                arguments("In and NotIn on the same key",
                        sel(NONE, req("app", Operator.IN, "web", "db"), req("app", Operator.NOT_IN, "db")), WEB, true),
                // empty label values
                arguments("matchLabels empty value, label empty", sel(Map.of("flag", "")), Map.of("flag", ""), true),
                arguments("matchLabels empty value, label absent", sel(Map.of("flag", "")), NONE, false),
                arguments("matchLabels empty value, label set", sel(Map.of("flag", "")), Map.of("flag", "x"), false),
                arguments("In empty value, label empty", sel(NONE, req("flag", Operator.IN, "")),
                        Map.of("flag", ""), true),
                arguments("Exists, label empty", sel(NONE, req("flag", Operator.EXISTS)), Map.of("flag", ""), true),
                arguments("DoesNotExist, label empty", sel(NONE, req("flag", Operator.DOES_NOT_EXIST)),
                        Map.of("flag", ""), false));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("selections")
    void aSelectorSelectsExactlyThePodsKubernetesSelects(String caseName, LabelSelector selector,
                                                         Map<String, String> podLabels, boolean selected) {
        assertThat(selector.matches(podLabels)).as(caseName + ": {" + selector + "} on " + podLabels)
                .isEqualTo(selected);
    }

    @Test
    void notInMatchesWhenTheKeyIsAbsent() {
        assertThat(sel(NONE, req("env", Operator.NOT_IN, "prod")).matches(Map.of("app", "web"))).isTrue();
    }

    @Test
    void anEmptySelectorSelectsEverythingAndSaysSo() {
        LabelSelector empty = sel(NONE);
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty).isEqualTo(LabelSelector.EVERYTHING);
        assertThat(sel(Map.of("app", "web")).isEmpty()).isFalse();
        assertThat(sel(NONE, req("app", Operator.EXISTS)).isEmpty()).isFalse();
    }

    static Stream<Arguments> requirements() {
        return Stream.of(
                arguments("matchLabels entry", sel(Map.of("r", "shop")), true),
                arguments("matchLabels entry among others", sel(Map.of("app", "web", "r", "shop")), true),
                arguments("matchLabels other value", sel(Map.of("r", "cart")), false),
                arguments("matchLabels other key", sel(Map.of("app", "shop")), false),
                arguments("In with that single value", sel(NONE, req("r", Operator.IN, "shop")), true),
                arguments("In with two values", sel(NONE, req("r", Operator.IN, "shop", "cart")), false),
                arguments("NotIn other values", sel(NONE, req("r", Operator.NOT_IN, "cart")), false),
                arguments("Exists", sel(NONE, req("r", Operator.EXISTS)), false),
                arguments("empty selector", sel(NONE), false));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("requirements")
    void requiresIsTrueOnlyWhenEverySelectedPodMustCarryTheLabel(String caseName, LabelSelector selector,
                                                                boolean required) {
        assertThat(selector.requires("r", "shop")).as(caseName).isEqualTo(required);
    }

    static Stream<Arguments> kubectlForms() {
        return Stream.of(
                arguments(sel(NONE), "<all>"),
                arguments(sel(Map.of("app", "web")), "app=web"),
                arguments(sel(Map.of("tier", "front", "app", "web")), "app=web,tier=front"),
                arguments(sel(Map.of("flag", "")), "flag="),
                arguments(sel(NONE, req("tier", Operator.IN, "a", "b")), "tier in (a,b)"),
                arguments(sel(NONE, req("tier", Operator.NOT_IN, "a")), "tier notin (a)"),
                arguments(sel(NONE, req("tier", Operator.EXISTS)), "tier"),
                arguments(sel(NONE, req("legacy", Operator.DOES_NOT_EXIST)), "!legacy"),
                arguments(sel(Map.of("app", "web"), req("tier", Operator.IN, "a", "b")), "app=web,tier in (a,b)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("kubectlForms")
    void toStringWritesTheSelectorTheWayKubectlPrintsIt(LabelSelector selector, String expected) {
        assertThat(selector.toString()).isEqualTo(expected);
    }

    @Test
    void toStringOrdersAllRequirementsByKeyLikeKubectl() {
        LabelSelector selector = sel(Map.of("app", "web"),
                req("tier", Operator.IN, "a", "b"), req("legacy", Operator.DOES_NOT_EXIST));
        assertThat(selector.toString()).isEqualTo("app=web,!legacy,tier in (a,b)");
    }

    @Test
    void toStringSortsTheValuesOfInAndNotInLikeKubectl() {
        assertThat(sel(NONE, req("tier", Operator.IN, "b", "a")).toString()).isEqualTo("tier in (a,b)");
        assertThat(sel(NONE, req("tier", Operator.NOT_IN, "b", "a")).toString()).isEqualTo("tier notin (a,b)");
    }

    @Test
    void operatorsAreKnownOnlyByTheirKubernetesSpelling() {
        assertThat(Operator.fromWire("In")).isEqualTo(Operator.IN);
        assertThat(Operator.fromWire("NotIn")).isEqualTo(Operator.NOT_IN);
        assertThat(Operator.fromWire("Exists")).isEqualTo(Operator.EXISTS);
        assertThat(Operator.fromWire("DoesNotExist")).isEqualTo(Operator.DOES_NOT_EXIST);
        assertThat(Operator.fromWire("in")).isNull();
        assertThat(Operator.fromWire("Gt")).isNull();
    }

    @Test
    void selectorsWithTheSameMatchLabelsInAnotherOrderAreEqual() {
        LabelSelector a = sel(Map.of("app", "web", "tier", "front"));
        LabelSelector b = sel(Map.of("tier", "front", "app", "web"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(sel(Map.of("app", "web")));
    }
}
