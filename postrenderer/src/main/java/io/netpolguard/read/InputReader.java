package io.netpolguard.read;

import io.netpolguard.model.ConfigData;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.PodInputs;
import io.netpolguard.model.PodInputs.ConfigRef;
import io.netpolguard.model.PodInputs.Container;
import io.netpolguard.model.PodInputs.EnvVar;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what can name other components of the release: the environment, command and arguments of a pod template's
 * containers, the ConfigMaps and Secrets they read, and the values of ConfigMaps and Secrets. Only to segregate.
 *
 * <p>It reads leniently: a field of an unexpected shape is skipped, not refused. These fields are evidence of
 * traffic, and Kubernetes itself validates them.
 */
final class InputReader {

    private InputReader() {
    }

    static PodInputs pod(Node spec, Node workloadSpec) {
        List<Container> containers = new ArrayList<>();
        Set<String> mounted = new HashSet<>();
        for (String list : new String[] {"initContainers", "containers"}) {
            for (Node c : items(Nodes.get(spec, list))) {
                containers.add(container(c));
                for (Node m : items(Nodes.get(c, "volumeMounts"))) {
                    String volume = Nodes.string(Nodes.get(m, "name"));
                    if (volume != null) {
                        mounted.add(volume);
                    }
                }
            }
        }
        List<ConfigRef> volumes = new ArrayList<>();
        for (Node v : items(Nodes.get(spec, "volumes"))) {
            String name = Nodes.string(Nodes.get(v, "name"));
            if (name == null || !mounted.contains(name)) {
                continue; // a volume no container mounts gives its files to nobody
            }
            String via = "volume " + name;
            volume(Nodes.get(v, "configMap"), false, via, volumes);
            volume(Nodes.get(v, "secret"), true, via, volumes);
            for (Node source : items(Nodes.get(Nodes.get(v, "projected"), "sources"))) {
                volume(Nodes.get(source, "configMap"), false, via, volumes);
                volume(Nodes.get(source, "secret"), true, via, volumes);
            }
        }
        String serviceName = Nodes.nonEmptyString(Nodes.get(workloadSpec, "serviceName"));
        String replicas = Nodes.string(Nodes.get(workloadSpec, "replicas"));
        int count = 1;
        if (replicas != null) {
            try {
                count = Integer.parseInt(replicas.strip());
            } catch (NumberFormatException e) {
                count = 1; // Kubernetes refuses it
            }
        }
        return new PodInputs(List.copyOf(containers), List.copyOf(volumes), serviceName, count);
    }

    private static Container container(Node c) {
        List<EnvVar> env = new ArrayList<>();
        for (Node e : items(Nodes.get(c, "env"))) {
            String name = Nodes.string(Nodes.get(e, "name"));
            if (name == null) {
                continue;
            }
            Node from = Nodes.get(e, "valueFrom");
            ConfigRef ref = keyRef(Nodes.get(from, "configMapKeyRef"), false, name);
            if (ref == null) {
                ref = keyRef(Nodes.get(from, "secretKeyRef"), true, name);
            }
            env.add(new EnvVar(name, Nodes.string(Nodes.get(e, "value")), ref,
                    Nodes.string(Nodes.get(Nodes.get(from, "fieldRef"), "fieldPath"))));
        }
        List<ConfigRef> envFrom = new ArrayList<>();
        for (Node e : items(Nodes.get(c, "envFrom"))) {
            String cm = Nodes.nonEmptyString(Nodes.get(Nodes.get(e, "configMapRef"), "name"));
            String secret = Nodes.nonEmptyString(Nodes.get(Nodes.get(e, "secretRef"), "name"));
            String prefix = Nodes.string(Nodes.get(e, "prefix"));
            prefix = prefix == null ? "" : prefix;
            if (cm != null) {
                envFrom.add(new ConfigRef(false, cm, null, "envFrom", prefix));
            }
            if (secret != null) {
                envFrom.add(new ConfigRef(true, secret, null, "envFrom", prefix));
            }
        }
        return new Container(Nodes.string(Nodes.get(c, "name")), List.copyOf(env), List.copyOf(envFrom),
                strings(Nodes.get(c, "command")), strings(Nodes.get(c, "args")));
    }

    private static ConfigRef keyRef(Node ref, boolean secret, String variable) {
        String name = Nodes.nonEmptyString(Nodes.get(ref, "name"));
        String key = Nodes.nonEmptyString(Nodes.get(ref, "key"));
        return name == null || key == null ? null : new ConfigRef(secret, name, key, "env " + variable);
    }

    /** A {@code configMap} or {@code secret} volume source: its name and, where {@code items} lists keys, those. */
    private static void volume(Node source, boolean secret, String via, List<ConfigRef> into) {
        String name = Nodes.nonEmptyString(Nodes.get(source, secret ? "secretName" : "name"));
        if (name == null && secret) {
            name = Nodes.nonEmptyString(Nodes.get(source, "name")); // a projected Secret names it "name"
        }
        if (name == null) {
            return;
        }
        List<Node> items = items(Nodes.get(source, "items"));
        if (items.isEmpty()) {
            into.add(new ConfigRef(secret, name, null, via));
        }
        for (Node item : items) {
            String key = Nodes.nonEmptyString(Nodes.get(item, "key"));
            if (key != null) {
                into.add(new ConfigRef(secret, name, key, via));
            }
        }
    }

    /** A ConfigMap's or Secret's values; null for another kind. */
    static ConfigData config(KubeObject object, Node root) {
        boolean secret = "Secret".equals(object.kind());
        if (!secret && !"ConfigMap".equals(object.kind())) {
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : scalars(Nodes.get(root, "data")).entrySet()) {
            String value = secret ? decoded(e.getValue()) : e.getValue();
            if (value != null) {
                values.put(e.getKey(), value);
            }
        }
        if (secret) {
            values.putAll(scalars(Nodes.get(root, "stringData")));
        }
        return new ConfigData(object, secret, values);
    }

    /** A Secret value decoded from base64, or null where it is not base64 of UTF-8 text. */
    private static String decoded(String base64) {
        try {
            byte[] bytes = Base64.getMimeDecoder().decode(base64);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return null;
        }
    }

    private static Map<String, String> scalars(Node node) {
        Map<String, String> result = new LinkedHashMap<>();
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && t.getValueNode() instanceof ScalarNode v) {
                    result.put(k.getValue(), v.getValue());
                }
            }
        }
        return result;
    }

    private static List<Node> items(Node node) {
        return node instanceof SequenceNode s ? s.getValue() : List.of();
    }

    private static List<String> strings(Node node) {
        List<String> result = new ArrayList<>();
        for (Node item : items(node)) {
            String s = Nodes.string(item);
            if (s != null) {
                result.add(s);
            }
        }
        return List.copyOf(result);
    }
}
