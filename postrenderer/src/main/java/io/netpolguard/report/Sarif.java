package io.netpolguard.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Findings as a SARIF 2.1.0 log (GitHub code scanning, GitLab, Azure DevOps): one run, a rule per kind of finding,
 * and per finding a result located at the chart template (physical location) and the Kubernetes object
 * ({@code team-a/Deployment/web}, logical location of kind "resource"); the chart policy behind it, where there is
 * one, as a related location. The lock's drift is located at the lock file.
 */
public final class Sarif {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private Sarif() {
    }

    /** @param version netpol-guard's version, for the tool's driver */
    public static String write(CiFindings findings, String version) {
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "netpol-guard");
        driver.put("version", version);
        List<Object> rules = new ArrayList<>();
        for (CiFindings.Rule r : CiFindings.Rule.values()) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("id", r.id());
            rule.put("name", r.ruleName());
            rule.put("shortDescription", Map.of("text", r.shortDescription()));
            rule.put("fullDescription", Map.of("text", r.fullDescription()));
            rule.put("defaultConfiguration", Map.of("level", r.defaultLevel()));
            rules.add(rule);
        }
        driver.put("rules", rules);

        List<Object> results = new ArrayList<>();
        for (CiFindings.Item item : findings.items()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("ruleId", item.rule().id());
            result.put("ruleIndex", item.rule().ordinal());
            result.put("level", item.level());
            result.put("message", Map.of("text", item.message()));
            Map<String, Object> location = new LinkedHashMap<>();
            if (item.workload() != null) {
                if (item.workload().template() != null) {
                    location.put("physicalLocation", physical(item.workload().template()));
                }
                Map<String, Object> logical = new LinkedHashMap<>();
                logical.put("name", item.workload().workload().name());
                logical.put("fullyQualifiedName", item.workload().qualifiedName());
                logical.put("kind", "resource");
                location.put("logicalLocations", List.of(logical));
            } else if (findings.lock() != null) {
                location.put("physicalLocation", physical(findings.lock().file().toString()));
            }
            if (!location.isEmpty()) {
                result.put("locations", List.of(location));
            }
            if (item.policy() != null && item.policy().source() != null) {
                Map<String, Object> related = new LinkedHashMap<>();
                related.put("id", 0);
                related.put("physicalLocation", physical(item.policy().source()));
                related.put("message", Map.of("text", "NetworkPolicy " + item.policy().name() + " (from the chart)"));
                result.put("relatedLocations", List.of(related));
            }
            results.add(result);
        }
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        if (findings.release() != null) {
            run.put("automationDetails", Map.of("id", "netpol-guard/" + findings.release() + "/"));
        }
        run.put("results", results);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        root.put("runs", List.of(run));
        return Json.write(root);
    }

    private static Map<String, Object> physical(String path) {
        return Map.of("artifactLocation", Map.of("uri", uri(path)));
    }

    /** A relative URI reference: the path with '/' separators, characters other than unreserved ones escaped. */
    static String uri(String path) {
        StringBuilder sb = new StringBuilder();
        for (byte b : path.replace('\\', '/').getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }
}
