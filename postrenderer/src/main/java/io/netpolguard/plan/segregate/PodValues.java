package io.netpolguard.plan.segregate;

import io.netpolguard.model.ConfigData;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.PodInputs;
import io.netpolguard.model.PodInputs.ConfigRef;
import io.netpolguard.model.PodInputs.Container;
import io.netpolguard.model.PodInputs.EnvVar;
import io.netpolguard.model.Scope;
import io.netpolguard.model.Workload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every text a workload's pods are given, as the kubelet gives it: each container's environment (literal, from a
 * ConfigMap or Secret key, from {@code envFrom}), its command and arguments with {@code $(VAR)} expanded, and the
 * keys of the ConfigMaps and Secrets mounted as volumes.
 */
final class PodValues {

    private final Map<String, ConfigData> configs = new HashMap<>();
    private final List<ConfigData> configData;
    private final Scope scope;

    PodValues(List<ConfigData> configData, Scope scope) {
        this.configData = configData;
        this.scope = scope;
        for (ConfigData c : configData) {
            configs.putIfAbsent(key(c.secret(), scope.key(c.object()), c.object().name()), c);
        }
    }

    private static String key(boolean secret, String namespace, String name) {
        return (secret ? "Secret/" : "ConfigMap/") + namespace + "/" + name;
    }

    List<Value> of(Workload w) {
        PodInputs inputs = w.pod().inputs();
        KubeObject doc = w.object();
        String ns = scope.key(doc);
        List<Value> values = new ArrayList<>();
        for (Container c : inputs.containers()) {
            String of = " of container " + c.name();
            Map<String, String> env = new HashMap<>();
            Set<String> defined = new HashSet<>();
            boolean allKnown = true;
            Map<String, Integer> lastInEnv = new HashMap<>(); // of a variable env sets twice, the last is given
            for (int i = 0; i < c.env().size(); i++) {
                lastInEnv.put(c.env().get(i).name(), i);
            }
            Map<String, Value> fromEnvFrom = new LinkedHashMap<>(); // not what env or a later source replaces
            for (ConfigRef ref : c.envFrom()) {
                ConfigData data = config(ns, ref);
                allKnown &= data != null;
                if (data != null) {
                    for (Map.Entry<String, String> e : data.values().entrySet()) {
                        String name = ref.prefix() + e.getKey();
                        defined.add(name);
                        env.put(name, e.getValue());
                        fromEnvFrom.remove(name);
                        if (!lastInEnv.containsKey(name)) {
                            fromEnvFrom.put(name, new Value(e.getValue(), "key " + e.getKey() + " of "
                                    + ref.describe() + " (envFrom" + of + ")", data.object()));
                        }
                    }
                }
            }
            values.addAll(fromEnvFrom.values());
            for (int i = 0; i < c.env().size(); i++) {
                EnvVar v = c.env().get(i);
                boolean given = lastInEnv.get(v.name()) == i;
                defined.add(v.name());
                String expanded = v.value() == null ? null : expand(v.value(), env); // $(ITSELF): the value before
                env.remove(v.name()); // replaced, also by a value not known here (a field of the pod)
                if (expanded != null) {
                    env.put(v.name(), expanded);
                    if (given) {
                        values.add(new Value(expanded, "env " + v.name() + of, doc,
                                !allKnown || definesAll(expanded, defined)));
                    }
                } else if ("metadata.namespace".equals(v.field()) && scope.name(ns) != null) {
                    env.put(v.name(), scope.name(ns)); // the kubelet gives the pod's namespace
                } else if (v.ref() != null) {
                    ConfigData data = config(ns, v.ref());
                    String text = data == null ? null : data.values().get(v.ref().key());
                    if (text != null) {
                        env.put(v.name(), text);
                        if (given) {
                            values.add(new Value(text, "key " + v.ref().key() + " of " + v.ref().describe()
                                    + " (env " + v.name() + of + ")", data.object()));
                        }
                    }
                }
            }
            for (String s : c.command()) {
                String text = expand(s, env);
                values.add(new Value(text, "command" + of, doc, !allKnown || definesAll(text, defined)));
            }
            for (String s : c.args()) {
                String text = expand(s, env);
                values.add(new Value(text, "args" + of, doc, !allKnown || definesAll(text, defined)));
            }
        }
        for (ConfigRef ref : inputs.volumes()) {
            ConfigData data = config(ns, ref);
            if (data == null) {
                continue;
            }
            for (Map.Entry<String, String> e : data.values().entrySet()) {
                if (ref.key() == null || ref.key().equals(e.getKey())) {
                    values.add(new Value(e.getValue(), "key " + e.getKey() + " of " + ref.describe() + " ("
                            + ref.via() + ")", data.object()));
                }
            }
        }
        return values;
    }

    /** Whether every {@code $(VAR)} left in a text names one of these variables. */
    private static boolean definesAll(String text, Set<String> defined) {
        int at = text.indexOf("$(");
        while (at >= 0) {
            int close = text.indexOf(')', at);
            if (close < 0) {
                return true;
            }
            if (!defined.contains(text.substring(at + 2, close))) {
                return false;
            }
            at = text.indexOf("$(", close);
        }
        return true;
    }

    /**
     * The ConfigMap or Secret a pod of that namespace reads; where the release namespace is not known, one that
     * names no namespace may be in the namespace a workload writes out (as {@link Scope#same} takes it).
     */
    private ConfigData config(String namespace, ConfigRef ref) {
        ConfigData exact = configs.get(key(ref.secret(), namespace, ref.name()));
        if (exact != null || scope.releaseNamespace() != null) {
            return exact;
        }
        for (ConfigData c : configData) {
            if (c.secret() == ref.secret() && ref.name().equals(c.object().name())
                    && scope.same(namespace, scope.key(c.object()))) {
                return c;
            }
        }
        return null;
    }

    /**
     * {@code $(VAR)} replaced by the variable's value where the container defines it, {@code $$} by {@code $}, the
     * rest as written: as Kubernetes expands env values, commands and arguments. As there, a reference runs to the
     * first {@code )} after it, and one the container does not define stays as written, whole.
     */
    static String expand(String s, Map<String, String> env) {
        if (s.indexOf('$') < 0) {
            return s;
        }
        int lastClose = s.lastIndexOf(')'); // none after a $( : no reference, without a scan to the end for each
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '(' && i + 2 <= lastClose) {
                int close = s.indexOf(')', i + 2);
                String value = env.get(s.substring(i + 2, close));
                if (value == null) {
                    out.append(s, i, close + 1);
                } else {
                    out.append(value);
                }
                i = close + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
