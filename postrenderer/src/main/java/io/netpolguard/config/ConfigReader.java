package io.netpolguard.config;

import io.netpolguard.error.InputException;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code --config} file (every key optional; unknown keys are refused):
 * <pre>
 * dns: {namespace: kube-system, podLabels: {k8s-app: kube-dns}, port: 53}   # "dns: null": no DNS
 * exemptNamespaces: [kube-system, kube-public, kube-node-lease, calico-system]
 * workloadKinds: [{apiVersion: argoproj.io/v1alpha1, kind: Rollout, podTemplatePath: spec.template}]
 * coverUnknownKinds: true
 * apiServer: {cidrs: [], ports: [443, 6443], workloads: []}
 * ingressControllers: [{namespace: ingress-nginx, podLabels: {app.kubernetes.io/name: ingress-nginx}}]
 * ingressProxy: {namespaces: [], namespaceLabels: {}, ports: [], workloads: []}
 * monitoring: {podLabels: {app.kubernetes.io/name: prometheus}}
 * allowances: {apiServer: true, webhooks: true, externalTraffic: true, ingressRoutes: true, ingressProxy: true,
 *              monitoring: true}
 * flows: [{workload: {kind: Deployment, name: api}, to: [{cidrs: [203.0.113.0/24]}], ports: [443]}]
 * segregate: false
 * </pre>
 */
public final class ConfigReader {

    private static final List<String> KEYS = List.of("dns", "exemptNamespaces", "workloadKinds", "coverUnknownKinds",
            "apiServer", "ingressControllers", "ingressProxy", "monitoring", "allowances", "flows", "segregate");

    private ConfigReader() {
    }

    /** In the post-renderer's words. */
    public static Config read(Path file) {
        return read(file, Words.POST_RENDERER);
    }

    /** @param words how the front end names the file and the help that lists the keys, for messages */
    public static Config read(Path file, Words words) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InputException("The configuration file " + file + " (" + words.configFile() + ") "
                    + FileProblem.of(e) + ".", words.configFileUnread());
        }
        return parse(text, file.toString(), words);
    }

    /** In the post-renderer's words. */
    public static Config parse(String text, String origin) {
        return parse(text, origin, Words.POST_RENDERER);
    }

    /**
     * @param origin where the text comes from, for messages: "file x.yaml", "in the plugin's &lt;config&gt; parameter"
     * @param words  how the front end names the help that lists the keys, for messages
     */
    public static Config parse(String text, String origin, Words words) {
        ConfigValues values = new ConfigValues(origin, words);
        Object loaded;
        try {
            loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        } catch (YAMLException e) {
            throw values.error("is not valid YAML: " + e.getMessage().replaceAll("\\s+", " "));
        }
        if (loaded == null) {
            return Config.defaults();
        }
        Map<String, Object> map = values.map(loaded, "the file");
        for (String key : map.keySet()) {
            if (key.equals("allowIngress") || key.equals("allowEgress")) {
                throw new InputException("The configuration " + origin + " has the key \"" + key + "\", which"
                        + " netpol-guard no longer reads: raw rules added to every policy opened every pod of the"
                        + " release. Declare the flow instead, for the pods that need it: `flows: [{workload:"
                        + " {kind: Deployment, name: NAME}, " + (key.equals("allowIngress") ? "from" : "to")
                        + ": [{cidrs: [CIDR]} or {namespace: NS, podLabels: {...}}], ports: [PORT]}]`.",
                        "Many such rules are now derived from the release itself (API server, webhooks, ingress"
                                + " controllers, monitoring); see README, \"What stays open\".");
            }
            if (!KEYS.contains(key)) {
                throw values.unknownKey(key, "", KEYS);
            }
        }
        Config d = Config.defaults();
        DnsTarget dns = d.dns();
        if (map.containsKey("dns")) {
            dns = map.get("dns") == null ? null : dns(values.map(map.get("dns"), "dns"), values);
        }
        Set<String> exempt = map.containsKey("exemptNamespaces")
                ? new LinkedHashSet<>(values.strings(map.get("exemptNamespaces"), "exemptNamespaces"))
                : d.exemptNamespaces();
        List<WorkloadKind> kinds = new ArrayList<>();
        for (Object o : values.list(map.get("workloadKinds"), "workloadKinds")) {
            Map<String, Object> k = values.map(o, "workloadKinds[]");
            values.known(k, "workloadKinds[]", "apiVersion", "kind", "podTemplatePath", "selectorPath");
            String apiVersion = values.string(k.get("apiVersion"), "workloadKinds[].apiVersion");
            String kind = values.string(k.get("kind"), "workloadKinds[].kind");
            String path = values.string(k.get("podTemplatePath"), "workloadKinds[].podTemplatePath");
            kinds.add(new WorkloadKind(Set.of(KubeObject.groupOf(apiVersion)), kind, path,
                    values.optionalString(k, "selectorPath", "workloadKinds[]")));
        }
        AllowanceConfig allowances = new AllowanceConfig(values);
        return new Config(dns, exempt, kinds, allowances.apiServer(map.get("apiServer")),
                map.containsKey("ingressControllers") ? allowances.ingressControllers(map.get("ingressControllers"))
                        : d.ingressControllers(),
                allowances.ingressProxy(map.get("ingressProxy")),
                map.get("monitoring") == null ? d.monitoring() : allowances.clusterPeer(map.get("monitoring"), "monitoring"),
                allowances.switches(map.get("allowances")), allowances.flows(map.get("flows")),
                flag(map.get("segregate"), "segregate", false, values),
                flag(map.get("coverUnknownKinds"), "coverUnknownKinds", true, values));
    }

    private static boolean flag(Object o, String key, boolean absent, ConfigValues values) {
        if (o == null) {
            return absent;
        }
        if (!(o instanceof Boolean b)) {
            throw values.error("needs true or false at " + key);
        }
        return b;
    }

    private static DnsTarget dns(Map<String, Object> m, ConfigValues values) {
        values.known(m, "dns", "namespace", "podLabels", "port");
        DnsTarget d = DnsTarget.KUBE_DNS;
        String namespace = m.containsKey("namespace") ? values.string(m.get("namespace"), "dns.namespace")
                : d.namespace();
        Map<String, String> labels = m.containsKey("podLabels") ? values.labels(m.get("podLabels"), "dns.podLabels")
                : d.podLabels();
        int port = m.containsKey("port") ? values.port(m.get("port"), "dns.port") : d.port();
        return new DnsTarget(namespace, labels, port);
    }
}
