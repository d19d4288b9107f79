package io.netpolguard.maven;

import io.netpolguard.analyze.Diagram;
import io.netpolguard.analyze.Diagram.Edge;
import io.netpolguard.analyze.Diagram.Node;
import io.netpolguard.analyze.Mermaid;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Markdown list written beside the plugin's picture speaks to a Maven user. */
class ConnectivityTest {

    @Test
    void aGraphTooLargeForMermaidPointsToThePictureBesideItNotToTheCommandLine() {
        List<Node> nodes = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            nodes.add(new Node("n" + i, "n" + i, null, Node.Kind.EXTERNAL, false));
        }
        for (int i = 0; i < 30; i++) {
            for (int j = 0; j < 30; j++) {
                if (i != j) {
                    edges.add(new Edge("n" + i, "n" + j, "TCP 1", false));
                }
            }
        }

        String block = Mermaid.block(new Diagram("", List.of(), nodes, edges), MavenWords.WORDS);

        assertThat(block).startsWith("The diagram of these 30 peers and 870 arrows is left out")
                .endsWith("The picture written beside this file draws it.\n")
                .doesNotContain("netpol-guard analyze").doesNotContainPattern("(?<![\\w-])--[a-z]");
    }
}
