package io.netpolguard.connectivity;

import io.netpolguard.model.Direction;
import io.netpolguard.model.ContainerPort;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.PodSpec;
import io.netpolguard.model.Protocol;
import io.netpolguard.model.WorkloadKind;
import io.netpolguard.read.ManifestReader;
import io.netpolguard.testing.Manifests;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * NetworkPolicy semantics, including the behaviours of the upstream Kubernetes e2e NetworkPolicy suite
 * (test/e2e/network/netpol): pods are synthetic endpoints, addresses stand for pod IPs in the ipBlock cases.
 */
class NetworkTest {

    private static final Endpoint.Pods SERVER = pod("x", "pod", "a");
    private static final Endpoint.Pods SAME_NS = pod("x", "pod", "b");
    private static final Endpoint.Pods OTHER_NS = pod("y", "pod", "b");
    private static final Endpoint.Pods THIRD_NS = pod("z", "pod", "c");

    static Endpoint.Pods pod(String namespace, String key, String value) {
        return Endpoint.pod(namespace, Map.of(key, value));
    }

    static Network network(String yaml) {
        Manifest m = new ManifestReader(WorkloadKind.BUILT_IN).read(yaml.getBytes(StandardCharsets.UTF_8));
        return new Network(m.policies(), m.namespaces(), o -> o.namespace() != null ? o.namespace() : "default");
    }

    static String policy(String namespace, String name, String spec) {
        return Manifests.policy(name).namespace(namespace).spec(spec).toString();
    }

    private static final String NAMESPACES = """
            ---
            {apiVersion: v1, kind: Namespace, metadata: {name: x, labels: {ns: x}}}
            ---
            {apiVersion: v1, kind: Namespace, metadata: {name: y, labels: {ns: y, team: blue}}}
            ---
            {apiVersion: v1, kind: Namespace, metadata: {name: z, labels: {ns: z}}}
            """;

    @Test
    void withoutPoliciesEverythingIsAllowedEverywhere() {
        Network n = network(NAMESPACES);

        assertThat(n.allowed(SAME_NS, SERVER)).isEqualTo(Connections.ALL);
        assertThat(n.allowed(SERVER, Endpoint.addresses("0.0.0.0/0"))).isEqualTo(Connections.ALL);
        assertThat(n.isolated(SERVER, Direction.INGRESS)).isFalse();
    }

    @Test
    void defaultDenyIngressIsolatesEveryPodOfItsNamespaceForIngressOnly() {
        Network n = network(NAMESPACES + policy("x", "deny", "podSelector: {}\npolicyTypes: [Ingress]"));

        assertThat(n.allowed(SAME_NS, SERVER)).isEqualTo(Connections.NONE);
        assertThat(n.allowed(OTHER_NS, SERVER)).isEqualTo(Connections.NONE);
        assertThat(n.allowed(SERVER, OTHER_NS)).isEqualTo(Connections.ALL);
        assertThat(n.allowed(SERVER, SAME_NS)).isEqualTo(Connections.NONE);
        assertThat(n.allowed(OTHER_NS, THIRD_NS)).isEqualTo(Connections.ALL);
    }

    @Test
    void defaultDenyAllIsolatesBothDirections() {
        Network n = network(NAMESPACES + policy("x", "deny", "podSelector: {}\npolicyTypes: [Ingress, Egress]"));

        assertThat(n.allowed(SERVER, OTHER_NS)).isEqualTo(Connections.NONE);
        assertThat(n.allowed(OTHER_NS, SERVER)).isEqualTo(Connections.NONE);
        assertThat(n.allowed(SERVER, Endpoint.address("8.8.8.8"))).isEqualTo(Connections.NONE);
    }

    @Test
    void withoutPolicyTypesAPolicyIsolatesIngressAlwaysAndEgressOnlyWithEgressRules() {
        Network ingressOnly = network(NAMESPACES + policy("x", "p", "podSelector: {}"));
        Network both = network(NAMESPACES + policy("x", "p", "podSelector: {}\negress: [{ports: [{port: 53, protocol: UDP}]}]"));

        assertThat(ingressOnly.isolated(SERVER, Direction.INGRESS)).isTrue();
        assertThat(ingressOnly.isolated(SERVER, Direction.EGRESS)).isFalse();
        assertThat(both.isolated(SERVER, Direction.EGRESS)).isTrue();
        assertThat(both.allowed(SERVER, OTHER_NS)).hasToString("UDP 53");
    }

    @Test
    void aPodSelectorAlonePicksPodsOfThePolicysOwnNamespace() {
        Network n = network(NAMESPACES + policy("x", "p", """
                podSelector: {matchLabels: {pod: a}}
                ingress: [{from: [{podSelector: {matchLabels: {pod: b}}}]}]"""));

        assertThat(n.allowed(SAME_NS, SERVER)).isEqualTo(Connections.ALL);
        assertThat(n.allowed(OTHER_NS, SERVER)).isEqualTo(Connections.NONE);
    }

    @Test
    void aNamespaceSelectorAlonePicksEveryPodOfTheMatchingNamespaces() {
        Network n = network(NAMESPACES + policy("x", "p", """
                podSelector: {matchLabels: {pod: a}}
                ingress: [{from: [{namespaceSelector: {matchLabels: {ns: y}}}]}]"""));

        assertThat(n.allowed(OTHER_NS, SERVER)).isEqualTo(Connections.ALL);
        assertThat(n.allowed(SAME_NS, SERVER)).isEqualTo(Connections.NONE);
        assertThat(n.allowed(THIRD_NS, SERVER)).isEqualTo(Connections.NONE);
    }

    @Test
    void everyNamespaceCarriesItsNameLabelEvenWhenNotDeclared() {
        Network n = network(policy("x", "p", """
                podSelector: {}
                ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: y}}}]}]"""));

        assertThat(n.allowed(OTHER_NS, SERVER)).isEqualTo(Connections.ALL);
        assertThat(n.namespaceLabels("undeclared")).containsExactly(Map.entry("kubernetes.io/metadata.name", "undeclared"));
    }

    @Test
    void bothSelectorsInOnePeerMustHoldButTwoPeersAreAlternatives() {
        Network and = network(NAMESPACES + policy("x", "p", """
                podSelector: {matchLabels: {pod: a}}
                ingress: [{from: [{namespaceSelector: {matchLabels: {ns: y}}, podSelector: {matchLabels: {pod: c}}}]}]"""));
        Network or = network(NAMESPACES + policy("x", "p", """
                podSelector: {matchLabels: {pod: a}}
                ingress: [{from: [{namespaceSelector: {matchLabels: {ns: y}}}, {podSelector: {matchLabels: {pod: c}}}]}]"""));
        Endpoint.Pods cInY = pod("y", "pod", "c");
        Endpoint.Pods cInX = pod("x", "pod", "c");

        assertThat(and.allowed(cInY, SERVER)).isEqualTo(Connections.ALL);
        assertThat(and.allowed(OTHER_NS, SERVER)).isEqualTo(Connections.NONE);
        assertThat(and.allowed(cInX, SERVER)).isEqualTo(Connections.NONE);
        assertThat(or.allowed(OTHER_NS, SERVER)).isEqualTo(Connections.ALL);
        assertThat(or.allowed(cInX, SERVER)).isEqualTo(Connections.ALL);
        assertThat(or.allowed(THIRD_NS, SERVER)).isEqualTo(Connections.NONE);
    }

    @Test
    void matchExpressionsSelectPodsAndNamespaces() {
        Network n = network(NAMESPACES + policy("x", "p", """
                podSelector: {matchExpressions: [{key: pod, operator: In, values: [a]}]}
                ingress: [{from: [{namespaceSelector: {matchExpressions: [{key: ns, operator: NotIn, values: [y]}]}}]}]"""));

        assertThat(n.allowed(THIRD_NS, SERVER)).isEqualTo(Connections.ALL);
        assertThat(n.allowed(SAME_NS, SERVER)).isEqualTo(Connections.ALL);
        assertThat(n.allowed(OTHER_NS, SERVER)).isEqualTo(Connections.NONE);
    }

    @Test
    void portsByNumberAndByRangeOnlyOnTheirProtocol() {
        Network n = network(NAMESPACES + policy("x", "p", """
                podSelector: {}
                ingress: [{ports: [{port: 81}, {protocol: UDP, port: 8000, endPort: 8010}, {protocol: SCTP}]}]"""));

        Connections c = n.allowed(OTHER_NS, SERVER);
        assertThat(c).hasToString("SCTP 1-65535,TCP 81,UDP 8000-8010");
        assertThat(c.contains(Protocol.TCP, 80)).isFalse();
        assertThat(c.contains(Protocol.UDP, 81)).isFalse();
    }

    @Test
    void anEndPortRangeOverEveryPortOfEveryProtocolIsAllConnections() {
        Network n = network(NAMESPACES + policy("x", "p", """
                podSelector: {}
                ingress: [{ports: [{protocol: UDP, port: 1, endPort: 65535}, {protocol: TCP, port: 1, endPort: 65535},
                                   {protocol: SCTP, port: 1, endPort: 65535}]}]"""));

        assertThat(n.allowed(OTHER_NS, SERVER)).isEqualTo(Connections.ALL);
    }

    @Test
    void aNamedPortIsResolvedAgainstTheDestinationPodsContainerPortsWithTheSameProtocol() {
        Network n = network(NAMESPACES + policy("x", "p", """
                podSelector: {}
                ingress: [{ports: [{port: serve-80, protocol: TCP}, {port: dns, protocol: UDP}]}]"""));
        Endpoint.Pods named = new Endpoint.Pods("x", Map.of("pod", "a"), new PodSpec(Map.of(), List.of(
                new ContainerPort("c", "serve-80", 80, Protocol.TCP, 0),
                new ContainerPort("c", "dns", 53, Protocol.SCTP, 0)), "default", false), null);

        assertThat(n.allowed(OTHER_NS, named)).hasToString("TCP 80");
        assertThat(n.allowed(OTHER_NS, SERVER)).isEqualTo(Connections.NONE);
    }

    @Test
    void policiesAddUpSoAnAllowAllPolicyTakesPrecedence() {
        Network n = network(NAMESPACES + policy("x", "narrow", """
                podSelector: {}
                ingress: [{from: [{podSelector: {matchLabels: {pod: b}}}], ports: [{port: 80}]}]""")
                + policy("x", "all", "podSelector: {}\ningress: [{}]"));

        assertThat(n.allowed(THIRD_NS, SERVER)).isEqualTo(Connections.ALL);
        assertThat(n.selecting(SERVER, Direction.INGRESS)).hasSize(2);
    }

    @Test
    void stackedPoliciesWithOverlappingSelectorsAllowTheUnionOfTheirRules() {
        Network n = network(NAMESPACES + policy("x", "one", """
                podSelector: {matchLabels: {pod: a}}
                ingress: [{ports: [{port: 80}]}]""") + policy("x", "two", """
                podSelector: {}
                ingress: [{ports: [{port: 81}]}]"""));

        assertThat(n.allowed(OTHER_NS, SERVER)).hasToString("TCP 80-81");
        assertThat(n.allowed(OTHER_NS, SAME_NS)).hasToString("TCP 81");
    }

    @Test
    void theClientsEgressDenialWinsEvenWhenTheServerAllowsTheTraffic() {
        Network n = network(NAMESPACES + policy("y", "deny-egress", "podSelector: {}\npolicyTypes: [Egress]")
                + policy("x", "allow", "podSelector: {}\ningress: [{}]"));

        assertThat(n.egress(OTHER_NS, SERVER)).isEqualTo(Connections.NONE);
        assertThat(n.ingress(OTHER_NS, SERVER)).isEqualTo(Connections.ALL);
        assertThat(n.allowed(OTHER_NS, SERVER)).isEqualTo(Connections.NONE);
    }

    @Test
    void ingressAndEgressAreControlledIndependently() {
        Network n = network(NAMESPACES + policy("x", "p", """
                podSelector: {matchLabels: {pod: a}}
                policyTypes: [Ingress, Egress]
                ingress: [{from: [{namespaceSelector: {matchLabels: {ns: y}}}]}]
                egress: [{to: [{namespaceSelector: {matchLabels: {ns: z}}}]}]"""));

        assertThat(n.allowed(OTHER_NS, SERVER)).isEqualTo(Connections.ALL);
        assertThat(n.allowed(SERVER, OTHER_NS)).isEqualTo(Connections.NONE);
        assertThat(n.allowed(SERVER, THIRD_NS)).isEqualTo(Connections.ALL);
        assertThat(n.allowed(THIRD_NS, SERVER)).isEqualTo(Connections.NONE);
    }

    @Test
    void egressToAnIpBlockAdmitsAddressesInsideItButNotItsExceptsNorPods() {
        Network n = network(NAMESPACES + policy("x", "p", """
                podSelector: {}
                policyTypes: [Egress]
                egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]}]"""));

        assertThat(n.allowed(SERVER, Endpoint.address("10.2.3.4"))).isEqualTo(Connections.ALL);
        assertThat(n.allowed(SERVER, Endpoint.address("10.1.3.4"))).isEqualTo(Connections.NONE);
        assertThat(n.allowed(SERVER, Endpoint.addresses("10.0.0.0/8"))).isEqualTo(Connections.NONE);
        assertThat(n.allowed(SERVER, Endpoint.address("11.0.0.1"))).isEqualTo(Connections.NONE);
        assertThat(n.allowed(SERVER, OTHER_NS)).isEqualTo(Connections.NONE);
        assertThat(AddressRange.partition(n.referencedAddresses(Direction.EGRESS))).extracting(Object::toString)
                .containsExactly("0.0.0.0-9.255.255.255", "10.0.0.0-10.0.255.255", "10.1.0.0-10.1.255.255",
                        "10.2.0.0-10.255.255.255", "11.0.0.0-255.255.255.255");
        assertThat(AddressRange.partition(n.referencedAddresses(Direction.INGRESS))).extracting(Object::toString)
                .containsExactly("0.0.0.0-255.255.255.255");
    }

    @Test
    void anAddressInAnExceptIsAllowedWhenAnotherPolicyAllowsItsCidr() {
        Network n = network(NAMESPACES + policy("x", "p", """
                podSelector: {}
                policyTypes: [Egress]
                egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.2.3/32]}}]}]""") + policy("x", "q", """
                podSelector: {}
                policyTypes: [Egress]
                egress: [{to: [{ipBlock: {cidr: 10.1.2.3/32}}]}]"""));

        assertThat(n.allowed(SERVER, Endpoint.address("10.1.2.3"))).isEqualTo(Connections.ALL);
    }

    @Test
    void aRuleWithoutPeersAdmitsEveryPodAndEveryAddress() {
        Network n = network(NAMESPACES + policy("x", "p", """
                podSelector: {}
                policyTypes: [Egress]
                egress: [{ports: [{port: 443}]}]"""));

        assertThat(n.allowed(SERVER, Endpoint.address("1.2.3.4"))).hasToString("TCP 443");
        assertThat(n.allowed(SERVER, THIRD_NS)).hasToString("TCP 443");
        assertThat(n.allowed(SERVER, Endpoint.anyPod())).hasToString("TCP 443");
    }

    @Test
    void sctpIsNotTakenForTcpAndUdpOnlyAllowsNoTcp() {
        Network n = network(NAMESPACES + policy("x", "p", """
                podSelector: {}
                ingress: [{ports: [{protocol: SCTP, port: 80}]}, {ports: [{protocol: UDP, port: 81}]}]"""));

        Connections c = n.allowed(OTHER_NS, SERVER);
        assertThat(c.contains(Protocol.SCTP, 80)).isTrue();
        assertThat(c.contains(Protocol.TCP, 80)).isFalse();
        assertThat(c.contains(Protocol.TCP, 81)).isFalse();
    }

    @Test
    void representativesAreAdmittedByRulesWithTheSameOrEmptySelectors() {
        Network n = network(NAMESPACES + policy("x", "p", """
                podSelector: {}
                policyTypes: [Egress]
                egress:
                - to: [{namespaceSelector: {matchLabels: {team: blue}}}]
                  ports: [{port: 8080}]
                - to: [{namespaceSelector: {}, podSelector: {matchLabels: {k8s-app: kube-dns}}}]
                  ports: [{port: 53, protocol: UDP}]
                - to: [{podSelector: {matchLabels: {app: db}}}]
                  ports: [{port: 5432}]"""));
        var blueNamespaces = new Endpoint.Representative(LabelSelector.of(Map.of("team", "blue")), null);
        var dns = new Endpoint.Representative(LabelSelector.EVERYTHING,
                LabelSelector.of(Map.of("k8s-app", "kube-dns")));
        var db = new Endpoint.Representative(LabelSelector.of(Map.of("kubernetes.io/metadata.name", "x")),
                LabelSelector.of(Map.of("app", "db")));

        assertThat(n.allowed(SERVER, blueNamespaces)).hasToString("TCP 8080");
        assertThat(n.allowed(SERVER, dns)).hasToString("UDP 53");
        assertThat(n.allowed(SERVER, db)).hasToString("TCP 5432");
        assertThat(n.allowed(SERVER, Endpoint.anyPodOf("x"))).isEqualTo(Connections.NONE);
        assertThat(n.isolated(dns, Direction.INGRESS)).isFalse();
    }

    @Test
    void concreteSyntheticPodsAnswerAllowanceQuestions() {
        Network n = network(policy("shop", "web", """
                podSelector: {matchLabels: {app: web}}
                policyTypes: [Ingress, Egress]
                ingress:
                - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}},
                          podSelector: {matchLabels: {app.kubernetes.io/name: prometheus}}}]
                  ports: [{port: 9090}]
                egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0}}], ports: [{port: 443}]}]"""));
        Endpoint.Pods web = Endpoint.pod("shop", Map.of("app", "web"));
        Endpoint.Pods prometheus = Endpoint.pod("monitoring", Map.of("app.kubernetes.io/name", "prometheus"));

        assertThat(n.allowed(prometheus, web).contains(Protocol.TCP, 9090)).isTrue();
        assertThat(n.allowed(Endpoint.pod("monitoring", Map.of()), web)).isEqualTo(Connections.NONE);
        assertThat(n.allowed(web, Endpoint.addresses("0.0.0.0/0")).contains(Protocol.TCP, 443)).isTrue();
        assertThat(n.allowed(web, Endpoint.address("140.82.121.4"))).hasToString("TCP 443");
    }

    @Test
    void explainNamesTheRuleThatAdmitsAndThePoliciesOfEachSide() {
        Network n = network(NAMESPACES + policy("x", "p", """
                podSelector: {matchLabels: {pod: a}}
                ingress:
                - from: [{podSelector: {matchLabels: {pod: b}}}]
                  ports: [{port: 9090}]
                - from: [{namespaceSelector: {matchLabels: {ns: y}}}]
                  ports: [{port: 8080}]"""));

        Explanation allowed = n.explain(OTHER_NS, SERVER, Protocol.TCP, 8080);
        Explanation denied = n.explain(OTHER_NS, SERVER, Protocol.TCP, 9090);

        assertThat(allowed.allowed()).isTrue();
        assertThat(allowed.egress().isolated()).isFalse();
        assertThat(allowed.ingress().policies()).extracting(p -> p.object().name()).containsExactly("p");
        assertThat(allowed.ingress().admitting()).singleElement().satisfies(r -> {
            assertThat(r.where()).isEqualTo("NetworkPolicy x/p spec.ingress[1]");
            assertThat(r.summary()).isEqualTo("from every pod of namespaces {ns=y}, on TCP 8080");
        });
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.ingress().admitting()).isEmpty();
        assertThat(denied.ingress().peerOnly()).extracting(RuleRef::index).containsExactly(1);
    }

    @Test
    void explainResolvesANamedEgressPortOnTheDestinationsPodsAsTheConnectionItself() {
        Network n = network(NAMESPACES + policy("x", "web-out", """
                podSelector: {matchLabels: {pod: a}}
                policyTypes: [Egress]
                egress: [{ports: [{port: pg}]}]"""));
        Endpoint.Pods db = new Endpoint.Pods("x", Map.of("pod", "db"),
                new PodSpec(Map.of(), List.of(new ContainerPort("db", "pg", 5432, Protocol.TCP, 0)), "default", false),
                null);

        Explanation e = n.explain(SERVER, db, Protocol.TCP, 5432);

        assertThat(n.allowed(SERVER, db).contains(Protocol.TCP, 5432)).isTrue();
        assertThat(e.allowed()).as("explain agrees with the connection").isTrue();
        assertThat(e.egress().admitting()).extracting(RuleRef::where).containsExactly("NetworkPolicy x/web-out spec.egress[0]");
    }

    @Test
    void anInvalidCidrIsRefusedNamingThePolicyAndThePeer() {
        assertThatThrownBy(() -> network(policy("x", "p", """
                podSelector: {}
                ingress: [{from: [{ipBlock: {cidr: 10.0.0.0/99}}]}]""")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NetworkPolicy x/p spec.ingress[0] (from[0].ipBlock)").hasMessageContaining("10.0.0.0/99");
    }

    @Test
    void workEachDistinctEndpointOnlyOnce() {
        Network n = network(NAMESPACES + policy("x", "p", "podSelector: {}\ningress: [{ports: [{port: 80}]}]"));
        for (int i = 0; i < 1000; i++) {
            n.allowed(pod("y", "pod", "b"), pod("x", "pod", "a"));
        }
        assertThat(n.profiled()).isEqualTo(2);
    }
}
