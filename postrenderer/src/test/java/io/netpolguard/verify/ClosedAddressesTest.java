package io.netpolguard.verify;

import io.netpolguard.NetpolGuard;
import io.netpolguard.Result;
import io.netpolguard.Settings;
import io.netpolguard.config.ConfigReader;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which addresses a pod is given count as closed flows: those outside the release that the policies as written
 * close, each once, with the declared flow that would open it; not those an allowance or a declared flow opens,
 * nor what is no address a pod calls.
 */
class ClosedAddressesTest {

    private static String api(String env) {
        return """
                ---
                # Source: shop/templates/api.yaml
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api}
                spec:
                  selector: {matchLabels: {app: api}}
                  template:
                    metadata: {labels: {app: api}}
                    spec:
                      containers:
                      - name: api
                        image: api
                        env:
                """ + env.indent(8);
    }

    private static List<ClosedFlow> closed(String stream, String config) {
        Settings settings = new Settings("shop", "team-a", false, true, ConfigReader.parse(config, "test"));
        Result result = NetpolGuard.run(stream.getBytes(StandardCharsets.UTF_8), settings);
        return result.closedFlows();
    }

    @Test
    void aServiceOfAnotherNamespaceAHostAndAnIpAddressAreEachOneClosedFlowWithTheirDeclaredFlow() {
        List<ClosedFlow> closed = closed(api("""
                - {name: PAYMENTS_URL, value: 'https://payments.billing.svc.cluster.local/v1'}
                - {name: PAYMENTS_FALLBACK, value: 'https://payments.billing.svc.cluster.local/v2'}
                - {name: STRIPE, value: 'https://api.stripe.com/v1'}
                - {name: LEGACY_DB, value: 'postgres://app@10.1.2.3/orders'}
                - {name: SEARCH, value: 'search.data:9200'}
                """), "{}");
        assertThat(closed).extracting(ClosedFlow::kind, ClosedFlow::target).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ClosedFlow.Kind.SERVICE, "https://payments.billing.svc.cluster.local"),
                org.assertj.core.groups.Tuple.tuple(ClosedFlow.Kind.HOST, "https://api.stripe.com"),
                org.assertj.core.groups.Tuple.tuple(ClosedFlow.Kind.ADDRESS, "postgres://10.1.2.3"),
                org.assertj.core.groups.Tuple.tuple(ClosedFlow.Kind.SERVICE, "search.data:9200"));
        assertThat(closed.get(0).declare()).contains("to: [{namespace: billing, podLabels: {app.kubernetes.io/name:"
                + " payments}}]\n  ports: [443]\n");
        assertThat(closed.get(1).declare()).contains("to: [{cidrs: [CIDR-of-api.stripe.com]}]");
        assertThat(closed.get(2).declare()).contains("to: [{cidrs: [10.1.2.3/32]}]\n  ports: [5432]\n");
        assertThat(closed.get(3).source()).isEqualTo("shop/templates/api.yaml");
    }

    @Test
    void whatAnAllowanceOpensIsNotClosed() {
        assertThat(closed(api("""
                - {name: DNS_SERVER, value: 'kube-dns.kube-system.svc.cluster.local:53'}
                - {name: KUBE_API, value: 'https://kubernetes.default.svc'}
                """), "{}")).isEmpty();
    }

    @Test
    void whatADeclaredFlowOpensIsNotClosed() {
        String stream = api("""
                - {name: PAYMENTS_ADDR, value: 'payments.billing.svc:443'}
                - {name: STRIPE, value: 'https://api.stripe.com/v1'}
                """);
        assertThat(closed(stream, "{}")).hasSize(2);
        assertThat(closed(stream, """
                flows:
                  - to: [{namespace: billing, podLabels: {app.kubernetes.io/name: payments}}]
                    ports: [443]
                  - description: "calls api.stripe.com"
                    workload: {kind: Deployment, name: api}
                    to: [{cidrs: [203.0.113.0/24]}]
                    ports: [443]
                """)).isEmpty();
    }

    @Test
    void listenAddressesOriginsSchemasFileNamesAndPlainWordsAreNoAddressesOutsideTheRelease() {
        assertThat(closed(api("""
                - {name: LISTEN_ADDR, value: '0.0.0.0:8080'}
                - {name: OTEL_ENDPOINT, value: 'localhost:4317'}
                - {name: LOOPBACK, value: 'http://127.0.0.1:9000'}
                - {name: POSTGRES_DB, value: orders}
                - {name: CORS_ALLOWED_ORIGINS, value: 'https://shop.example.com'}
                - {name: CONFIG_FILE, value: app.yaml}
                - {name: FLAGS, value: '{"$schema": "https://flagd.dev/schema/v0/flags.json"}'}
                - {name: MAIN_CLASS, value: com.example.shop.Main}
                - {name: GREETING, value: 'Welcome to shop.example.com, the best shop'}
                """), "{}")).isEmpty();
    }

    @Test
    void withoutPoliciesOfItsOwnAnIngressProxysEgressToEveryNamespaceLeavesServicesOfOtherNamespacesOpen() {
        String stream = api("- {name: BACKEND, value: 'http://web.blog:8080'}") + """
                ---
                apiVersion: networking.k8s.io/v1
                kind: IngressClass
                metadata: {name: nginx}
                spec: {controller: k8s.io/ingress-nginx}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: api}
                spec:
                  type: LoadBalancer
                  selector: {app: api}
                  ports: [{port: 443, targetPort: 8443}]
                """;
        assertThat(closed(stream, "{}")).isEmpty();
        assertThat(closed(stream, "allowances: {ingressProxy: false}")).extracting(ClosedFlow::target)
                .containsExactly("http://web.blog:8080");
    }
}
