package io.netpolguard.cli;

import io.netpolguard.analyze.Unreached;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code analyze} marks the Services of its input that nothing in the input reaches: with {@code --exposure}, under
 * a heading of its own after np-guard's sections (txt, csv, md, json), and in the pictures, on the workloads behind
 * them. A shop: the web calls the api, which nothing else names; the recommender, which the web calls by a name only
 * its code knows, has a Service whose pods no policy admits anything into.
 */
class AnalyzeUnreachedServicesTest {

    private static final String SHOP = """
            ---
            # Source: shop/templates/web.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx, ports: [{name: http, containerPort: 8080}]}]}
            ---
            # Source: shop/templates/api.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: shop}
            spec:
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api}}
                spec: {containers: [{name: api, image: api, ports: [{name: http, containerPort: 9000}]}]}
            ---
            # Source: shop/templates/api.yaml
            apiVersion: v1
            kind: Service
            metadata: {name: api, namespace: shop}
            spec: {selector: {app: api}, ports: [{port: 80, targetPort: http}]}
            ---
            # Source: shop/templates/recommender.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: recommender, namespace: shop}
            spec:
              selector: {matchLabels: {app: recommender}}
              template:
                metadata: {labels: {app: recommender}}
                spec: {containers: [{name: r, image: r, ports: [{name: http, containerPort: 7000}]}]}
            ---
            # Source: shop/templates/recommender.yaml
            apiVersion: v1
            kind: Service
            metadata: {name: recommender, namespace: shop}
            spec: {selector: {app: recommender}, ports: [{port: 80, targetPort: http}]}
            ---
            # Source: shop/templates/policies.yaml
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: isolate, namespace: shop}
            spec:
              podSelector: {}
              policyTypes: [Ingress, Egress]
              ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: 9000}]}]
              egress: [{to: [{podSelector: {matchLabels: {app: api}}}], ports: [{port: 9000}]}]
            """;

    private static final String MARK = "shop/recommender[Service] : TCP 7000 of shop/recommender[Deployment]";

    private static PostRenderer.Run analyze(String... args) {
        List<String> all = new ArrayList<>(List.of("analyze"));
        all.addAll(List.of(args));
        PostRenderer.Run run = PostRenderer.run(SHOP, all.toArray(String[]::new));
        assertThat(run.exit()).as(run.stderr()).isZero();
        return run;
    }

    @Test
    void theExposureAnalysisListsTheServiceNothingReachesUnderItsOwnHeadingAfterNpGuardsSections() {
        String out = analyze("--exposure").out();
        assertThat(out).endsWith("\nServices nothing in the input reaches (netpol-guard):\n" + MARK + "\n");
        assertThat(out).doesNotContain("api[Service]");
    }

    @Test
    void withoutExposureTheConnectionListIsNpGuardsAlone() {
        assertThat(analyze().out()).isEqualTo("shop/web[Deployment] => shop/api[Deployment] : TCP 9000\n");
    }

    @Test
    void csvMarkdownAndJsonListItToo() {
        assertThat(analyze("--exposure", "--format=csv").out())
                .contains("Services nothing in the input reaches (netpol-guard):,,\nservice,workloads,ports\n"
                        + "shop/recommender[Service],shop/recommender[Deployment],TCP 7000\n");
        assertThat(analyze("--exposure", "--format=md").out())
                .contains("## Services nothing in the input reaches (netpol-guard):\n| service | workloads | ports |\n"
                        + "|-----|-----|------|\n| shop/recommender[Service] | shop/recommender[Deployment] | TCP 7000 |");
        assertThat(analyze("--exposure", "--format=json").out()).contains("\"unreachedServices\": [\n",
                "\"service\": \"shop/recommender[Service]\"", "\"ports\": \"TCP 7000\"");
    }

    @Test
    void thePicturesMarkTheWorkloadBehindIt() {
        String label = "recommender[Deployment] (nothing reaches Service recommender)";
        assertThat(analyze("--format=dot").out()).contains("\"shop/recommender[Deployment]\" [label=\"" + label + "\"")
                .contains("[label=\"api[Deployment]\"");
        assertThat(analyze("--format=md").out()).contains("```mermaid").contains(label);
        assertThat(analyze("--format=svg").out()).contains("nothing reaches Service recommender");
    }

    /**
     * A StatefulSet's governing Service is headless and often declares no ports: its DNS names the pods themselves,
     * so a client reaches every container port they declare, and when nothing is allowed to, it is listed with all.
     */
    @Test
    void aHeadlessServiceWithoutPortsIsListedWithEveryContainerPortOfItsPods() {
        String queue = """
                ---
                # Source: mq/templates/statefulset.yaml
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: queue, namespace: mq}
                spec:
                  serviceName: queue-headless
                  selector: {matchLabels: {app: queue}}
                  template:
                    metadata: {labels: {app: queue}}
                    spec:
                      containers:
                      - name: mq
                        image: rabbitmq
                        ports: [{name: epmd, containerPort: 4369}, {name: amqp, containerPort: 5672}]
                ---
                # Source: mq/templates/headless.yaml
                apiVersion: v1
                kind: Service
                metadata: {name: queue-headless, namespace: mq}
                spec: {clusterIP: None, selector: {app: queue}}
                ---
                # Source: mq/templates/policy.yaml
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: isolate, namespace: mq}
                spec: {podSelector: {}, policyTypes: [Ingress]}
                """;

        PostRenderer.Run run = PostRenderer.run(queue, "analyze", "--exposure");

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.out()).endsWith(Unreached.HEADING + "\n"
                + "mq/queue-headless[Service] : TCP 4369,5672 of mq/queue[StatefulSet]\n");
    }
}
