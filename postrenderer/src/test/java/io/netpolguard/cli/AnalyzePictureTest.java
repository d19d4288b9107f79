package io.netpolguard.cli;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code netpol-guard analyze --format=svg|html}: the picture of the example web shop after the post-renderer, with
 * the peers outside the release that {@code --exposure} adds.
 */
class AnalyzePictureTest {

    private static final String NS = "urn:netpol-guard:picture";
    private static final String SVG = "http://www.w3.org/2000/svg";

    private static final List<String> WORKLOADS = List.of("team-a/shop-webshop-backend[Deployment]",
            "team-a/shop-webshop-db[StatefulSet]", "team-a/shop-webshop-frontend[Deployment]",
            "team-a/shop-webshop-migrate[Job]", "team-a/shop-webshop-report[CronJob]");
    private static final String INGRESS_NGINX = "ingress-nginx/[pod with {app.kubernetes.io/name=ingress-nginx}]";
    private static final String KUBE_DNS = "kube-system/[pod with {k8s-app=kube-dns}]";
    private static final String PROMETHEUS = "[all namespaces]/[pod with {app.kubernetes.io/name=prometheus}]";

    /** What the chart renders with its ServiceMonitor switched on: Prometheus scrapes the backend. */
    private static final String SERVICE_MONITOR = """
            ---
            # Source: webshop/templates/servicemonitor.yaml
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata:
              name: shop-webshop-backend
              labels:
                app.kubernetes.io/name: webshop
                app.kubernetes.io/instance: shop
            spec:
              selector:
                matchLabels:
                  app.kubernetes.io/instance: shop
                  app.kubernetes.io/component: backend
              endpoints:
                - port: http
                  path: /actuator/prometheus
            """;

    static byte[] webShop() throws IOException {
        try (InputStream in = AnalyzePictureTest.class.getResourceAsStream("/robust/webshop.helm4.yaml")) {
            return in.readAllBytes();
        }
    }

    static byte[] withServiceMonitor() throws IOException {
        return (new String(webShop(), StandardCharsets.UTF_8) + SERVICE_MONITOR).getBytes(StandardCharsets.UTF_8);
    }

    /** The post-renderer's output for the release shop in team-a. */
    static byte[] isolated(byte[] chart) {
        PostRenderer.Run run = PostRenderer.run(chart, "--release=shop", "--namespace=team-a");
        assertThat(run.exit()).as(run.stderr()).isZero();
        return run.stdout();
    }

    static String picture(byte[] chart, String format) {
        PostRenderer.Run run = PostRenderer.run(isolated(chart), "analyze", "--format=" + format, "--exposure",
                "--release=shop", "--namespace=team-a");
        assertThat(run.exit()).as(run.stderr()).isZero();
        return run.out();
    }

    record Drawn(Map<String, String> nodes, Map<String, String> groups, List<String[]> edges, Map<String, String> labels,
                 String title) {
    }

    /** The SVG read back with the JDK's XML parser: node and group classes by id, edges (from, to, title, label id). */
    static Drawn read(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        DocumentBuilder builder = f.newDocumentBuilder();
        builder.setErrorHandler(null);
        Document doc = builder.parse(new InputSource(new StringReader(svg)));
        assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(SVG);
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        Map<String, String> nodes = new LinkedHashMap<>();
        Map<String, String> groups = new LinkedHashMap<>();
        List<String[]> edges = new ArrayList<>();
        Map<String, String> labels = new LinkedHashMap<>();
        String title = "";
        NodeList gs = doc.getElementsByTagNameNS(SVG, "g");
        for (int i = 0; i < gs.getLength(); i++) {
            Element g = (Element) gs.item(i);
            List<String> classes = List.of(g.getAttribute("class").split(" "));
            if (classes.contains("node")) {
                nodes.put(g.getAttributeNS(NS, "id"), g.getAttribute("class"));
            } else if (classes.contains("group")) {
                groups.put(g.getAttributeNS(NS, "id"), g.getAttribute("class"));
            } else if (classes.contains("edge")) {
                edges.add(new String[] {g.getAttributeNS(NS, "from"), g.getAttributeNS(NS, "to"),
                        g.getElementsByTagNameNS(SVG, "title").item(0).getTextContent(), g.getAttributeNS(NS, "label")});
            } else if (classes.contains("edge-label")) {
                labels.put(g.getAttribute("id"), g.getElementsByTagNameNS(SVG, "text").item(0).getTextContent());
            }
        }
        NodeList texts = doc.getElementsByTagNameNS(SVG, "text");
        for (int i = 0; i < texts.getLength(); i++) {
            Element t = (Element) texts.item(i);
            if (t.getAttribute("class").equals("title")) {
                title = t.getTextContent();
            }
        }
        return new Drawn(nodes, groups, edges, labels, title);
    }

    private static String[] edge(Drawn d, String from, String to) {
        return d.edges().stream().filter(e -> e[0].equals(from) && e[1].equals(to)).findFirst()
                .orElseThrow(() -> new AssertionError("no edge " + from + " -> " + to));
    }

    @Test
    void theWebShopAfterThePostRendererIsAParseableSvgWithANodePerWorkloadAndThePeersOutsideTheRelease() throws Exception {
        Drawn d = read(picture(webShop(), "svg"));

        assertThat(d.title()).isEqualTo("Release shop in namespace team-a");
        assertThat(d.nodes()).containsKeys(WORKLOADS.toArray(String[]::new)).containsKeys(INGRESS_NGINX, KUBE_DNS);
        assertThat(d.nodes().keySet()).filteredOn(id -> d.nodes().get(id).contains("workload"))
                .containsExactlyInAnyOrderElementsOf(WORKLOADS);
        assertThat(d.nodes().get(INGRESS_NGINX)).isEqualTo("node cluster-peer");
        assertThat(d.nodes().get(KUBE_DNS)).isEqualTo("node cluster-peer");
        assertThat(edge(d, INGRESS_NGINX, "team-a/shop-webshop-frontend[Deployment]")[2]).endsWith(": TCP 8080");
        for (String w : WORKLOADS) {
            assertThat(edge(d, w, KUBE_DNS)[2]).endsWith(": TCP 53,UDP 53");
        }
        assertThat(edge(d, "team-a/shop-webshop-frontend[Deployment]", "team-a/shop-webshop-backend[Deployment]")[2])
                .endsWith(": All Connections");
        assertThat(edge(d, "team-a/shop-webshop-backend[Deployment]", "team-a/shop-webshop-db[StatefulSet]")[2])
                .endsWith(": All Connections");
        assertThat(edge(d, "team-a/shop-webshop-migrate[Job]", "team-a/shop-webshop-db[StatefulSet]")[2])
                .endsWith(": All Connections");
        assertThat(edge(d, "team-a/shop-webshop-report[CronJob]", "team-a/shop-webshop-db[StatefulSet]")[2])
                .endsWith(": All Connections");
        for (String[] e : d.edges()) {
            if (!e[3].isEmpty()) {
                assertThat(e[2]).as("the label of %s -> %s", e[0], e[1]).endsWith(": " + d.labels().get(e[3]));
            }
        }
    }

    @Test
    void prometheusIsAPeerWhereTheChartSaysItScrapes() throws Exception {
        Drawn d = read(picture(withServiceMonitor(), "svg"));

        assertThat(d.nodes().get(PROMETHEUS)).isEqualTo("node cluster-peer");
        assertThat(edge(d, PROMETHEUS, "team-a/shop-webshop-backend[Deployment]")[2]).endsWith(": TCP 8080");
        assertThat(d.groups()).containsKey("[all namespaces]");
        assertThat(read(picture(webShop(), "svg")).nodes()).doesNotContainKey(PROMETHEUS);
    }

    @Test
    void theReleaseAndItsNamespaceAreHighlightedAndNothingElse() throws Exception {
        Drawn d = read(picture(withServiceMonitor(), "svg"));

        for (String w : WORKLOADS) {
            assertThat(d.nodes().get(w)).as(w).isEqualTo("node workload release");
        }
        assertThat(d.nodes().keySet()).filteredOn(id -> d.nodes().get(id).endsWith(" release"))
                .containsExactlyInAnyOrderElementsOf(WORKLOADS);
        assertThat(d.groups()).containsEntry("team-a", "group release").containsEntry("kube-system", "group")
                .containsEntry("ingress-nginx", "group").containsEntry("[all namespaces]", "group");
    }

    @Test
    void theSameInputGivesTheSameBytesOnEveryRun() throws IOException {
        assertThat(picture(withServiceMonitor(), "svg")).isEqualTo(picture(withServiceMonitor(), "svg"));
        assertThat(picture(withServiceMonitor(), "html")).isEqualTo(picture(withServiceMonitor(), "html"));
    }

    @Test
    void theHtmlPageHoldsTheSvgAndARowPerEdge() throws Exception {
        String svg = picture(withServiceMonitor(), "svg");
        String html = picture(withServiceMonitor(), "html");

        assertThat(html).startsWith("<!DOCTYPE html>").contains(svg.substring(svg.indexOf("<svg ")));
        Drawn d = read(svg);
        String body = html.substring(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
        List<String> rows = new ArrayList<>();
        Matcher tr = Pattern.compile("<tr>(.*?)</tr>").matcher(body);
        while (tr.find()) {
            rows.add(tr.group(1));
        }
        assertThat(rows).hasSize(d.edges().size());
        assertThat(rows).anySatisfy(r -> assertThat(r).contains("[pod with {app.kubernetes.io/name=prometheus}]",
                "<span class=\"release\">shop-webshop-backend[Deployment]</span>", "TCP 8080"));
    }

    @Test
    void withoutExposureThePictureHoldsOnlyTheInputsOwnPeersAndTheIngressController() throws Exception {
        PostRenderer.Run run = PostRenderer.run(isolated(webShop()), "analyze", "--format=svg", "--release=shop",
                "--namespace=team-a");

        assertThat(run.exit()).as(run.stderr()).isZero();
        List<String> expected = new ArrayList<>(WORKLOADS);
        expected.add("{ingress-controller}");
        assertThat(read(run.out()).nodes().keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void withoutAReleaseEveryWorkloadOfTheInputIsHighlighted() throws Exception {
        PostRenderer.Run run = PostRenderer.run(isolated(webShop()), "analyze", "--format=svg", "--namespace=team-a");

        Drawn d = read(run.out());
        assertThat(d.title()).isEqualTo("Connectivity in namespace team-a");
        assertThat(d.nodes().values()).containsOnly("node workload release", "node ingress-controller");
    }
}
