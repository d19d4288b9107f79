package io.netpolguard.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A Kubernetes label selector with the exact semantics of apimachinery's {@code pkg/labels}:
 * every {@code matchLabels} entry and every expression must hold; an empty selector selects everything.
 * {@code NotIn} and {@code DoesNotExist} hold when the key is absent.
 */
public final class LabelSelector {

    /** The selector that selects every pod: {@code {}}. */
    public static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of());

    public enum Operator {
        IN("In"), NOT_IN("NotIn"), EXISTS("Exists"), DOES_NOT_EXIST("DoesNotExist");

        private final String wireName;

        Operator(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** The operator for its Kubernetes spelling, or null when Kubernetes has no such operator. */
        public static Operator fromWire(String name) {
            for (Operator op : values()) {
                if (op.wireName.equals(name)) {
                    return op;
                }
            }
            return null;
        }
    }

    /** One {@code matchExpressions} entry. */
    public static final class Requirement {
        private final String key;
        private final Operator operator;
        private final List<String> values;

        public Requirement(String key, Operator operator, List<String> values) {
            this.key = Objects.requireNonNull(key);
            this.operator = Objects.requireNonNull(operator);
            this.values = List.copyOf(values);
        }

        public String key() {
            return key;
        }

        public Operator operator() {
            return operator;
        }

        public List<String> values() {
            return values;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Requirement r && key.equals(r.key) && operator == r.operator && values.equals(r.values);
        }

        @Override
        public int hashCode() {
            return (key.hashCode() * 31 + operator.hashCode()) * 31 + values.hashCode();
        }

        public boolean matches(Map<String, String> labels) {
            return switch (operator) {
                case IN -> labels.containsKey(key) && values.contains(labels.get(key));
                case NOT_IN -> !labels.containsKey(key) || !values.contains(labels.get(key));
                case EXISTS -> labels.containsKey(key);
                case DOES_NOT_EXIST -> !labels.containsKey(key);
            };
        }

        @Override
        public String toString() {
            return switch (operator) {
                case IN -> key + " in (" + String.join(",", new java.util.TreeSet<>(values)) + ")";
                case NOT_IN -> key + " notin (" + String.join(",", new java.util.TreeSet<>(values)) + ")";
                case EXISTS -> key;
                case DOES_NOT_EXIST -> "!" + key;
            };
        }
    }

    private final SortedMap<String, String> matchLabels;
    private final List<Requirement> expressions;

    public LabelSelector(Map<String, String> matchLabels, List<Requirement> expressions) {
        this.matchLabels = new TreeMap<>(matchLabels);
        this.expressions = List.copyOf(expressions);
    }

    public static LabelSelector of(Map<String, String> matchLabels) {
        return new LabelSelector(matchLabels, List.of());
    }

    public Map<String, String> matchLabels() {
        return matchLabels;
    }

    public List<Requirement> expressions() {
        return expressions;
    }

    /** True for {@code {}}, which selects every pod. */
    public boolean isEmpty() {
        return matchLabels.isEmpty() && expressions.isEmpty();
    }

    public boolean matches(Map<String, String> labels) {
        if (!matchesAll(matchLabels, labels)) {
            return false;
        }
        for (Requirement r : expressions) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code labels} carry every entry of {@code required} with its value: the rule of {@code matchLabels},
     * and of a Service's selector.
     */
    public static boolean matchesAll(Map<String, String> required, Map<String, String> labels) {
        for (Map.Entry<String, String> e : required.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** True when every pod this selector selects must carry {@code key=value}. */
    public boolean requires(String key, String value) {
        if (value.equals(matchLabels.get(key))) {
            return true;
        }
        for (Requirement r : expressions) {
            if (r.key().equals(key) && r.operator() == Operator.IN && r.values().equals(List.of(value))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The selector in apimachinery's string form, requirements sorted by key and values sorted,
     * e.g. {@code app=web,!legacy,tier in (a,b)}; {@code <all>} when empty.
     */
    @Override
    public String toString() {
        if (isEmpty()) {
            return "<all>";
        }
        List<Requirement> all = new ArrayList<>();
        matchLabels.forEach((k, v) -> all.add(new Requirement(k, Operator.IN, List.of(v))));
        all.addAll(expressions);
        all.sort(java.util.Comparator.comparing(Requirement::key));
        List<String> parts = new ArrayList<>();
        for (Requirement r : all) {
            boolean fromMatchLabels = r.operator() == Operator.IN && r.values().size() == 1
                    && r.values().get(0).equals(matchLabels.get(r.key())) && !expressions.contains(r);
            parts.add(fromMatchLabels ? r.key() + "=" + r.values().get(0) : r.toString());
        }
        return String.join(",", parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSelector other
                && matchLabels.equals(other.matchLabels) && expressions.equals(other.expressions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(matchLabels, expressions);
    }
}
