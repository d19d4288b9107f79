package io.netpolguard.analyze.picture;

import io.netpolguard.analyze.Diagram;
import io.netpolguard.analyze.Diagram.Edge;
import io.netpolguard.analyze.Diagram.Group;
import io.netpolguard.analyze.Diagram.Node;
import io.netpolguard.analyze.Diagram.Node.Kind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTest {

    private static final Diagram SHOP = Examples.webShop();

    @Test
    void thePageHoldsThePictureInline() {
        String html = Html.render(SHOP);
        String svg = Svg.render(SHOP);
        String element = svg.substring(svg.indexOf("<svg "));
        assertThat(html).startsWith("<!DOCTYPE html>").contains(element);
        assertThat(html.indexOf("<svg ")).isEqualTo(html.lastIndexOf("<svg "));
        Drawing d = Drawing.of(html.substring(html.indexOf("<svg "), html.indexOf("</svg>") + "</svg>".length()));
        assertThat(d.nodes).hasSize(SHOP.nodes().size());
    }

    @Test
    void theTableHasOneRowPerEdgeSortedBySourceTargetAndLabel() {
        List<String[]> rows = rows(Html.render(SHOP));
        assertThat(rows).hasSize(SHOP.edges().size());
        assertThat(rows.get(0)).containsExactly("backend [Deployment] team-a", "0.0.0.0-255.255.255.255 [External]", "TCP 443");
        List<String> keys = rows.stream().map(r -> r[0] + "\u0000" + r[1] + "\u0000" + r[2]).toList();
        assertThat(keys).isSorted();
        assertThat(rows).extracting(r -> r[2]).containsExactlyInAnyOrderElementsOf(SHOP.edges().stream().map(Edge::label).toList());
    }

    @Test
    void theEdgesOfAMeshHaveTheirRowsToo() {
        Diagram g = Examples.isolatedShop();
        List<String[]> rows = rows(Html.render(g));
        assertThat(rows).hasSize(g.edges().size());
        assertThat(rows).filteredOn(r -> r[2].equals("All Connections")).hasSize(20);
    }

    @Test
    void nothingIsLoadedFromTheNetworkAndNothingRuns() {
        String html = Html.render(SHOP);
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link")
                .doesNotContainIgnoringCase("@import").doesNotContainIgnoringCase("src=")
                .doesNotContainIgnoringCase("href=").doesNotContainIgnoringCase("@font-face")
                .contains("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"");
        Matcher urls = Pattern.compile("(https?:)?//[^\"\\s]*").matcher(html);
        while (urls.find()) {
            assertThat(urls.group()).as("the only address: the SVG namespace").isEqualTo("http://www.w3.org/2000/svg");
        }
    }

    @Test
    void hostileNamesCannotBreakOutOfThePage() {
        String hostile = "</td></tr></table><script>alert('x')</script>&amp;\"";
        Diagram g = new Diagram(hostile, List.of(new Group(hostile, hostile, true)),
                List.of(new Node("a", hostile, hostile, Kind.WORKLOAD, true), new Node("b", "b", null, Kind.EXTERNAL, false)),
                List.of(new Edge("a", "b", hostile, false)));
        String html = Html.render(g);
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("</td></tr></table><");
        assertThat(rows(html)).hasSize(1);
        assertThat(rows(html).get(0)[2]).isEqualTo("</td></tr></table><script>alert('x')</script>&amp;\"");
    }

    @Test
    void theSameGraphGivesTheSamePage() {
        assertThat(Html.render(Examples.webShop())).isEqualTo(Html.render(Examples.webShop()));
    }

    /** The table's rows: each cell's text, tags removed and entities decoded. */
    private static List<String[]> rows(String html) {
        String body = html.substring(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
        List<String[]> rows = new ArrayList<>();
        Matcher tr = Pattern.compile("<tr>(.*?)</tr>").matcher(body);
        while (tr.find()) {
            List<String> cells = new ArrayList<>();
            Matcher td = Pattern.compile("<td>(.*?)</td>").matcher(tr.group(1));
            while (td.find()) {
                cells.add(decode(td.group(1).replaceAll("<[^>]*>", "")));
            }
            rows.add(cells.toArray(new String[0]));
        }
        return rows;
    }

    private static String decode(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
