package io.netpolguard.robust;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An independent, deliberately simple model of Compliant Kubernetes' Gatekeeper rule require-networkpolicy
 * (FACTS.md), written from the rule's description and sharing no code with netpol-guard: objects are plain
 * maps loaded by SnakeYAML's safe constructor, selectors are evaluated by {@link #selects}.
 */
final class Gatekeeper {

    static final String DENIED = "admission webhook \"validation.gatekeeper.sh\" denied the request:"
            + " [denied by require-networkpolicy] No matching networkpolicy found. ... requires that all pods are"
            + " targeted by NetworkPolicies.";

    static final Set<String> EXEMPT = Set.of("kube-system", "kube-public", "kube-node-lease");

    private Gatekeeper() {
    }

    /** Every object of a stream (List items unwrapped), as plain maps. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(byte[] stream) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        List<Map<String, Object>> result = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(options)).loadAll(new String(stream, StandardCharsets.UTF_8))) {
            if (doc instanceof Map<?, ?> m) {
                Map<String, Object> map = (Map<String, Object>) m;
                if (String.valueOf(map.get("kind")).endsWith("List") && map.get("items") instanceof List<?> items) {
                    items.forEach(i -> result.add((Map<String, Object>) i));
                } else {
                    result.add(map);
                }
            }
        }
        return result;
    }

    /** The pod labels the rule looks at, or null when the object is not of a kind the rule applies to. */
    static Map<String, Object> podLabels(Map<String, Object> object) {
        String kind = String.valueOf(object.get("kind"));
        String apiVersion = String.valueOf(object.get("apiVersion"));
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        List<String> path;
        if (group.isEmpty() && kind.equals("Pod")) {
            path = List.of("metadata", "labels");
        } else if (group.isEmpty() && kind.equals("ReplicationController")
                || Set.of("apps", "extensions").contains(group)
                && Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet").contains(kind)
                || group.equals("batch") && kind.equals("Job")) {
            path = List.of("spec", "template", "metadata", "labels");
        } else if (group.equals("batch") && kind.equals("CronJob")) {
            path = List.of("spec", "jobTemplate", "spec", "template", "metadata", "labels");
        } else {
            return null;
        }
        Object at = object;
        for (String key : path) {
            at = at instanceof Map<?, ?> m ? m.get(key) : null;
        }
        return at instanceof Map<?, ?> m ? stringKeys(m) : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    static boolean isNetworkPolicy(Map<String, Object> object) {
        return "NetworkPolicy".equals(object.get("kind"))
                && String.valueOf(object.get("apiVersion")).startsWith("networking.k8s.io/");
    }

    static String namespace(Map<String, Object> object, String releaseNamespace) {
        Object metadata = object.get("metadata");
        Object ns = metadata instanceof Map<?, ?> m ? m.get("namespace") : null;
        return ns == null || ns.toString().isEmpty() ? releaseNamespace : ns.toString();
    }

    /**
     * Null when the workload is admitted given the NetworkPolicies already stored, else the denial message.
     */
    static String admit(Map<String, Object> workload, List<Map<String, Object>> stored, String releaseNamespace) {
        Map<String, Object> labels = podLabels(workload);
        String ns = namespace(workload, releaseNamespace);
        if (labels == null || EXEMPT.contains(ns)) {
            return null;
        }
        for (Map<String, Object> policy : stored) {
            if (namespace(policy, releaseNamespace).equals(ns) && selects(podSelector(policy), labels)) {
                return null;
            }
        }
        return DENIED;
    }

    private static Object podSelector(Map<String, Object> policy) {
        return policy.get("spec") instanceof Map<?, ?> spec ? spec.get("podSelector") : null;
    }

    /**
     * Kubernetes label selector semantics, written as plainly as possible: a missing or empty selector
     * selects everything; every matchLabels entry must be present with that value; In needs the key with one
     * of the values; NotIn holds when the key is absent or its value is none of them; Exists needs the key;
     * DoesNotExist needs it absent. Values are compared as text, as the API server stores them.
     */
    static boolean selects(Object selector, Map<String, ?> labels) {
        if (!(selector instanceof Map<?, ?> s)) {
            return true;
        }
        if (s.get("matchLabels") instanceof Map<?, ?> matchLabels) {
            for (Map.Entry<?, ?> e : matchLabels.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (!labels.containsKey(key) || !text(labels.get(key)).equals(text(e.getValue()))) {
                    return false;
                }
            }
        }
        if (s.get("matchExpressions") instanceof List<?> expressions) {
            for (Object o : expressions) {
                Map<?, ?> expression = (Map<?, ?>) o;
                String key = String.valueOf(expression.get("key"));
                List<String> values = new ArrayList<>();
                if (expression.get("values") instanceof List<?> vs) {
                    vs.forEach(v -> values.add(text(v)));
                }
                boolean has = labels.containsKey(key);
                String value = has ? text(labels.get(key)) : null;
                String operator = String.valueOf(expression.get("operator"));
                boolean ok;
                if (operator.equals("In")) {
                    ok = has && values.contains(value);
                } else if (operator.equals("NotIn")) {
                    ok = !has || !values.contains(value);
                } else if (operator.equals("Exists")) {
                    ok = has;
                } else if (operator.equals("DoesNotExist")) {
                    ok = !has;
                } else {
                    throw new IllegalArgumentException("operator " + operator);
                }
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
