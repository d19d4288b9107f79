package io.netpolguard.oracle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The oracle's rules one by one, on small streams; the upstream e2e NetworkPolicy behaviours among them. */
class OracleTest {

    private static final String WEB_AND_DB = deployment("shop", "web", "{app: web}", "[{name: http, containerPort: 8080}]")
            + deployment("shop", "db", "{app: db}", "[{name: pg, containerPort: 5432}]");

    private static String deployment(String namespace, String name, String labels, String ports) {
        return """
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %s, namespace: %s}
                spec:
                  template:
                    metadata: {labels: %s}
                    spec: {containers: [{name: main, image: busybox, ports: %s}]}
                """.formatted(name, namespace, labels, ports);
    }

    private static String policy(String namespace, String name, String spec) {
        return io.netpolguard.testing.Manifests.policy(name).namespace(namespace).spec(spec).toString();
    }

    @Test
    void withoutPoliciesEveryConnectionIsAllowed() {
        Oracle oracle = Oracle.of(WEB_AND_DB);
        Pod web = oracle.pod("Deployment", "web");
        Pod db = oracle.pod("Deployment", "db");

        assertThat(oracle.allows(web, db, "TCP", 1)).isTrue();
        assertThat(oracle.allows(db, web, "SCTP", 65535)).isTrue();
        assertThat(oracle.allows(web, "8.8.8.8", "UDP", 53)).isTrue();
        assertThat(oracle.allows("8.8.8.8", db, "TCP", 5432)).isTrue();
    }

    @Test
    void aDefaultDenyIngressPolicyDeniesAllIngressInItsNamespaceAndNoEgress() {
        Oracle oracle = Oracle.of(WEB_AND_DB + policy("shop", "default-deny", "{podSelector: {}, policyTypes: [Ingress]}"));
        Pod web = oracle.pod("Deployment", "web");
        Pod db = oracle.pod("Deployment", "db");

        assertThat(oracle.allows(web, db, "TCP", 5432)).isFalse();
        assertThat(oracle.allows("10.0.0.1", web, "TCP", 8080)).isFalse();
        assertThat(oracle.allows(web, "10.0.0.1", "TCP", 443)).isTrue();
    }

    @Test
    void aPolicyOnlyIsolatesPodsOfItsOwnNamespace() {
        Oracle oracle = Oracle.of(WEB_AND_DB + deployment("other", "web", "{app: web}", "[]")
                + policy("shop", "default-deny", "{podSelector: {}, policyTypes: [Ingress, Egress]}"));
        Pod otherWeb = oracle.pod("other", "Deployment", "web");

        assertThat(oracle.allows(Oracle.pod("third", Map.of()), otherWeb, "TCP", 80)).isTrue();
        assertThat(oracle.allows(otherWeb, oracle.pod("shop", "Deployment", "db"), "TCP", 5432)).isFalse();
    }

    @Test
    void aConnectionNeedsBothTheSourcesEgressAndTheDestinationsIngress() {
        String egressToDb = policy("shop", "web-egress", "{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress],"
                + " egress: [{to: [{podSelector: {matchLabels: {app: db}}}]}]}");
        String dbDeniesIngress = policy("shop", "db-ingress", "{podSelector: {matchLabels: {app: db}}, policyTypes: [Ingress]}");
        Oracle egressOnly = Oracle.of(WEB_AND_DB + egressToDb);
        Oracle both = Oracle.of(WEB_AND_DB + egressToDb + dbDeniesIngress);

        assertThat(egressOnly.allows(egressOnly.pod("Deployment", "web"), egressOnly.pod("Deployment", "db"), "TCP", 5432)).isTrue();
        assertThat(egressOnly.allows(egressOnly.pod("Deployment", "web"), "1.1.1.1", "TCP", 443)).isFalse();
        assertThat(both.allows(both.pod("Deployment", "web"), both.pod("Deployment", "db"), "TCP", 5432)).isFalse();
    }

    @Test
    void withoutPolicyTypesAPolicyIsolatesEgressOnlyWhenItHasEgressRules() {
        String rules = "{podSelector: {matchLabels: {app: web}}, egress: %s}";
        Oracle emptyEgress = Oracle.of(WEB_AND_DB + policy("shop", "p", rules.formatted("[]")));
        Oracle someEgress = Oracle.of(WEB_AND_DB + policy("shop", "p", rules.formatted("[{ports: [{port: 53, protocol: UDP}]}]")));

        for (Oracle oracle : List.of(emptyEgress, someEgress)) { // Ingress always, and without rules: deny
            assertThat(oracle.allows(oracle.pod("Deployment", "db"), oracle.pod("Deployment", "web"), "TCP", 8080)).isFalse();
        }
        assertThat(emptyEgress.allows(emptyEgress.pod("Deployment", "web"), "1.1.1.1", "TCP", 443)).isTrue();
        assertThat(someEgress.allows(someEgress.pod("Deployment", "web"), "1.1.1.1", "TCP", 443)).isFalse();
        assertThat(someEgress.allows(someEgress.pod("Deployment", "web"), "1.1.1.1", "UDP", 53)).isTrue();
    }

    @Test
    void aListedPolicyTypeWithoutRulesDeniesThatDirection() {
        Oracle oracle = Oracle.of(WEB_AND_DB + policy("shop", "p", "{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress],"
                + " ingress: [{}]}"));
        Pod web = oracle.pod("Deployment", "web");

        assertThat(oracle.allows(web, oracle.pod("Deployment", "db"), "TCP", 5432)).isFalse();
        assertThat(oracle.allows(web, "1.1.1.1", "UDP", 53)).isFalse();
        assertThat(oracle.allows(oracle.pod("Deployment", "db"), web, "TCP", 8080)).isTrue(); // Ingress is not listed
    }

    @Test
    void aPolicyWithPolicyTypesEgressOnlyLeavesIngressOpen() {
        Oracle oracle = Oracle.of(WEB_AND_DB + policy("shop", "p", "{podSelector: {}, policyTypes: [Egress],"
                + " egress: [{to: [{podSelector: {matchLabels: {app: db}}}]}]}"));
        Pod web = oracle.pod("Deployment", "web");
        Pod db = oracle.pod("Deployment", "db");

        assertThat(oracle.allows("10.1.2.3", web, "TCP", 8080)).isTrue();
        assertThat(oracle.allows(web, db, "TCP", 5432)).isTrue();
        assertThat(oracle.allows(db, web, "TCP", 8080)).isFalse();
    }

    @Test
    void theRulesOfAllPoliciesSelectingAPodAreUnited() {
        Oracle oracle = Oracle.of(WEB_AND_DB
                + policy("shop", "a", "{podSelector: {matchLabels: {app: db}}, ingress: [{ports: [{port: 5432}]}]}")
                + policy("shop", "b", "{podSelector: {}, ingress: [{ports: [{port: 9187}]}]}"));
        Pod web = oracle.pod("Deployment", "web");
        Pod db = oracle.pod("Deployment", "db");

        assertThat(oracle.allows(web, db, "TCP", 5432)).isTrue();
        assertThat(oracle.allows(web, db, "TCP", 9187)).isTrue();
        assertThat(oracle.allows(web, db, "TCP", 5433)).isFalse();
        assertThat(oracle.allows(db, web, "TCP", 5432)).isFalse();
    }

    @Test
    void aRuleWithoutPeersAdmitsEveryPodAndEveryAddressAndOneWithoutPortsEveryPort() {
        Oracle oracle = Oracle.of(WEB_AND_DB + policy("shop", "p", "{podSelector: {matchLabels: {app: db}},"
                + " ingress: [{from: [], ports: [{port: 5432}]}, {from: [{podSelector: {matchLabels: {app: web}}}]}]}"));
        Pod web = oracle.pod("Deployment", "web");
        Pod db = oracle.pod("Deployment", "db");

        assertThat(oracle.allows("203.0.113.9", db, "TCP", 5432)).isTrue();
        assertThat(oracle.allows(Oracle.pod("elsewhere", Map.of("any", "pod")), db, "TCP", 5432)).isTrue();
        assertThat(oracle.allows("203.0.113.9", db, "TCP", 22)).isFalse();
        assertThat(oracle.allows(web, db, "SCTP", 22)).isTrue();
        assertThat(oracle.allows(web, db, "UDP", 65535)).isTrue();
    }

    @Test
    void aPodSelectorPeerOnlyMatchesPodsOfThePolicysNamespace() {
        Oracle oracle = Oracle.of(WEB_AND_DB + deployment("other", "web", "{app: web}", "[]")
                + policy("shop", "p", "{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]}"));
        Pod db = oracle.pod("Deployment", "db");

        assertThat(oracle.allows(oracle.pod("shop", "Deployment", "web"), db, "TCP", 5432)).isTrue();
        assertThat(oracle.allows(oracle.pod("other", "Deployment", "web"), db, "TCP", 5432)).isFalse();
        assertThat(oracle.allows(Oracle.pod("shop", Map.of("app", "web", "extra", "label")), db, "TCP", 5432)).isTrue();
    }

    @Test
    void aNamespaceSelectorPeerMatchesEveryPodOfTheMatchingNamespaces() {
        String stream = WEB_AND_DB + """
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: monitoring, labels: {team: ops}}
                """ + policy("shop", "p", "{podSelector: {}, ingress: [{from: [{namespaceSelector: {matchLabels: {team: ops}}}]}]}");
        Oracle oracle = Oracle.of(stream).namespaceLabels("logging", Map.of("team", "ops"));
        Pod db = oracle.pod("Deployment", "db");

        assertThat(oracle.allows(Oracle.pod("monitoring", Map.of("app", "prometheus")), db, "TCP", 5432)).isTrue();
        assertThat(oracle.allows(Oracle.pod("logging", Map.of()), db, "TCP", 5432)).isTrue();
        assertThat(oracle.allows(Oracle.pod("dev", Map.of("team", "ops")), db, "TCP", 5432)).isFalse();
        assertThat(oracle.allows(oracle.pod("Deployment", "web"), db, "TCP", 5432)).isFalse();
        assertThat(oracle.labelsOf("logging")).containsEntry("team", "ops").containsEntry("kubernetes.io/metadata.name", "logging");
    }

    @Test
    void bothSelectorsInOnePeerMustMatchTogetherWhileTwoPeersAreAlternatives() {
        String together = "[{namespaceSelector: {matchLabels: {team: ops}}, podSelector: {matchLabels: {app: prometheus}}}]";
        String apart = "[{namespaceSelector: {matchLabels: {team: ops}}}, {podSelector: {matchLabels: {app: prometheus}}}]";
        Pod prometheusInOps = Oracle.pod("ops", Map.of("app", "prometheus"));
        Pod grafanaInOps = Oracle.pod("ops", Map.of("app", "grafana"));
        Pod prometheusInShop = Oracle.pod("shop", Map.of("app", "prometheus"));
        for (String peers : List.of(together, apart)) {
            Oracle oracle = Oracle.of(WEB_AND_DB + policy("shop", "p", "{podSelector: {}, ingress: [{from: " + peers + "}]}"))
                    .namespaceLabels("ops", Map.of("team", "ops"));
            Pod db = oracle.pod("Deployment", "db");

            assertThat(oracle.allows(prometheusInOps, db, "TCP", 5432)).isTrue();
            assertThat(oracle.allows(grafanaInOps, db, "TCP", 5432)).isEqualTo(peers.equals(apart));
            assertThat(oracle.allows(prometheusInShop, db, "TCP", 5432)).isEqualTo(peers.equals(apart));
        }
    }

    @Test
    void everyNamespaceCarriesItsNameAsTheMetadataNameLabel() {
        String stream = WEB_AND_DB + """
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: shop, labels: {kubernetes.io/metadata.name: wrong, tier: prod}}
                """ + policy("shop", "p", "{podSelector: {}, ingress: [{from: [{namespaceSelector:"
                + " {matchExpressions: [{key: kubernetes.io/metadata.name, operator: In, values: [shop, never-declared]}]}}]}]}");
        Oracle oracle = Oracle.of(stream);
        Pod db = oracle.pod("Deployment", "db");

        assertThat(oracle.labelsOf("shop")).isEqualTo(Map.of("kubernetes.io/metadata.name", "shop", "tier", "prod"));
        assertThat(oracle.allows(oracle.pod("Deployment", "web"), db, "TCP", 5432)).isTrue();
        assertThat(oracle.allows(Oracle.pod("never-declared", Map.of()), db, "TCP", 5432)).isTrue();
        assertThat(oracle.allows(Oracle.pod("wrong", Map.of()), db, "TCP", 5432)).isFalse();
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            {}                                                                | {app: web}            | true
            {}                                                                | {}                    | true
            {matchLabels: {app: web}}                                         | {app: web, tier: fe}  | true
            {matchLabels: {app: web, tier: be}}                               | {app: web, tier: fe}  | false
            {matchLabels: {app: web}}                                         | {}                    | false
            {matchExpressions: [{key: app, operator: In, values: [web, db]}]}  | {app: db}             | true
            {matchExpressions: [{key: app, operator: In, values: [web, db]}]}  | {app: cache}          | false
            {matchExpressions: [{key: app, operator: In, values: [web, db]}]}  | {}                    | false
            {matchExpressions: [{key: app, operator: NotIn, values: [web]}]}   | {app: web}            | false
            {matchExpressions: [{key: app, operator: NotIn, values: [web]}]}   | {app: db}             | true
            {matchExpressions: [{key: app, operator: NotIn, values: [web]}]}   | {tier: fe}            | true
            {matchExpressions: [{key: app, operator: Exists}]}                | {app: ""}             | true
            {matchExpressions: [{key: app, operator: Exists}]}                | {tier: fe}            | false
            {matchExpressions: [{key: app, operator: DoesNotExist}]}          | {tier: fe}            | true
            {matchExpressions: [{key: app, operator: DoesNotExist}]}          | {app: web}            | false
            {matchLabels: {tier: fe}, matchExpressions: [{key: app, operator: Exists}]} | {tier: fe}  | false
            {matchLabels: {tier: fe}, matchExpressions: [{key: app, operator: Exists}]} | {tier: fe, app: x} | true
            """)
    void labelSelectorsFollowTheKubernetesOperators(String selector, String labels, boolean matches) {
        Oracle oracle = Oracle.of(deployment("ns", "src", labels, "[]") + deployment("ns", "dst", "{role: dst}", "[]")
                + policy("ns", "p", "{podSelector: {matchLabels: {role: dst}}, ingress: [{from: [{podSelector: " + selector + "}]}]}"));

        assertThat(oracle.allows(oracle.pod("Deployment", "src"), oracle.pod("Deployment", "dst"), "TCP", 80)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0} admits {1} {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            {port: 80}                                 | TCP  | 80    | true
            {port: 80}                                 | TCP  | 81    | false
            {port: 80}                                 | UDP  | 80    | false
            {port: 80, protocol: SCTP}                 | SCTP | 80    | true
            {protocol: UDP}                            | UDP  | 12345 | true
            {protocol: UDP}                            | TCP  | 12345 | false
            {}                                         | TCP  | 1     | true
            {port: 8000, endPort: 8080}                | TCP  | 7999  | false
            {port: 8000, endPort: 8080}                | TCP  | 8000  | true
            {port: 8000, endPort: 8080}                | TCP  | 8080  | true
            {port: 8000, endPort: 8080}                | TCP  | 8081  | false
            {port: 1, endPort: 65535, protocol: SCTP}  | SCTP | 65535 | true
            {port: http}                               | TCP  | 8080  | true
            {port: http}                               | TCP  | 80    | false
            {port: http, protocol: UDP}                | UDP  | 8080  | false
            {port: dns, protocol: UDP}                 | UDP  | 53    | true
            {port: dns}                                | TCP  | 53    | false
            {port: dns}                                | UDP  | 53    | false
            {port: no-such-name}                       | TCP  | 8080  | false
            {port: init-debug}                         | TCP  | 4000  | true
            """)
    void portEntriesMatchByProtocolNumberRangeOrADestinationPortName(String entry, String protocol, int port, boolean admits) {
        String dst = """
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: dst, namespace: ns, labels: {role: dst}}
                spec:
                  initContainers: [{name: i, ports: [{name: init-debug, containerPort: 4000}]}]
                  containers: [{name: c, ports: [{name: http, containerPort: 8080}, {name: dns, containerPort: 53, protocol: UDP}]}]
                """;
        Oracle oracle = Oracle.of(dst + policy("ns", "p", "{podSelector: {}, ingress: [{ports: [" + entry + "]}]}"));

        assertThat(oracle.allows("192.0.2.1", oracle.pod("Pod", "dst"), protocol, port)).isEqualTo(admits);
    }

    @Test
    void namedPortsAreResolvedAgainstEachDestinationPodSeparately() {
        Oracle oracle = Oracle.of(deployment("ns", "a", "{app: server}", "[{name: serve-80, containerPort: 80}]")
                + deployment("ns", "b", "{app: server}", "[{name: serve-80, containerPort: 8080}]")
                + deployment("ns", "client", "{app: client}", "[]")
                + policy("ns", "p", "{podSelector: {matchLabels: {app: server}}, ingress: [{ports: [{port: serve-80}]}]}")
                + policy("ns", "q", "{podSelector: {matchLabels: {app: client}}, policyTypes: [Egress], egress: [{ports: [{port: serve-80}]}]}"));
        Pod client = oracle.pod("Deployment", "client");

        assertThat(oracle.allows(client, oracle.pod("Deployment", "a"), "TCP", 80)).isTrue();
        assertThat(oracle.allows(client, oracle.pod("Deployment", "a"), "TCP", 8080)).isFalse();
        assertThat(oracle.allows(client, oracle.pod("Deployment", "b"), "TCP", 8080)).isTrue();
        assertThat(oracle.allows(client, oracle.pod("Deployment", "b"), "TCP", 80)).isFalse();
    }

    @Test
    void aNamedPortNeverMatchesEgressToAnAddress() {
        Oracle oracle = Oracle.of(deployment("ns", "client", "{app: client}", "[{name: https, containerPort: 443}]")
                + policy("ns", "p", "{podSelector: {}, policyTypes: [Egress], egress: [{ports: [{port: https}, {port: 53, protocol: UDP}]}]}"));
        Pod client = oracle.pod("Deployment", "client");

        assertThat(oracle.allows(client, "93.184.216.34", "TCP", 443)).isFalse();
        assertThat(oracle.allows(client, "93.184.216.34", "UDP", 53)).isTrue();
    }

    @Test
    void egressToAnIpBlockAllowsItsCidrMinusItsExcepts() {
        Oracle oracle = Oracle.of(WEB_AND_DB + policy("shop", "p", "{podSelector: {matchLabels: {app: web}}, policyTypes: [Egress],"
                + " egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.10.0.0/16, 10.20.30.40/32]}}]}]}"));
        Pod web = oracle.pod("Deployment", "web");

        assertThat(oracle.allows(web, "10.0.0.0", "TCP", 443)).isTrue();
        assertThat(oracle.allows(web, "10.255.255.255", "UDP", 53)).isTrue();
        assertThat(oracle.allows(web, "10.10.0.1", "TCP", 443)).isFalse();
        assertThat(oracle.allows(web, "10.20.30.40", "TCP", 443)).isFalse();
        assertThat(oracle.allows(web, "10.20.30.41", "TCP", 443)).isTrue();
        assertThat(oracle.allows(web, "11.0.0.0", "TCP", 443)).isFalse();
        assertThat(oracle.allows(web, oracle.pod("Deployment", "db"), "TCP", 5432)).isFalse();
    }

    @Test
    void anIpBlockAdmitsOnlyAddressesNeverAPod() {
        Oracle oracle = Oracle.of(WEB_AND_DB + policy("shop", "p", "{podSelector: {matchLabels: {app: db}},"
                + " ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}}]}]}"));
        Pod db = oracle.pod("Deployment", "db");

        assertThat(oracle.allows("172.16.0.5", db, "TCP", 5432)).isTrue();
        assertThat(oracle.allows(oracle.pod("Deployment", "web"), db, "TCP", 5432)).isFalse();
    }

    @Test
    void ipv6CidrsNeverMatchIpv4AddressesAndViceVersa() {
        Oracle oracle = Oracle.of(WEB_AND_DB + policy("shop", "p", "{podSelector: {matchLabels: {app: db}},"
                + " ingress: [{from: [{ipBlock: {cidr: '::/0'}}]}, {from: [{ipBlock: {cidr: 10.0.0.0/8, except: ['::/0']}}]}]}"));
        Pod db = oracle.pod("Deployment", "db");

        assertThat(oracle.allows("192.168.1.1", db, "TCP", 5432)).isFalse();
        assertThat(oracle.allows("10.1.1.1", db, "TCP", 5432)).isTrue();
        assertThat(oracle.allows("2001:db8::1", db, "TCP", 5432)).isTrue();
        assertThat(oracle.allows("::ffff:10.1.1.1", db, "TCP", 5432)).isTrue(); // IPv6 text stays IPv6
    }

    @Test
    void everyWorkloadKindGivesOnePodWithItsTemplateLabelsAndContainerPorts() {
        String template = "{metadata: {labels: {kind: %s}}, spec: {containers: [{name: c, ports: [{containerPort: %d}]}],"
                + " initContainers: [{name: i, ports: [{name: dbg, containerPort: 9, protocol: UDP}]}]}}";
        StringBuilder stream = new StringBuilder();
        List<String> kinds = List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job");
        for (int i = 0; i < kinds.size(); i++) {
            stream.append("---\nkind: %s\nmetadata: {name: w%d}\nspec: {template: %s}\n".formatted(kinds.get(i), i, template.formatted(kinds.get(i), i)));
        }
        stream.append("---\nkind: CronJob\nmetadata: {name: cron, namespace: batch}\nspec: {jobTemplate: {spec: {template: %s}}}\n"
                .formatted(template.formatted("CronJob", 77)));
        stream.append("---\nkind: Pod\nmetadata: {name: bare, labels: {kind: Pod}}\nspec: {containers: [{name: c}]}\n");
        stream.append("---\nkind: Service\nmetadata: {name: not-a-workload}\nspec: {selector: {kind: Pod}}\n");
        List<Pod> pods = Oracle.of(stream.toString()).pods();

        assertThat(pods).extracting(Pod::kind).containsExactly("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
                "ReplicationController", "Job", "CronJob", "Pod");
        assertThat(pods).allSatisfy(pod -> assertThat(pod.labels()).isEqualTo(Map.of("kind", pod.kind())));
        assertThat(pods.get(6)).isEqualTo(new Pod("batch", "CronJob", "cron", Map.of("kind", "CronJob"),
                List.of(new Port(null, 77, "TCP"), new Port("dbg", 9, "UDP"))));
        assertThat(pods.get(7)).isEqualTo(new Pod("default", "Pod", "bare", Map.of("kind", "Pod"), List.of()));
    }

    @Test
    void listsTypedListsAndJsonWithTabsAreRead() {
        String json = "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"PodList\",\n\t\"items\": [\n\t\t{\"metadata\": {\"name\": \"p\","
                + " \"labels\": {\"app\": \"x\"}}, \"spec\": {\"containers\": []}}\n\t]\n}\n";
        String list = """
                apiVersion: v1
                kind: List
                items:
                - {apiVersion: apps/v1, kind: Deployment, metadata: {name: d}, spec: {template: {metadata: {labels: {app: y}}}}}
                - {apiVersion: networking.k8s.io/v1, kind: NetworkPolicyList, items: [{metadata: {name: deny}, spec: {podSelector: {}}}]}
                """;
        Oracle fromJson = Oracle.of(json);
        Oracle fromList = Oracle.of(list);

        assertThat(fromJson.pods()).containsExactly(new Pod("default", "Pod", "p", Map.of("app", "x"), List.of()));
        assertThat(fromList.pods()).extracting(Pod::name).containsExactly("d");
        assertThat(fromList.allows("1.2.3.4", fromList.pod("Deployment", "d"), "TCP", 80)).isFalse();
    }

    @Test
    void objectsWithoutANamespaceAreInTheReleaseNamespace() {
        String stream = """
                ---
                kind: Deployment
                metadata: {name: web}
                spec: {template: {metadata: {labels: {app: web}}}}
                """ + "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny}\nspec: {podSelector: {}}\n";
        Oracle inDefault = Oracle.of(stream);
        Oracle inShop = inDefault.releaseNamespace("shop");

        assertThat(inDefault.pod("Deployment", "web").namespace()).isEqualTo("default");
        assertThat(inShop.pod("Deployment", "web").namespace()).isEqualTo("shop");
        assertThat(inShop.allows(Oracle.pod("shop", Map.of()), inShop.pod("Deployment", "web"), "TCP", 80)).isFalse();
        assertThat(inShop.allows(Oracle.pod("default", Map.of()), Oracle.pod("default", Map.of()), "TCP", 80)).isTrue();
    }

    @Test
    void networkPoliciesOfOtherApiGroupsAreIgnored() {
        Oracle oracle = Oracle.of(WEB_AND_DB + """
                ---
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: calico, namespace: shop}
                spec: {selector: all(), types: [Ingress]}
                """);

        assertThat(oracle.allows(oracle.pod("Deployment", "web"), oracle.pod("Deployment", "db"), "TCP", 5432)).isTrue();
    }

    @Test
    void aFolderIsReadRecursivelyKeepingOnlyManifestFiles(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("sub/deeper"));
        Files.writeString(dir.resolve("a.yaml"), deployment("ns", "a", "{app: a}", "[]"));
        Files.writeString(dir.resolve("sub/b.yml"), deployment("ns", "b", "{app: b}", "[]"));
        Files.writeString(dir.resolve("sub/deeper/c.json"), "{\"kind\": \"Pod\", \"metadata\": {\"name\": \"c\"}}");
        Files.writeString(dir.resolve("sub/d.txt"), deployment("ns", "d", "{app: d}", "[]"));

        assertThat(Oracle.ofFolder(dir).pods()).extracting(Pod::name).containsExactly("a", "b", "c");
    }

    @Test
    void findingAPodFailsClearlyWhenTheWorkloadIsAbsentOrAmbiguous() {
        Oracle oracle = Oracle.of(WEB_AND_DB + deployment("other", "web", "{app: web}", "[]"));

        assertThatThrownBy(() -> oracle.pod("StatefulSet", "web")).hasMessageContaining("no StatefulSet web")
                .hasMessageContaining("shop/db[Deployment]");
        assertThatThrownBy(() -> oracle.pod("Deployment", "web")).hasMessageContaining("several")
                .hasMessageContaining("give the namespace");
        assertThat(oracle.pod("other", "Deployment", "web").namespace()).isEqualTo("other");
    }

    @Test
    void whyNamesThePoliciesSelectingEachSideAndTheAdmittingRule() {
        Oracle oracle = Oracle.of(WEB_AND_DB + policy("shop", "deny", "{podSelector: {}, policyTypes: [Ingress]}")
                + policy("shop", "db-from-web", "{podSelector: {matchLabels: {app: db}}, ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]}"));
        Pod web = oracle.pod("Deployment", "web");
        Pod db = oracle.pod("Deployment", "db");

        assertThat(oracle.why(web, db, "TCP", 5432)).isEqualTo("TCP 5432 shop/web[Deployment] -> shop/db[Deployment]: allowed;"
                + " egress of shop/web[Deployment]: not isolated;"
                + " ingress of shop/db[Deployment]: isolated by [shop/deny, shop/db-from-web], admitted by shop/db-from-web ingress[0]");
        assertThat(oracle.why("10.0.0.1", web, "TCP", 8080)).isEqualTo("TCP 8080 10.0.0.1 -> shop/web[Deployment]: denied;"
                + " egress of 10.0.0.1: an address, no policies; ingress of shop/web[Deployment]: isolated by [shop/deny], no rule admits");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {podSelector: {}, ingress: [{ports: [{port: "8080"}]}]}                 | not a valid port name
            {podSelector: {}, ingress: [{ports: [{port: http, endPort: 90}]}]}      | with endPort
            {podSelector: {}, ingress: [{ports: [{endPort: 90}]}]}                  | endPort without port
            {podSelector: {}, ingress: [{ports: [{port: 90, endPort: 80}]}]}        | below port
            {podSelector: {}, ingress: [{ports: [{port: 90, protocol: tcp}]}]}      | unknown protocol
            {podSelector: {}, ingress: [{from: [{}]}]}                              | a peer without
            {podSelector: {}, ingress: [{from: [{ipBlock: {cidr: 0.0.0.0/0}, podSelector: {}}]}]} | ipBlock and selectors
            {podSelector: {matchExpressions: [{key: a, operator: Equals}]}}         | unknown selector operator
            {podSelector: {matchLabels: {version: 1.10}}}                           | must be a string
            {podSelector: {matchExpressions: [{key: v, operator: In, values: [1]}]}} | must be a string
            """)
    void policiesTheApiServerWouldRefuseAreRefused(String spec, String message) {
        Oracle oracle = Oracle.of(WEB_AND_DB + policy("shop", "bad", spec));

        assertThatThrownBy(() -> oracle.allows("10.0.0.1", oracle.pod("Deployment", "db"), "TCP", 8080))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void protocolsPortsAndAddressesAreChecked() {
        Oracle oracle = Oracle.of(WEB_AND_DB);
        Pod db = oracle.pod("Deployment", "db");

        assertThatThrownBy(() -> oracle.allows("10.0.0.1", db, "tcp", 80)).hasMessageContaining("not a protocol and port");
        assertThatThrownBy(() -> oracle.allows("10.0.0.1", db, "TCP", 0)).hasMessageContaining("not a protocol and port");
        assertThatThrownBy(() -> oracle.allows("10.0.0", db, "TCP", 80)).hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> oracle.allows("example.com", db, "TCP", 80)).hasMessageContaining("not an IPv4 address");
        assertThatThrownBy(() -> oracle.allows("fe80::1%eth0", db, "TCP", 80)).hasMessageContaining("not an IPv6 address");
    }
}
