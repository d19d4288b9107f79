package io.netpolguard.analyze;

import io.netpolguard.analyze.Diagram.Edge;
import io.netpolguard.analyze.Diagram.Group;
import io.netpolguard.analyze.Diagram.Node;
import io.netpolguard.analyze.Diagram.Node.Kind;
import io.netpolguard.config.Words;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.netpolguard.analyze.AnalyzerTest.deployment;
import static io.netpolguard.analyze.AnalyzerTest.manifest;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Mermaid block at the end of the Markdown list, which GitHub and GitLab draw: the same graph as the picture,
 * read back here line by line as Mermaid reads it (quoted labels, entity codes), so a name can never become syntax.
 */
class MermaidTest {

    /** The release shop in team-a, isolated the way the post-renderer does it, with DNS and an ingress route. */
    private static final String ISOLATED = deployment("team-a", "web", "{app: web, netpol-guard.io/release: shop}", "[{containerPort: 8080}]")
            + deployment("team-a", "api", "{app: api, netpol-guard.io/release: shop}", "[{containerPort: 8080}]")
            + deployment("team-a", "db", "{app: db, netpol-guard.io/release: shop}", "[{containerPort: 5432}]")
            + """
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: shop-netpol-guard, namespace: team-a}
            spec:
              podSelector: {matchLabels: {netpol-guard.io/release: shop}}
              policyTypes: [Ingress, Egress]
              ingress: [{from: [{podSelector: {matchLabels: {netpol-guard.io/release: shop}}}]}]
              egress:
              - to: [{podSelector: {matchLabels: {netpol-guard.io/release: shop}}}]
              - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}},
                      podSelector: {matchLabels: {k8s-app: kube-dns}}}]
                ports: [{port: 53, protocol: UDP}]
            """;

    private static Analysis analysis(String yaml, Options options) {
        return Analyzer.analyze(manifest(yaml), options);
    }

    @Test
    void theMarkdownListKeepsNpGuardsTablesAndEndsWithAMermaidBlockOfTheSameGraph() {
        Analysis a = analysis(ISOLATED, new Options("team-a", true).withRelease("shop"));

        String md = Format.MD.render(a);

        assertThat(md).startsWith(Format.md(a)).endsWith("\n```\n");
        assertThat(md.substring(Format.md(a).length())).startsWith("\n```mermaid\n---\ntitle: \"Release shop in namespace team-a\"\n---\nflowchart LR\n");
        assertThat(md.lines().filter(l -> l.startsWith("```"))).containsExactly("```mermaid", "```");
        Read read = Read.of(md);
        Diagram d = Diagram.of(a);
        assertThat(read.nodes.values()).containsExactlyInAnyOrderElementsOf(d.nodes().stream().map(Node::label).toList());
        List<String> drawn = new ArrayList<>(read.edges);
        List<String> expected = new ArrayList<>();
        for (Edge e : d.edges()) {
            if (!e.from().startsWith("team-a/") || !e.to().startsWith("team-a/")) {
                expected.add(label(d, e.from()) + (e.exposure() ? " -.-> " : " --> ") + label(d, e.to()) + " : " + e.label());
            }
        }
        assertThat(drawn).containsExactlyInAnyOrderElementsOf(expected)
                .contains("web[Deployment] -.-> [pod with {k8s-app=kube-dns}] : UDP 53");
    }

    @Test
    void workloadsThatAllReachEachOtherAreSaidOnceInTheirNamespacesTitleInsteadOfSixArrows() {
        Analysis a = analysis(ISOLATED, new Options("team-a", true).withRelease("shop"));

        Read read = Read.of(Format.MD.render(a));

        assertThat(read.groups).contains("team-a (3 workloads reach each other: All Connections)", "kube-system");
        assertThat(read.edges).noneMatch(e -> e.matches("(web|api|db)\\[Deployment] --> (web|api|db)\\[Deployment] : .*"));
    }

    @Test
    void theReleaseIsOutlinedAndPeersOutsideTheInputAreDashed() {
        Analysis a = analysis(ISOLATED + deployment("team-a", "other", "{app: other}", ""),
                new Options("team-a", true).withRelease("shop"));

        Read read = Read.of(Format.MD.render(a));

        assertThat(read.classes.get("release")).extracting(read.nodes::get)
                .containsExactlyInAnyOrder("web[Deployment]", "api[Deployment]", "db[Deployment]");
        assertThat(read.classes.get("outside")).extracting(read.nodes::get)
                .contains("[pod with {k8s-app=kube-dns}]", "any pod of any namespace");
    }

    @Test
    void eachKindOfPeerHasItsShape() {
        Diagram d = new Diagram("", List.of(new Group("ns", "ns", true)),
                List.of(new Node("w", "w", "ns", Kind.WORKLOAD, true), new Node("e", "e", null, Kind.EXTERNAL, false),
                        new Node("i", "i", null, Kind.INGRESS_CONTROLLER, false),
                        new Node("c", "c", null, Kind.CLUSTER_PEER, false)),
                List.of(new Edge("i", "w", "TCP 80", false), new Edge("w", "e", "", false), new Edge("c", "w", "TCP 1", true)));

        String text = Mermaid.flowchart(d, d.meshes());

        assertThat(text).doesNotContain("title").contains("  subgraph g0[\"ns\"]\n    n0[\"w\"]\n  end\n",
                "  n1([\"e\"])\n", "  n2{{\"i\"}}\n", "  n3(\"c\")\n", "  n2 -->|\"TCP 80\"| n0\n", "  n0 --> n1\n",
                "  n3 -.->|\"TCP 1\"| n0\n");
    }

    @Test
    void hostileNamesStayTextAndReadBackUnchanged() {
        String hostile = "a\"b] --> x; end #quot; #35; &amp; <img src=x onerror=alert(1)> %%{init: {\"theme\": \"dark\"}}%% |c| `d`\nnext\u2028line";
        Diagram d = new Diagram(hostile, List.of(new Group("g", hostile, true)),
                List.of(new Node("x", hostile, "g", Kind.WORKLOAD, true), new Node("end", "end", null, Kind.EXTERNAL, false)),
                List.of(new Edge("x", "end", hostile, false)));

        String block = Mermaid.block(d, Words.COMMAND);

        String expected = hostile.replace('\n', ' ').replace('\u2028', ' ');
        Read read = Read.of(block);
        assertThat(read.nodes).containsEntry("n0", expected).containsEntry("n1", "end");
        assertThat(read.groups).containsExactly(expected);
        assertThat(read.edges).containsExactly(expected + " --> end : " + expected);
        assertThat(block.lines()).allSatisfy(l -> assertThat(l).doesNotStartWith("%%"))
                .filteredOn(l -> l.startsWith("```")).containsExactly("```mermaid", "```");
        assertThat(block).doesNotContain("<", ">\"", "%");
        assertThat(block.substring(block.indexOf("flowchart LR"))).doesNotContain("`d");
        int start = block.indexOf("```mermaid\n---\n") + 15;
        String frontMatter = block.substring(start, block.indexOf("\n---\n", start));
        Map<String, Object> yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(frontMatter);
        assertThat(yaml).containsOnlyKeys("title");
        assertThat(yaml.get("title")).isEqualTo(expected.replace('<', '\u2039').replace('>', '\u203a').replace('%', '\uff05'));
    }

    @Test
    void aGraphLargerThanMermaidDrawsIsASentenceInsteadOfABlockThatWouldOnlyShowAnError() {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            nodes.add(new Node("n" + i, "n" + i, null, Kind.EXTERNAL, false));
        }
        for (int i = 0; i < 30; i++) {
            for (int j = 0; j < 30 && edges.size() <= Mermaid.MAX_EDGES; j++) {
                if (i != j) {
                    edges.add(new Edge("n" + i, "n" + j, "TCP 1", false));
                }
            }
        }
        Diagram large = new Diagram("", List.of(), nodes, edges);

        assertThat(Mermaid.block(large, Words.COMMAND)).isEqualTo("The diagram of these 30 peers and 501 arrows is left"
                + " out: Mermaid draws at most 500 arrows and 50000 characters. `netpol-guard analyze --format=svg`"
                + " draws it.\n");
        assertThat(Mermaid.block(new Diagram("", List.of(), nodes, edges.subList(0, 500)), Words.COMMAND))
                .startsWith("```mermaid\n");
    }

    @Test
    void anInputWithNoPeerAddsNothingToTheList() {
        Analysis a = analysis("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n", Options.DEFAULT);

        assertThat(Format.MD.render(a)).isEqualTo(Format.md(a)).doesNotContain("mermaid");
    }

    private static String label(Diagram d, String id) {
        return d.nodes().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow().label();
    }

    /** The block read back as Mermaid reads it: node labels by id, subgraph titles, edges, classes. */
    private record Read(Map<String, String> nodes, List<String> groups, List<String> edges, Map<String, List<String>> classes) {

        private static final Pattern NODE = Pattern.compile(" *(n\\d+)(?:\\[|\\(\\[|\\{\\{|\\()\"([^\"]*)\"(?:]|]\\)|}}|\\))");
        private static final Pattern GROUP = Pattern.compile(" *subgraph g\\d+\\[\"([^\"]*)\"]");
        private static final Pattern EDGE = Pattern.compile(" *(n\\d+) (-->|-\\.->)(?:\\|\"([^\"]*)\"\\|)? (n\\d+)");
        private static final Pattern CLASS = Pattern.compile(" *class ([n\\d,]+) (\\w+)");
        private static final Pattern ENTITY = Pattern.compile("#(\\w+);");
        private static final Map<String, String> NAMED = Map.of("quot", "\"", "amp", "&", "lt", "<", "gt", ">");

        static Read of(String markdown) {
            String block = markdown.substring(markdown.indexOf("```mermaid\n"));
            Map<String, String> nodes = new LinkedHashMap<>();
            List<String> groups = new ArrayList<>();
            List<String[]> links = new ArrayList<>();
            Map<String, List<String>> classes = new LinkedHashMap<>();
            for (String line : block.lines().toList()) {
                Matcher m;
                if ((m = NODE.matcher(line)).matches()) {
                    nodes.put(m.group(1), decode(m.group(2)));
                } else if ((m = GROUP.matcher(line)).matches()) {
                    groups.add(decode(m.group(1)));
                } else if ((m = EDGE.matcher(line)).matches()) {
                    links.add(new String[] {m.group(1), m.group(2), m.group(3) == null ? "" : decode(m.group(3)), m.group(4)});
                } else if ((m = CLASS.matcher(line)).matches()) {
                    classes.put(m.group(2), List.of(m.group(1).split(",")));
                } else {
                    assertThat(line).matches("```(mermaid)?|---|title: .*|flowchart LR|  end|  classDef \\w+ .*");
                }
            }
            List<String> edges = new ArrayList<>();
            for (String[] l : links) {
                edges.add(nodes.get(l[0]) + " " + l[1] + " " + nodes.get(l[3]) + " : " + l[2]);
            }
            return new Read(nodes, groups, edges, classes);
        }

        /** Mermaid's entity codes ("#quot;", "#35;") as the characters it shows. */
        static String decode(String s) {
            assertThat(s).doesNotContain("<", ">", "&", "%", "|", "`");
            assertThat(s.replaceAll("#\\w+;", "")).doesNotContain("#");
            Matcher m = ENTITY.matcher(s);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String code = m.group(1);
                m.appendReplacement(sb, Matcher.quoteReplacement(code.chars().allMatch(Character::isDigit)
                        ? Character.toString(Integer.parseInt(code)) : NAMED.get(code)));
            }
            return m.appendTail(sb).toString();
        }
    }
}
