package io.netpolguard.read;

import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.PortRef;
import io.netpolguard.model.Protocol;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading values out of a composed SnakeYAML node tree, with YAML merge keys honoured. */
final class Nodes {

    private Nodes() {
    }

    static boolean isNull(Node node) {
        return node == null || (node instanceof ScalarNode && Tag.NULL.equals(node.getTag()));
    }

    /** The value of {@code key} in a mapping; null when absent or when {@code map} is not a mapping. */
    static Node get(Node map, String key) {
        if (!(map instanceof MappingNode mapping)) {
            return null;
        }
        for (NodeTuple t : mapping.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue()) && !isMergeKey(k)) {
                return t.getValueNode();
            }
        }
        for (NodeTuple t : mapping.getValue()) {
            if (isMergeKey(t.getKeyNode())) {
                for (Node merged : mergedMaps(t.getValueNode())) {
                    Node found = get(merged, key);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }

    /** The value at a dotted path such as {@code spec.template}; the node itself for "". */
    static Node at(Node root, String path) {
        Node node = root;
        if (path.isEmpty()) {
            return node;
        }
        for (String key : path.split("\\.")) {
            node = get(node, key);
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    /** The text of a scalar; null for null, absent or non-scalar nodes. */
    static String string(Node node) {
        if (node instanceof ScalarNode s && !Tag.NULL.equals(s.getTag())) {
            return s.getValue();
        }
        return null;
    }

    /** The text of a scalar; null for null, absent, non-scalar and empty ones (a field written as ""). */
    static String nonEmptyString(Node node) {
        String s = string(node);
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * The {@code protocol} of a port mapping: TCP when not written, as Kubernetes defaults it. Another name is
     * refused with {@code refusal} followed by that name, e.g. "is a Service with the protocol ".
     */
    static Protocol protocol(Node port, String refusal) {
        String name = string(get(port, "protocol"));
        Protocol protocol = Protocol.of(name);
        if (protocol == null) {
            throw new ShapeException(refusal + name + " (Kubernetes knows TCP, UDP and SCTP)", port);
        }
        return protocol;
    }

    /** An integer field; null when absent or null. */
    static Integer integer(Node node, String what) {
        if (isNull(node)) {
            return null;
        }
        if (node instanceof ScalarNode s) {
            String v = s.getValue();
            int start = v.startsWith("+") ? 1 : 0;
            boolean digits = v.length() > start && v.length() - start <= 9; // no regex: this runs for every port
            for (int i = start; digits && i < v.length(); i++) {
                digits = v.charAt(i) >= '0' && v.charAt(i) <= '9';
            }
            if (digits) {
                return Integer.parseInt(v.substring(start));
            }
        }
        throw new ShapeException(what + " must be a number" + (node instanceof ScalarNode s
                ? ", not \"" + s.getValue() + "\"" : ""), node);
    }

    /** An int-or-string port field ({@code targetPort}, {@code port} of a policy): null when absent or null. */
    static PortRef portRef(Node node, String what) {
        if (isNull(node)) {
            return null;
        }
        if (!(node instanceof ScalarNode s) || s.getValue().isEmpty()) {
            throw new ShapeException(what + " must be a port number or name", node);
        }
        return PortRef.parse(s.getValue());
    }

    /** The strings of a sequence of scalars; empty when absent or null. */
    static List<String> strings(Node node, String what) {
        List<String> result = new ArrayList<>();
        for (Node item : list(node, what)) {
            String s = string(item);
            if (s == null) {
                throw new ShapeException(what + " must be a list of strings", item);
            }
            result.add(s);
        }
        return result;
    }

    /** A mapping of strings (labels, annotations, matchLabels); empty when absent or null. */
    static Map<String, String> stringMap(Node node, String what) {
        Map<String, String> result = new LinkedHashMap<>();
        if (isNull(node)) {
            return result;
        }
        if (!(node instanceof MappingNode mapping)) {
            throw new ShapeException(what + " must be a mapping of strings", node);
        }
        for (NodeTuple t : mapping.getValue()) {
            if (isMergeKey(t.getKeyNode())) {
                for (Node merged : mergedMaps(t.getValueNode())) {
                    stringMap(merged, what).forEach(result::putIfAbsent);
                }
            }
        }
        for (NodeTuple t : mapping.getValue()) {
            if (isMergeKey(t.getKeyNode())) {
                continue;
            }
            if (!(t.getKeyNode() instanceof ScalarNode key) || !(t.getValueNode() instanceof ScalarNode value)) {
                throw new ShapeException(what + " must be a mapping of strings", t.getKeyNode());
            }
            result.put(key.getValue(), isNull(value) ? "" : value.getValue());
        }
        return result;
    }

    /** The elements of a sequence; empty when absent or null. */
    static List<Node> list(Node node, String what) {
        if (isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode seq)) {
            throw new ShapeException(what + " must be a list", node);
        }
        return seq.getValue();
    }

    /** A label selector; null when absent or null. */
    static LabelSelector selector(Node node, String what) {
        if (isNull(node)) {
            return null;
        }
        if (!(node instanceof MappingNode)) {
            throw new ShapeException(what + " must be a label selector (matchLabels, matchExpressions)", node);
        }
        Map<String, String> matchLabels = stringMap(get(node, "matchLabels"), what + ".matchLabels");
        List<LabelSelector.Requirement> requirements = new ArrayList<>();
        for (Node expr : list(get(node, "matchExpressions"), what + ".matchExpressions")) {
            String key = string(get(expr, "key"));
            String op = string(get(expr, "operator"));
            LabelSelector.Operator operator = LabelSelector.Operator.fromWire(op);
            if (key == null || operator == null) {
                throw new ShapeException(what + ".matchExpressions needs a key and an operator of In, NotIn,"
                        + " Exists or DoesNotExist (found key " + key + ", operator " + op + ")", expr);
            }
            List<String> values = new ArrayList<>();
            for (Node v : list(get(expr, "values"), what + ".matchExpressions.values")) {
                String s = string(v);
                values.add(s == null ? "" : s);
            }
            boolean needsValues = operator == LabelSelector.Operator.IN || operator == LabelSelector.Operator.NOT_IN;
            if (needsValues == values.isEmpty()) {
                throw new ShapeException(what + ".matchExpressions: operator " + op
                        + (needsValues ? " needs at least one value" : " takes no values"), expr);
            }
            requirements.add(new LabelSelector.Requirement(key, operator, values));
        }
        return new LabelSelector(matchLabels, requirements);
    }

    static boolean isMergeKey(Node key) {
        return key instanceof ScalarNode && Tag.MERGE.equals(key.getTag());
    }

    static List<Node> mergedMaps(Node value) {
        if (value instanceof SequenceNode seq) {
            return seq.getValue();
        }
        return List.of(value);
    }
}
