package io.netpolguard.read;

import io.netpolguard.error.InputException;
import io.netpolguard.model.Backends;
import io.netpolguard.model.Binding;
import io.netpolguard.model.ContainerPort;
import io.netpolguard.model.LabelSelector;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.Monitor;
import io.netpolguard.model.NamedPorts;
import io.netpolguard.model.PortRef;
import io.netpolguard.model.Protocol;
import io.netpolguard.model.Service;
import io.netpolguard.model.ServiceReference;
import io.netpolguard.model.ServiceReference.Use;
import io.netpolguard.model.Workload;
import io.netpolguard.model.WorkloadKind;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the reader learns of a release beyond workloads and policies: Services and everything that points at pods. */
class ReleaseObjectsReaderTest {

    private static Manifest read(String yaml) {
        return new ManifestReader(WorkloadKind.BUILT_IN).read(yaml.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> references(String yaml) {
        return read(yaml).references().stream()
                .map(r -> r.use() + " " + r.namespace() + "/" + r.service() + ":" + r.port()).toList();
    }

    @Test
    void aPodTemplateTellsItsContainersPortsItsServiceAccountAndItsAnnotations() {
        Workload w = read("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    metadata:
                      labels: {app: web}
                      annotations: {prometheus.io/scrape: "true"}
                    spec:
                      serviceAccountName: web-sa
                      initContainers:
                        - name: init
                          ports: [{containerPort: 9000, name: init}]
                      containers:
                        - name: app
                          ports:
                            - {name: http, containerPort: 8080}
                            - {name: dns, containerPort: 53, protocol: UDP, hostPort: 5353}
                """).workloads().get(0);

        assertThat(w.pod().ports()).containsExactly(
                new ContainerPort("app", "http", 8080, Protocol.TCP, 0),
                new ContainerPort("app", "dns", 53, Protocol.UDP, 5353),
                new ContainerPort("init", "init", 9000, Protocol.TCP, 0));
        assertThat(w.pod().serviceAccount()).isEqualTo("web-sa");
        assertThat(w.pod().annotations()).containsEntry("prometheus.io/scrape", "true");
        assertThat(Backends.port(PortRef.name("http"), Protocol.TCP, w.pod(), NamedPorts.KUBERNETES)).isEqualTo(8080);
        assertThat(Backends.port(PortRef.name("dns"), Protocol.TCP, w.pod(),
                NamedPorts.KUBERNETES)).as("a name resolves with its protocol only").isZero();
    }

    @Test
    void aPodWithoutServiceAccountRunsAsDefaultAndTheOldSpellingIsRead() {
        Manifest m = read("""
                apiVersion: v1
                kind: Pod
                metadata: {name: a}
                spec: {containers: [{name: a}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: b}
                spec: {serviceAccount: legacy, containers: [{name: b}]}
                """);
        assertThat(m.workloads()).extracting(w -> w.pod().serviceAccount()).containsExactly("default", "legacy");
    }

    @Test
    void aBarePodIsOwnedByItsControllingOwnerReferenceEvenWithoutKind() {
        Manifest m = read("""
                apiVersion: v1
                kind: PodList
                items:
                  - metadata:
                      name: web-1
                      ownerReferences: [{kind: ReplicaSet, name: web-5d8, controller: true}]
                    spec: {containers: [{name: web}]}
                  - metadata:
                      name: job-1
                      ownerReferences: [{name: internal, controller: true}]
                    spec: {containers: [{name: job}]}
                  - metadata:
                      name: lone
                      ownerReferences: [{kind: ReplicaSet, name: not-a-controller}]
                    spec: {containers: [{name: lone}]}
                """);
        assertThat(m.workloads()).extracting(w -> w.kind() + " " + w.name()).containsExactly("Pod web-1", "Pod job-1",
                "Pod lone");
        assertThat(m.workloads()).extracting(Workload::owner).containsExactly(
                new Workload.Owner("ReplicaSet", "web-5d8"), new Workload.Owner(null, "internal"), null);
    }

    @Test
    void itemsOfATypedListTakeTheListsKindAndApiVersionButItemsOfAPlainListMustNameTheirs() {
        Manifest m = read("""
                {"kind": "NamespaceList", "apiVersion": "v1", "items": [
                  {"metadata": {"name": "bank", "labels": {"tier": "money"}}}]}
                """);
        assertThat(m.namespaces()).containsEntry("bank", Map.of("tier", "money"));

        assertThatThrownBy(() -> read("""
                apiVersion: v1
                kind: List
                items: [{metadata: {name: x}}]
                """)).isInstanceOf(InputException.class).hasMessageContaining("has no kind");
    }

    @Test
    void aJsonDocumentIndentedWithTabsIsRead() {
        Manifest m = read("{\n\t\"kind\": \"Namespace\",\n\t\"apiVersion\": \"v1\",\n\t\"metadata\": {\n\t\t\"name\": \"bank\"\n\t}\n}\n");
        assertThat(m.namespaces()).containsKey("bank");
    }

    @Test
    void aServiceTellsItsTypeSelectorPortsAndTargetPortsByNumberOrName() {
        Service s = read("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, annotations: {prometheus.io/scrape: "true"}}
                spec:
                  type: LoadBalancer
                  selector: {app: web}
                  ports:
                    - {name: http, port: 80, targetPort: http}
                    - {name: https, port: 443, targetPort: 8443, nodePort: 30443}
                    - {name: dns, port: 53, protocol: UDP}
                """).services().get(0);

        assertThat(s.type()).isEqualTo("LoadBalancer");
        assertThat(s.reachableFromOutside()).isTrue();
        assertThat(s.ports()).containsExactly(
                new Service.Port("http", Protocol.TCP, 80, PortRef.name("http"), 0),
                new Service.Port("https", Protocol.TCP, 443, PortRef.number(8443), 30443),
                new Service.Port("dns", Protocol.UDP, 53, PortRef.number(53), 0));
        assertThat(s.selects(Map.of("app", "web", "x", "y"))).isTrue();
        assertThat(s.port(PortRef.name("https")).targetPort()).isEqualTo(PortRef.number(8443));
        assertThat(s.port(PortRef.number(80)).name()).isEqualTo("http");
        assertThat(s.annotations()).containsEntry("prometheus.io/scrape", "true");
    }

    @Test
    void aServiceWithoutSelectorSelectsNoPodAndAClusterIpServiceIsNotReachableFromOutside() {
        Service s = read("""
                apiVersion: v1
                kind: Service
                metadata: {name: external}
                spec: {ports: [{port: 5432}]}
                """).services().get(0);
        assertThat(s.selects(Map.of())).isFalse();
        assertThat(s.reachableFromOutside()).isFalse();
    }

    @Test
    void ingressBackendsAreReadFromRulesAndTheDefaultBackendByPortNumberOrName() {
        assertThat(references("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: shop}
                spec:
                  defaultBackend: {service: {name: fallback, port: {number: 8080}}}
                  rules:
                    - http:
                        paths:
                          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
                          - {path: /x, pathType: Prefix, backend: {resource: {kind: Bucket, name: b}}}
                """)).containsExactly("INGRESS_BACKEND null/fallback:8080", "INGRESS_BACKEND null/web:http");
    }

    @Test
    void gatewayRouteBackendsAreServicesUnlessTheyNameAnotherKind() {
        assertThat(references("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata: {name: shop}
                spec:
                  rules:
                    - backendRefs:
                        - {name: web, port: 8080}
                        - {name: api, namespace: team-b, port: 9090, kind: Service}
                        - {name: bucket, group: storage.example.com, kind: Bucket}
                """)).containsExactly("ROUTE_BACKEND null/web:8080", "ROUTE_BACKEND team-b/api:9090");
    }

    @Test
    void webhooksConversionWebhooksAndAggregatedApisNameTheirServiceAndDefaultToPort443() {
        assertThat(references("""
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingWebhookConfiguration
                metadata: {name: v}
                webhooks:
                  - name: a.example.com
                    clientConfig: {service: {namespace: team-a, name: hook, port: 8443}}
                  - name: b.example.com
                    clientConfig: {url: "https://example.com/hook"}
                ---
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: things.example.com}
                spec:
                  conversion:
                    strategy: Webhook
                    webhook: {clientConfig: {service: {namespace: team-a, name: convert}}}
                ---
                apiVersion: apiregistration.k8s.io/v1
                kind: APIService
                metadata: {name: v1beta1.metrics.k8s.io}
                spec: {service: {namespace: team-a, name: metrics, port: 6443}}
                """)).containsExactly("ADMISSION_WEBHOOK team-a/hook:8443", "CONVERSION_WEBHOOK team-a/convert:443",
                "API_SERVICE team-a/metrics:6443");
    }

    @Test
    void monitorsTellWhatTheyScrapeWhereAndOnWhichPorts() {
        List<Monitor> monitors = read("""
                apiVersion: monitoring.coreos.com/v1
                kind: ServiceMonitor
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  namespaceSelector: {matchNames: [team-a]}
                  endpoints: [{port: metrics}, {targetPort: 9090}]
                ---
                apiVersion: monitoring.coreos.com/v1
                kind: PodMonitor
                metadata: {name: pods}
                spec:
                  selector: {}
                  namespaceSelector: {any: true}
                  podMetricsEndpoints: [{port: http}, {portNumber: 9100}]
                ---
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata: {name: rules}
                spec: {}
                """).monitors();

        assertThat(monitors).hasSize(2);
        Monitor sm = monitors.get(0);
        assertThat(sm.target()).isEqualTo(Monitor.Target.SERVICES);
        assertThat(sm.selector()).isEqualTo(LabelSelector.of(Map.of("app", "web")));
        assertThat(sm.namespaces()).containsExactly("team-a");
        assertThat(sm.endpoints()).containsExactly(new Monitor.Endpoint(PortRef.name("metrics"), null),
                new Monitor.Endpoint(null, PortRef.number(9090)));
        Monitor pm = monitors.get(1);
        assertThat(pm.target()).isEqualTo(Monitor.Target.PODS);
        assertThat(pm.anyNamespace()).isTrue();
        assertThat(pm.endpoints()).extracting(Monitor.Endpoint::port)
                .containsExactly(PortRef.name("http"), PortRef.number(9100));
    }

    @Test
    void roleBindingsTellTheServiceAccountsTheyGrantARole() {
        List<Binding> bindings = read("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: ClusterRoleBinding
                metadata: {name: b}
                roleRef: {kind: ClusterRole, name: reader, apiGroup: rbac.authorization.k8s.io}
                subjects:
                  - {kind: ServiceAccount, name: app, namespace: team-a}
                  - {kind: User, name: alice}
                  - {kind: ServiceAccount, name: other}
                """).bindings();

        assertThat(bindings).singleElement().satisfies(b -> {
            assertThat(b.role()).isEqualTo("ClusterRole reader");
            assertThat(b.serviceAccounts()).containsExactly(new Binding.Subject("team-a", "app"),
                    new Binding.Subject(null, "other"));
        });
    }

    @Test
    void aServicePortThatIsNotANumberIsRefusedWithItsLine() {
        assertThatThrownBy(() -> read("""
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  ports:
                    - port: http
                """)).isInstanceOf(InputException.class)
                .hasMessage("Document 1, line 6: spec.ports.port must be a number, not \"http\".");
    }

    @Test
    void aProtocolKubernetesDoesNotKnowIsRefusedAtItsPortInEachKindsWords() {
        assertThatThrownBy(() -> read("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec:
                  containers: [{name: c, ports: [{containerPort: 80, protocol: HTTP}]}]
                """)).isInstanceOf(InputException.class).hasMessage("Document 1, line 5: has a container port with"
                + " the protocol HTTP (Kubernetes knows TCP, UDP and SCTP).");
        assertThatThrownBy(() -> read("""
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  ports:
                    - {port: 80, protocol: tcp}
                """)).isInstanceOf(InputException.class).hasMessage("Document 1, line 6: is a Service with the"
                + " protocol tcp (Kubernetes knows TCP, UDP and SCTP).");
        assertThatThrownBy(() -> read("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: np}
                spec:
                  egress: [{ports: [{port: 0, protocol: ICMP}]}]
                """)).isInstanceOf(InputException.class).hasMessage("Document 1, line 5: spec.egress.ports has the"
                + " protocol ICMP (Kubernetes knows TCP, UDP and SCTP).");
    }

    @Test
    void referencesKeepTheObjectTheyCameFrom() {
        ServiceReference r = read("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: shop, namespace: team-a}
                spec: {defaultBackend: {service: {name: web, port: {number: 80}}}}
                """).references().get(0);
        assertThat(r.from().describe()).isEqualTo("Ingress team-a/shop");
        assertThat(r.use()).isEqualTo(Use.INGRESS_BACKEND);
    }
}
