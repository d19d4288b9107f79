package io.netpolguard.plan.segregate;

import io.netpolguard.model.ConfigData;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.Namespace;
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
 * Every text a workload's pods are given, as the kubelet gives it, with how to read it ({@link Value}): each
 * container's environment (literal, from a ConfigMap or Secret key, from {@code envFrom}), its command and arguments
 * with {@code $(VAR)} expanded and read as the program's ({@link Arguments}), and the keys of the ConfigMaps and
 * Secrets mounted as volumes (files). A variable that another value refers to counts only there; a host variable
 * takes the ports of the port variables of its prefix ({@link Keys}).
 */
final class PodValues {

    private final Map<String, ConfigData> configs = new HashMap<>();
    private final List<ConfigData> configData;
    private final Scope scope;

    PodValues(List<ConfigData> configData, Scope scope) {
        this.configData = configData;
        this.scope = scope;
        for (ConfigData c : configData) {
            configs.putIfAbsent(key(c.secret(), scope.of(c.object()), c.object().name()), c);
        }
    }

    private static String key(boolean secret, Namespace namespace, String name) {
        return (secret ? "Secret/" : "ConfigMap/") + namespace + "/" + name;
    }

    List<Value> of(Workload w) {
        PodInputs inputs = w.pod().inputs();
        KubeObject doc = w.object();
        Namespace ns = scope.of(doc);
        List<Value> values = new ArrayList<>();
        for (Container c : inputs.containers()) {
            container(c, doc, ns, values);
        }
        for (ConfigRef ref : inputs.volumes()) {
            ConfigData data = config(ns, ref);
            if (data == null) {
                continue;
            }
            for (Map.Entry<String, String> e : data.values().entrySet()) {
                if (ref.key() == null || ref.key().equals(e.getKey())) {
                    values.add(new Value(e.getValue(), "key " + e.getKey() + " of " + ref.describe() + " ("
                            + ref.via() + ")", data.object(), true, Value.Form.FILE, e.getKey(), 0, null));
                }
            }
        }
        return values;
    }

    /**
     * One container's variables, then its command and arguments. A variable that another value of the container
     * refers to ({@code http://$(AGENT_NAME):9000}) counts only there, with the port written there; a host
     * variable takes the port of the variable of the same prefix ({@code REDIS_HOST} and {@code REDIS_PORT}).
     */
    private void container(Container c, KubeObject doc, Namespace ns, List<Value> values) {
        String of = " of container " + c.name();
        Map<String, String> env = new HashMap<>();
        Set<String> defined = new HashSet<>();
        Set<String> used = new HashSet<>(); // variables another value, the command or an argument refers to
        List<String> order = new ArrayList<>(); // the variables in the order they are set, for their ports
        boolean allKnown = true;
        Map<String, Integer> lastInEnv = new HashMap<>(); // of a variable env sets twice, the last is given
        for (int i = 0; i < c.env().size(); i++) {
            lastInEnv.put(c.env().get(i).name(), i);
        }
        Map<String, Value> given = new LinkedHashMap<>(); // by variable: not what env or a later source replaces
        for (ConfigRef ref : c.envFrom()) {
            ConfigData data = config(ns, ref);
            allKnown &= data != null;
            if (data != null) {
                for (Map.Entry<String, String> e : data.values().entrySet()) {
                    String name = ref.prefix() + e.getKey();
                    defined.add(name);
                    order.add(name);
                    env.put(name, e.getValue());
                    given.remove(name);
                    if (!lastInEnv.containsKey(name)) {
                        given.put(name, Value.named(e.getValue(), "key " + e.getKey() + " of " + ref.describe()
                                + " (envFrom" + of + ")", data.object(), true, name));
                    }
                }
            }
        }
        for (int i = 0; i < c.env().size(); i++) {
            EnvVar v = c.env().get(i);
            boolean last = lastInEnv.get(v.name()) == i;
            defined.add(v.name());
            order.add(v.name());
            String expanded = v.value() == null ? null : expand(v.value(), env, used, v.name()); // $(ITSELF): the value before
            env.remove(v.name()); // replaced, also by a value not known here (a field of the pod)
            if (expanded != null) {
                env.put(v.name(), expanded);
                if (last) {
                    given.put(v.name(), Value.named(expanded, "env " + v.name() + of, doc,
                            !allKnown || definesAll(expanded, defined), v.name()));
                }
            } else if ("metadata.namespace".equals(v.field()) && scope.name(ns) != null) {
                env.put(v.name(), scope.name(ns)); // the kubelet gives the pod's namespace
            } else if (v.ref() != null) {
                ConfigData data = config(ns, v.ref());
                String text = data == null ? null : data.values().get(v.ref().key());
                if (text != null) {
                    env.put(v.name(), text);
                    if (last) {
                        given.put(v.name(), Value.named(text, "key " + v.ref().key() + " of " + v.ref().describe()
                                + " (env " + v.name() + of + ")", data.object(), true, v.name()));
                    }
                }
            }
        }
        List<String> argv = new ArrayList<>(c.command().size() + c.args().size());
        for (String s : c.command()) {
            argv.add(expand(s, env, used, null));
        }
        for (String s : c.args()) {
            argv.add(expand(s, env, used, null));
        }
        Map<String, List<String>> ports = ports(order, env);
        for (Map.Entry<String, Value> e : given.entrySet()) {
            if (used.contains(e.getKey())) {
                continue; // counts where it is used
            }
            String host = Keys.hostPrefix(e.getKey());
            List<String> portNames = host == null ? null : ports.get(host);
            if (portNames == null) {
                values.add(e.getValue());
                continue;
            }
            for (String port : portNames) { // OTEL_COLLECTOR_HOST with ..._PORT_GRPC and ..._PORT_HTTP: both
                values.add(e.getValue().withPort(Address.portNumber(env.get(port).strip()), port));
            }
        }
        arguments(c, argv, allKnown, defined, doc, of, values);
    }

    /**
     * Per prefix, the variables that give a port ({@code REDIS_PORT}, {@code REDIS_PORT_NUMBER}), each once, in the
     * order set.
     */
    private static Map<String, List<String>> ports(List<String> order, Map<String, String> env) {
        Map<String, List<String>> ports = new HashMap<>();
        for (String name : order) {
            String prefix = Keys.portPrefix(name);
            String value = env.get(name);
            if (prefix != null && value != null && Address.portNumber(value.strip()) > 0) {
                List<String> names = ports.get(prefix);
                if (names == null) {
                    names = new ArrayList<>(1);
                    ports.put(prefix, names);
                }
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return ports;
    }

    /** The values of the command and arguments, read as the program's ({@link Arguments}). */
    private static void arguments(Container c, List<String> argv, boolean allKnown, Set<String> defined,
                                  KubeObject doc, String of, List<Value> values) {
        int commands = c.command().size();
        boolean program = commands > 0 || !argv.isEmpty() && Arguments.isShell(argv.get(0));
        boolean shell = program && Arguments.isShell(argv.get(0));
        for (Arguments.Arg a : Arguments.read(argv, program ? 1 : 0, shell)) {
            String where = (a.at() < commands ? "command" : "args") + of;
            boolean known = !allKnown || definesAll(argv.get(a.at()), defined);
            Value v = new Value(a.text(), where, doc, known, a.script() ? Value.Form.SCRIPT : Value.Form.VALUE,
                    a.key(), a.port(), a.portFrom());
            values.add(v);
        }
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
    private ConfigData config(Namespace namespace, ConfigRef ref) {
        ConfigData exact = configs.get(key(ref.secret(), namespace, ref.name()));
        if (exact != null || scope.releaseNamespace() != null) {
            return exact;
        }
        for (ConfigData c : configData) {
            if (c.secret() == ref.secret() && ref.name().equals(c.object().name())
                    && scope.same(namespace, scope.of(c.object()))) {
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
        return expand(s, env, null, null);
    }

    /**
     * As {@link #expand(String, Map)}; adds to {@code used} the variables it expands, but for {@code self}, the
     * variable whose own value is expanded (which refers to the value before).
     */
    static String expand(String s, Map<String, String> env, Set<String> used, String self) {
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
                String name = s.substring(i + 2, close);
                String value = env.get(name);
                if (value == null) {
                    out.append(s, i, close + 1);
                } else {
                    out.append(value);
                    if (used != null && !name.equals(self)) {
                        used.add(name);
                    }
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
