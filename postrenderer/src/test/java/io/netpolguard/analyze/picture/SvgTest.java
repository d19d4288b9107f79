package io.netpolguard.analyze.picture;

import io.netpolguard.analyze.Diagram;
import io.netpolguard.analyze.Diagram.Edge;
import io.netpolguard.analyze.Diagram.Group;
import io.netpolguard.analyze.Diagram.Node;
import io.netpolguard.analyze.Diagram.Node.Kind;
import io.netpolguard.analyze.picture.Drawing.DrawnEdge;
import io.netpolguard.analyze.picture.Drawing.DrawnGroup;
import io.netpolguard.analyze.picture.Drawing.DrawnLabel;
import io.netpolguard.analyze.picture.Drawing.DrawnNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

class SvgTest {

    private static final Diagram SHOP = Examples.webShop();

    private static Drawing shop() {
        return Drawing.of(Svg.render(SHOP));
    }

    @Test
    void thePictureIsAnSvg11Document() {
        String svg = Svg.render(SHOP);
        assertThat(svg).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ");
        Drawing d = Drawing.of(svg);
        assertThat(d.root().getNamespaceURI()).isEqualTo(Drawing.SVG);
        assertThat(d.root().getLocalName()).isEqualTo("svg");
        assertThat(d.root().getAttribute("version")).isEqualTo("1.1");
        assertThat(d.root().getAttribute("viewBox")).matches("0 0 [0-9.]+ [0-9.]+");
    }

    @Test
    void everyNodeIsOneElementCarryingItsLabel() {
        Drawing d = shop();
        assertThat(d.nodes.keySet()).containsExactlyInAnyOrderElementsOf(SHOP.nodes().stream().map(Node::id).toList());
        for (Node n : SHOP.nodes()) {
            assertThat(d.nodes.get(n.id()).text()).isEqualTo(n.label());
        }
    }

    @Test
    void everyEdgeIsOneElementWithItsLabel() {
        Drawing d = shop();
        assertThat(d.edges).hasSize(SHOP.edges().size());
        List<String> drawn = new ArrayList<>();
        for (DrawnEdge e : d.edges) {
            DrawnLabel label = d.labelOf(e);
            assertThat(label).as("label of %s -> %s", e.from(), e.to()).isNotNull();
            drawn.add(e.from() + " -> " + e.to() + ": " + label.text());
            assertThat(e.title()).endsWith(": " + label.text());
            assertThat(label.edgeDomIds()).contains(e.domId());
        }
        assertThat(drawn).containsExactlyInAnyOrderElementsOf(
                SHOP.edges().stream().map(e -> e.from() + " -> " + e.to() + ": " + e.label()).toList());
        for (DrawnLabel l : d.labels) {
            assertThat(d.edges.stream().filter(e -> e.labelId().equals(l.domId())).map(DrawnEdge::domId).toList())
                    .containsExactlyInAnyOrderElementsOf(l.edgeDomIds());
        }
    }

    @Test
    void edgesWithTheSameLabelIntoOneNodeShareOneLabelAndOneArrow() {
        Drawing d = shop();
        List<DrawnEdge> dns = d.edges.stream().filter(e -> e.to().equals("kube-system/kube-dns")).toList();
        assertThat(dns).hasSize(4);
        assertThat(dns).extracting(DrawnEdge::labelId).containsOnly(dns.get(0).labelId());
        assertThat(dns).allSatisfy(e -> assertThat(e.end()).containsExactly(dns.get(0).end()));
        assertThat(d.labelOf(dns.get(0)).text()).isEqualTo("UDP 53,TCP 53");
        List<DrawnEdge> prometheus = d.edges.stream().filter(e -> e.from().equals("monitoring/prometheus")).toList();
        assertThat(prometheus).hasSize(2).extracting(DrawnEdge::labelId).containsOnly(prometheus.get(0).labelId());
        assertThat(prometheus).allSatisfy(e -> assertThat(e.start()).containsExactly(prometheus.get(0).start()));
        assertThat(d.labels).hasSize(SHOP.edges().size() - 3 - 2 - 1);
    }

    @Test
    void groupBoxesContainTheBoxesOfTheirNodes() {
        Drawing d = shop();
        assertThat(d.groups).extracting(DrawnGroup::id)
                .containsExactlyInAnyOrder("team-a", "kube-system", "ingress-nginx", "monitoring");
        for (DrawnGroup g : d.groups) {
            assertThat(g.text()).isEqualTo(g.id());
            for (Node n : SHOP.nodes()) {
                if (g.id().equals(n.groupId())) {
                    assertThat(g.box().contains(d.nodes.get(n.id()).box())).as("%s holds %s", g.id(), n.id()).isTrue();
                }
            }
        }
    }

    @Test
    void noTwoGroupBoxesOverlap() {
        List<DrawnGroup> groups = shop().groups;
        for (int i = 0; i < groups.size(); i++) {
            for (int j = i + 1; j < groups.size(); j++) {
                assertThat(groups.get(i).box().overlaps(groups.get(j).box()))
                        .as("%s and %s", groups.get(i).id(), groups.get(j).id()).isFalse();
            }
        }
    }

    @Test
    void noTwoNodeBoxesOverlap() {
        assertNoOverlaps(shop());
    }

    @Test
    void noLabelLiesOnANodeOrOnAnotherLabel() {
        Drawing d = shop();
        for (DrawnLabel l : d.labels) {
            for (DrawnNode n : d.nodes.values()) {
                assertThat(l.box().overlaps(n.box())).as("label %s on %s", l.text(), n.id()).isFalse();
            }
            for (DrawnLabel o : d.labels) {
                if (o != l) {
                    assertThat(l.box().overlaps(o.box())).as("label %s on label %s", l.text(), o.text()).isFalse();
                }
            }
        }
    }

    @Test
    void edgesStartAtTheirSourceAndEndAtTheirTarget() {
        assertEdgesMeetTheirNodes(shop());
    }

    @Test
    void theReleaseIsHighlightedAndTheKindsAreTold() {
        Drawing d = shop();
        assertThat(d.nodes.get("team-a/frontend").classes()).isEqualTo("node workload release");
        assertThat(d.nodes.get("kube-system/kube-dns").classes()).isEqualTo("node workload");
        assertThat(d.nodes.get("ingress-nginx/controller").classes()).isEqualTo("node ingress-controller");
        assertThat(d.nodes.get("0.0.0.0-255.255.255.255").classes()).isEqualTo("node external");
        assertThat(d.nodes.get("monitoring/prometheus").classes()).isEqualTo("node cluster-peer");
        assertThat(d.groups).filteredOn(g -> g.classes().contains("release")).extracting(DrawnGroup::id)
                .containsExactly("team-a");
        assertThat(d.doc.getElementsByTagNameNS(Drawing.SVG, "g")).satisfies(gs -> {
            boolean legend = false;
            for (int i = 0; i < gs.getLength(); i++) {
                legend |= ((org.w3c.dom.Element) gs.item(i)).getAttribute("class").equals("legend");
            }
            assertThat(legend).as("a legend").isTrue();
        });
    }

    @Test
    void theSameGraphGivesTheSameBytes() {
        assertThat(Svg.render(Examples.webShop())).isEqualTo(Svg.render(Examples.webShop()));
        Diagram large = Examples.large(60, 400, 3);
        assertThat(Svg.render(large)).isEqualTo(Svg.render(Examples.large(60, 400, 3)));
    }

    @Test
    void theOrderOfTheListsDoesNotMatter() {
        Random random = new Random(42);
        List<Group> groups = new ArrayList<>(SHOP.groups());
        List<Node> nodes = new ArrayList<>(SHOP.nodes());
        List<Edge> edges = new ArrayList<>(SHOP.edges());
        Collections.shuffle(groups, random);
        Collections.shuffle(nodes, random);
        Collections.shuffle(edges, random);
        assertThat(Svg.render(new Diagram(SHOP.title(), groups, nodes, edges))).isEqualTo(Svg.render(SHOP));
    }

    @Test
    void numbersAreWrittenTheSameWhateverTheDefaultLocale() {
        String expected = Svg.render(SHOP);
        Locale before = Locale.getDefault();
        try {
            for (Locale l : List.of(Locale.GERMANY, Locale.forLanguageTag("ar-EG"), Locale.forLanguageTag("hi-IN-u-nu-deva"))) {
                Locale.setDefault(l);
                assertThat(Svg.render(SHOP)).as("in %s", l).isEqualTo(expected);
            }
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void hostileTextIsEscapedAndReadsBackUnchanged() {
        String script = "<script>alert(1)</script>";
        String amp = "R&D \"quoted\" 'single' ]]> &amp;";
        Diagram g = new Diagram("<title>&\"'", List.of(new Group("g&<\"'>", script, true)),
                List.of(new Node(script, script, "g&<\"'>", Kind.WORKLOAD, true),
                        new Node(amp, amp, null, Kind.EXTERNAL, false),
                        new Node("ctl\u0001\uD800", "bell\u0007 lone\uDC00 pair\uD83D\uDE00", null, Kind.CLUSTER_PEER, false)),
                List.of(new Edge(script, amp, "TCP <80>&\"'", false), new Edge(amp, "ctl\u0001\uD800", "<![CDATA[x]]>", false)));
        String svg = Svg.render(g);
        assertThat(svg).doesNotContain("<script").doesNotContain("<title><title>").doesNotContain("]]>")
                .doesNotContain("\u0001").doesNotContain("\u0007");
        Drawing d = Drawing.of(svg);
        assertThat(d.nodes.get(script).text()).isEqualTo(script);
        assertThat(d.nodes.get(amp).text()).isEqualTo(amp);
        assertThat(d.nodes.get("ctl\uFFFD\uFFFD").text()).isEqualTo("bell\uFFFD lone\uFFFD pair\uD83D\uDE00");
        assertThat(d.groups.get(0).id()).isEqualTo("g&<\"'>");
        assertThat(d.groups.get(0).text()).isEqualTo(script);
        assertThat(d.edges).extracting(e -> d.labelOf(e).text()).containsExactlyInAnyOrder("TCP <80>&\"'", "<![CDATA[x]]>");
        assertThat(d.doc.getElementsByTagNameNS(Drawing.SVG, "title").item(0).getTextContent()).isEqualTo("<title>&\"'");
    }

    @Test
    void aLoopAndACycleAreDrawnWithTheirArrowsAtTheRealTargets() {
        Diagram g = new Diagram("", List.of(new Group("ns", "ns", true)),
                List.of(new Node("a", "a", "ns", Kind.WORKLOAD, true), new Node("b", "b", "ns", Kind.WORKLOAD, true),
                        new Node("c", "c", "ns", Kind.WORKLOAD, true)),
                List.of(new Edge("a", "b", "TCP 1", false), new Edge("b", "c", "TCP 2", false), new Edge("c", "a", "TCP 3", false),
                        new Edge("b", "b", "TCP 4", false)));
        Drawing d = Drawing.of(Svg.render(g));
        assertThat(d.edges).hasSize(4);
        assertEdgesMeetTheirNodes(d);
        assertNoOverlaps(d);
        DrawnEdge loop = d.edges.stream().filter(e -> e.from().equals("b") && e.to().equals("b")).findFirst().orElseThrow();
        Drawing.Box b = d.nodes.get("b").box();
        assertThat(loop.start()[0]).isCloseTo(b.right(), offset(0.1));
        assertThat(loop.end()[0]).isCloseTo(b.right(), offset(0.1));
        assertThat(loop.start()[1]).isLessThan(loop.end()[1]);
    }

    @Test
    void anEmptyGraphIsAnEmptyPicture() {
        Drawing d = Drawing.of(Svg.render(new Diagram(null, List.of(), List.of(), List.of())));
        assertThat(d.nodes).isEmpty();
        assertThat(d.edges).isEmpty();
    }

    @Test
    void anEmptyGroupIsStillABoxAndNodesWithoutEdgesStillShow() {
        Diagram g = new Diagram("t", List.of(new Group("empty", "empty namespace", false), new Group("ns", null, true)),
                List.of(new Node("a", null, "ns", Kind.WORKLOAD, true), new Node("b", "b", null, Kind.EXTERNAL, false)),
                List.of());
        Drawing d = Drawing.of(Svg.render(g));
        assertThat(d.groups).extracting(DrawnGroup::text).containsExactlyInAnyOrder("empty namespace", "ns");
        assertThat(d.nodes.get("a").text()).isEqualTo("a");
        assertNoOverlaps(d);
        assertThat(d.groups.get(0).box().overlaps(d.groups.get(1).box())).isFalse();
    }

    @Test
    void aLongLabelIsShortenedInThePictureButWhole() {
        String longName = "a-really-long-workload-name-that-goes-on-and-on-and-on-and-on-and-on [Deployment]";
        String longLabel = "TCP 80,TCP 443,TCP 8080,TCP 8443,UDP 53,TCP 53,TCP 9090,TCP 9100,TCP 5432,TCP 6379,"
                + "TCP 27017,TCP 11211,TCP 3306,TCP 1521,TCP 1433,TCP 5672,TCP 15672,TCP 61616";
        Diagram g = new Diagram("", List.of(),
                List.of(new Node("a", longName, null, Kind.WORKLOAD, false), new Node("b", "b", null, Kind.WORKLOAD, false)),
                List.of(new Edge("a", "b", longLabel, false)));
        String svg = Svg.render(g);
        Drawing d = Drawing.of(svg);
        assertThat(d.nodes.get("a").text()).hasSize(Layout.NODE_CHARS).endsWith("\u2026");
        assertThat(svg).contains("<title>" + longName + "</title>");
        assertThat(d.edges.get(0).title()).endsWith(longLabel);
        assertThat(d.doc.getElementsByTagNameNS(Drawing.SVG, "tspan").getLength()).isEqualTo(Layout.LABEL_LINES);
        assertThat(d.labels.get(0).text()).startsWith("TCP 80,TCP 443,").endsWith("\u2026");
    }

    @Test
    void unknownOrRepeatedIdsAreRefused() {
        Node a = new Node("a", "a", null, Kind.WORKLOAD, false);
        assertThatThrownBy(() -> Svg.render(new Diagram("", List.of(), List.of(a), List.of(new Edge("a", "x", "", false)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown node x");
        assertThatThrownBy(() -> Svg.render(new Diagram("", List.of(), List.of(a, a), List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two nodes");
        assertThatThrownBy(() -> Svg.render(new Diagram("", List.of(),
                List.of(new Node("a", "a", "nowhere", Kind.WORKLOAD, false)), List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown group nowhere");
        assertThatThrownBy(() -> Svg.render(new Diagram("", List.of(new Group("g", "", false), new Group("g", "", true)),
                List.of(), List.of())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two groups");
    }

    @Test
    void aLargeGraphKeepsEveryRule() {
        Diagram g = Examples.large(120, 1000, 11);
        Drawing d = Drawing.of(Svg.render(g));
        assertThat(d.nodes).hasSize(g.nodes().size());
        assertThat(d.edges).hasSize(1000);
        assertThat(d.edges).allSatisfy(e -> assertThat(d.labelOf(e)).isNotNull());
        assertEveryRule(g, d);
    }

    @Test
    void cyclesLoopsAndManyNamespacesKeepEveryRule() {
        Diagram g = Examples.manyNamespaces();
        Drawing d = Drawing.of(Svg.render(g));
        assertThat(d.nodes).hasSize(g.nodes().size());
        assertThat(d.edges).hasSize(g.edges().size());
        assertThat(d.edges).filteredOn(e -> d.labelOf(e) == null).extracting(DrawnEdge::to).containsExactly("app/cache");
        assertEveryRule(g, d);
    }

    @Test
    void workloadsOfAGroupThatAllReachEachOtherOnTheSameConnectionsAreOneNoteInItsHeader() {
        Diagram g = Examples.isolatedShop();
        Drawing d = Drawing.of(Svg.render(g));

        assertThat(d.meshes).hasSize(1);
        Drawing.DrawnMesh mesh = d.meshes.get(0);
        assertThat(mesh.group()).isEqualTo("team-a");
        assertThat(mesh.text()).isEqualTo("5 workloads reach each other: All Connections");
        assertThat(mesh.title()).isEqualTo("the 5 workloads of team-a may each reach every other: All Connections");
        assertThat(d.edges).extracting(e -> e.from() + " -> " + e.to()).hasSize(7)
                .noneMatch(e -> e.matches("team-a/.* -> team-a/.*"));
        assertThat(d.meshEdges).hasSize(20).allSatisfy(e -> {
            assertThat(e.meshId()).isEqualTo(mesh.domId());
            assertThat(e.from()).startsWith("team-a/").isNotEqualTo(e.to());
            assertThat(e.to()).startsWith("team-a/");
            assertThat(e.title()).endsWith(": All Connections");
        });
        assertThat(mesh.edgeDomIds()).containsExactlyElementsOf(d.meshEdges.stream().map(Drawing.DrawnMeshEdge::domId).toList());
        DrawnGroup team = d.groups.stream().filter(x -> x.id().equals("team-a")).findFirst().orElseThrow();
        assertThat(team.box().contains(mesh.box())).isTrue();
        assertThat(d.nodes.values()).noneMatch(n -> n.box().overlaps(mesh.box()));
        assertEveryRule(g, d);
    }

    @Test
    void aGroupIsNoMeshWhenAPairIsMissingTheLabelsDifferOrOnlyTwoWorkloadsReachEachOther() {
        Diagram shop = Examples.isolatedShop();
        List<Edge> missing = new ArrayList<>(shop.edges());
        missing.removeIf(e -> e.from().equals("team-a/frontend [Deployment]") && e.to().equals("team-a/database [StatefulSet]"));
        List<Edge> differ = new ArrayList<>(shop.edges());
        differ.replaceAll(e -> e.from().equals("team-a/frontend [Deployment]") && e.to().equals("team-a/backend [Deployment]")
                ? new Edge(e.from(), e.to(), "TCP 8080", false) : e);
        Diagram two = new Diagram("", List.of(new Group("ns", "ns", true)),
                List.of(new Node("a", "a", "ns", Kind.WORKLOAD, true), new Node("b", "b", "ns", Kind.WORKLOAD, true)),
                List.of(new Edge("a", "b", "All Connections", false), new Edge("b", "a", "All Connections", false)));

        for (Diagram g : List.of(new Diagram("", shop.groups(), shop.nodes(), missing),
                new Diagram("", shop.groups(), shop.nodes(), differ), two)) {
            Drawing d = Drawing.of(Svg.render(g));
            assertThat(d.meshes).isEmpty();
            assertThat(d.meshEdges).isEmpty();
            assertThat(d.edges).hasSize(g.edges().size());
            assertEveryRule(g, d);
        }
    }

    static void assertEveryRule(Diagram g, Drawing d) {
        assertNoOverlaps(d);
        assertEdgesMeetTheirNodes(d);
        for (DrawnGroup grp : d.groups) {
            for (Node n : g.nodes()) {
                if (grp.id().equals(n.groupId())) {
                    assertThat(grp.box().contains(d.nodes.get(n.id()).box())).as("%s holds %s", grp.id(), n.id()).isTrue();
                }
            }
            for (DrawnGroup other : d.groups) {
                if (other != grp) {
                    assertThat(grp.box().overlaps(other.box())).as("%s and %s", grp.id(), other.id()).isFalse();
                }
            }
        }
        for (DrawnNode n : d.nodes.values()) {
            for (DrawnGroup grp : d.groups) {
                if (!grp.id().equals(g.nodes().stream().filter(x -> x.id().equals(n.id())).findFirst().orElseThrow().groupId())) {
                    assertThat(grp.box().overlaps(n.box())).as("%s outside %s", n.id(), grp.id()).isFalse();
                }
            }
        }
    }

    @Test
    void aGraphOf120NodesAnd1000EdgesIsDrawnWithoutOverlaps() {
        // How long it takes is the benchmark's to say (it/bench/run.py), not a unit test's.
        Diagram g = Examples.large(112, 1000, 5);
        assertThat(g.nodes()).hasSize(120);
        assertNoOverlaps(Drawing.of(Svg.render(g)));
    }

    static void assertNoOverlaps(Drawing d) {
        List<DrawnNode> nodes = new ArrayList<>(d.nodes.values());
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = i + 1; j < nodes.size(); j++) {
                assertThat(nodes.get(i).box().overlaps(nodes.get(j).box()))
                        .as("%s and %s", nodes.get(i).id(), nodes.get(j).id()).isFalse();
            }
        }
        for (DrawnLabel l : d.labels) {
            for (DrawnNode n : nodes) {
                assertThat(l.box().overlaps(n.box())).as("label %s on %s", l.text(), n.id()).isFalse();
            }
        }
        for (int i = 0; i < d.labels.size(); i++) {
            for (int j = i + 1; j < d.labels.size(); j++) {
                assertThat(d.labels.get(i).box().overlaps(d.labels.get(j).box()))
                        .as("label %s on label %s", d.labels.get(i).text(), d.labels.get(j).text()).isFalse();
            }
        }
    }

    /** An edge starts on its source's box, at its left or right side, and ends likewise on its target's. */
    static void assertEdgesMeetTheirNodes(Drawing d) {
        double side = Layout.HEX_INSET + 0.1;
        for (DrawnEdge e : d.edges) {
            Drawing.Box from = d.nodes.get(e.from()).box();
            Drawing.Box to = d.nodes.get(e.to()).box();
            assertThat(from.holds(e.start()[0], e.start()[1], 0.1)).as("%s starts on %s", e.domId(), e.from()).isTrue();
            assertThat(Math.min(e.start()[0] - from.x(), from.right() - e.start()[0])).as("%s starts at a side", e.domId())
                    .isLessThanOrEqualTo(side);
            assertThat(to.holds(e.end()[0], e.end()[1], 0.1)).as("%s ends on %s", e.domId(), e.to()).isTrue();
            assertThat(Math.min(e.end()[0] - to.x(), to.right() - e.end()[0])).as("%s ends at a side", e.domId())
                    .isLessThanOrEqualTo(side);
        }
    }
}
