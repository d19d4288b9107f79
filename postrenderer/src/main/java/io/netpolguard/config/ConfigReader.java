package io.netpolguard.config;

import io.netpolguard.InputException;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.WorkloadKind;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code --config} file:
 * <pre>
 * dns:                      # where isolated pods may resolve names; "dns: null" allows no DNS
 *   namespace: kube-system
 *   podLabels: {k8s-app: kube-dns}
 *   port: 53
 * exemptNamespaces: [kube-system, kube-public, kube-node-lease]
 * workloadKinds:            # kinds with a pod template beyond the built-in ones
 *   - apiVersion: argoproj.io/v1alpha1
 *     kind: Rollout
 *     podTemplatePath: spec.template
 * allowIngress: []          # NetworkPolicy ingress rules added to every generated policy
 * allowEgress: []           # NetworkPolicy egress rules added to every generated policy
 * </pre>
 */
public final class ConfigReader {

    private static final Set<String> KEYS = Set.of("dns", "exemptNamespaces", "workloadKinds", "allowIngress",
            "allowEgress");

    private ConfigReader() {
    }

    public static Config read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InputException("The configuration file " + file + " cannot be read (" + e + ").",
                    "Check the path given with --config.");
        }
        return parse(text, file.toString());
    }

    public static Config parse(String text, String origin) {
        Object loaded;
        try {
            loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw error(origin, "is not valid YAML: " + e.getMessage().replaceAll("\\s+", " "));
        }
        if (loaded == null) {
            return Config.defaults();
        }
        Map<String, Object> map = map(loaded, origin, "the file");
        for (String key : map.keySet()) {
            if (!KEYS.contains(key)) {
                throw error(origin, "has the unknown key \"" + key + "\" (known keys: " + String.join(", ",
                        KEYS.stream().sorted().toList()) + ")");
            }
        }
        Config d = Config.defaults();
        DnsTarget dns = d.dns();
        if (map.containsKey("dns")) {
            dns = map.get("dns") == null ? null : dns(map(map.get("dns"), origin, "dns"), origin);
        }
        Set<String> exempt = map.containsKey("exemptNamespaces")
                ? new LinkedHashSet<>(strings(map.get("exemptNamespaces"), origin, "exemptNamespaces"))
                : d.exemptNamespaces();
        List<WorkloadKind> kinds = new ArrayList<>();
        for (Object o : list(map.get("workloadKinds"), origin, "workloadKinds")) {
            Map<String, Object> k = map(o, origin, "workloadKinds[]");
            String apiVersion = string(k.get("apiVersion"), origin, "workloadKinds[].apiVersion");
            String kind = string(k.get("kind"), origin, "workloadKinds[].kind");
            String path = string(k.get("podTemplatePath"), origin, "workloadKinds[].podTemplatePath");
            kinds.add(new WorkloadKind(Set.of(KubeObject.groupOf(apiVersion)), kind, path,
                    k.get("selectorPath") == null ? null : String.valueOf(k.get("selectorPath"))));
        }
        return new Config(dns, exempt, kinds, rules(map.get("allowIngress"), origin, "allowIngress"),
                rules(map.get("allowEgress"), origin, "allowEgress"));
    }

    private static DnsTarget dns(Map<String, Object> m, String origin) {
        DnsTarget d = DnsTarget.KUBE_DNS;
        String namespace = m.containsKey("namespace") ? string(m.get("namespace"), origin, "dns.namespace")
                : d.namespace();
        Map<String, String> labels = d.podLabels();
        if (m.containsKey("podLabels")) {
            labels = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : map(m.get("podLabels"), origin, "dns.podLabels").entrySet()) {
                labels.put(e.getKey(), String.valueOf(e.getValue()));
            }
        }
        int port = d.port();
        if (m.containsKey("port")) {
            if (!(m.get("port") instanceof Integer p) || p < 1 || p > 65535) {
                throw error(origin, "has a dns.port that is not a port number");
            }
            port = p;
        }
        for (String key : m.keySet()) {
            if (!Set.of("namespace", "podLabels", "port").contains(key)) {
                throw error(origin, "has the unknown key \"dns." + key + "\" (known: namespace, podLabels, port)");
            }
        }
        return new DnsTarget(namespace, labels, port);
    }

    private static List<Map<String, Object>> rules(Object o, String origin, String what) {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Object rule : list(o, origin, what)) {
            rules.add(map(rule, origin, what + "[]"));
        }
        return rules;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String origin, String what) {
        if (o instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw error(origin, "needs a mapping at " + what);
    }

    private static List<?> list(Object o, String origin, String what) {
        if (o == null) {
            return List.of();
        }
        if (o instanceof List<?> l) {
            return l;
        }
        throw error(origin, "needs a list at " + what);
    }

    private static List<String> strings(Object o, String origin, String what) {
        return list(o, origin, what).stream().map(x -> string(x, origin, what + "[]")).toList();
    }

    private static String string(Object o, String origin, String what) {
        if (o instanceof String s && !s.isEmpty()) {
            return s;
        }
        throw error(origin, "needs a string at " + what);
    }

    private static InputException error(String origin, String problem) {
        return new InputException("The configuration " + origin + " " + problem + ".",
                "See `netpol-guard --help` for the configuration keys.");
    }
}
