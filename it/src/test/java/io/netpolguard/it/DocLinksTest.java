package io.netpolguard.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README and the pages under docs/ as a reader on GitHub follows them: every relative link leads to a file that
 * exists, and every #anchor to a heading of that page (GitHub's anchors: lower case, punctuation dropped, spaces as
 * hyphens, repeated headings numbered). Also what the README promises a newcomer: it stays short, and its test
 * command is the one CI runs.
 */
class DocLinksTest {

    private static final Path ROOT = root();

    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern LINK = Pattern.compile("!?\\[(?:[^\\[\\]]|\\[[^\\]]*])*]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern CODE_SPAN = Pattern.compile("`+[^`]*`+");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");

    private static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isRegularFile(here.resolve("README.md")) && Files.isDirectory(here.resolve("docs")) ? here
                : here.getParent();
    }

    @Test
    void everyRelativeLinkOfTheReadmeAndTheDocsLeadsToAFileAndEveryAnchorToAHeading() throws IOException {
        List<Path> pages = pages();
        assertThat(pages).contains(ROOT.resolve("README.md"), ROOT.resolve("docs/analyze.md"));
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            for (String target : links(Files.readString(page, StandardCharsets.UTF_8))) {
                if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
                    continue; // https:, mailto:: not a file of this repository
                }
                checked++;
                String problem = problem(page, target);
                if (problem != null) {
                    broken.add(ROOT.relativize(page) + ": " + target + ": " + problem);
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
        assertThat(checked).isGreaterThan(50);
    }

    @Test
    void theReadmeFitsInEightKilobytesAndLinksToEveryPageOfTheDocs() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);

        assertThat(readme.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(8 * 1024);
        Set<String> linked = new LinkedHashSet<>();
        for (String target : links(readme)) {
            linked.add(target.replaceFirst("#.*", ""));
        }
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            List<String> pages = docs.filter(p -> p.toString().endsWith(".md")).map(p -> "docs/" + p.getFileName())
                    .toList();
            assertThat(linked).containsAll(pages);
        }
    }

    @Test
    void theReadmeGivesTheTestCommandThatCiRunsAndTheDemoCommand() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run")).stream()
                .filter(l -> l.startsWith("./mvnw")).toList();

        assertThat(ci).containsExactly("./mvnw -B verify");
        assertThat(readme.lines().map(String::strip)).anyMatch(l -> l.startsWith(ci.get(0) + " "))
                .anyMatch(l -> l.startsWith("./mvnw -q -B install -DskipTests && examples/demo.sh"));
        assertThat(ROOT.resolve("examples/demo.sh")).isExecutable();
    }

    /** What is wrong with one link of a page, or null. */
    private static String problem(Path page, String target) throws IOException {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
        if (!resolved.startsWith(ROOT)) {
            return "leads outside the repository";
        }
        if (!Files.exists(resolved)) {
            return "no such file";
        }
        if (anchor == null) {
            return null;
        }
        if (!resolved.toString().endsWith(".md")) {
            return "an anchor into a file that is not Markdown";
        }
        Set<String> anchors = anchors(Files.readString(resolved, StandardCharsets.UTF_8));
        return anchors.contains(anchor) ? null : "no heading with the anchor #" + anchor + " (there are " + anchors + ")";
    }

    /** The Markdown files a reader reaches: README.md, docs/, and the other READMEs, outside build folders. */
    private static List<Path> pages() throws IOException {
        try (Stream<Path> all = Files.walk(ROOT)) {
            return all.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p))
                    .filter(p -> {
                        for (Path part : ROOT.relativize(p)) {
                            String s = part.toString();
                            if (s.equals("target") || s.startsWith(".") || s.equals("node_modules")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted().toList();
        }
    }

    /** The link targets of a page, outside fenced code blocks and code spans. */
    static List<String> links(String markdown) {
        List<String> targets = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
                continue;
            }
            if (fenced || line.startsWith("    ")) {
                continue;
            }
            Matcher m = LINK.matcher(CODE_SPAN.matcher(line).replaceAll(""));
            while (m.find()) {
                targets.add(m.group(1));
            }
        }
        return targets;
    }

    /** The anchors GitHub gives a page's headings (and its explicit {@code <a name>} anchors). */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                continue;
            }
            Matcher a = HTML_ANCHOR.matcher(line);
            while (a.find()) {
                anchors.add(a.group(1));
            }
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                String slug = slug(h.group(2));
                int n = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(n == 0 ? slug : slug + "-" + n);
            }
        }
        return anchors;
    }

    /** GitHub's anchor of a heading: link text kept, markup and punctuation dropped, lower case, spaces as hyphens. */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)]\\([^)]*\\)", "$1");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "").replace(' ', '-');
    }

    @Test
    void anchorsAreMadeAsGitHubMakesThem() {
        assertThat(slug("Segregate the components: `--segregate`")).isEqualTo("segregate-the-components---segregate");
        assertThat(slug("What stays open: allowances")).isEqualTo("what-stays-open-allowances");
        assertThat(slug("Gate a release in CI: the connectivity lock")).isEqualTo("gate-a-release-in-ci-the-connectivity-lock");
        assertThat(anchors("# A\n## A\n```\n# not a heading\n```\n### B_c d.e\n")).containsExactly("a", "a-1", "b_c-de");
        assertThat(links("[a](x.md#y) `[b](no.md)` ![c](img.svg)\n```\n[d](no.md)\n```\n    [e](no.md)\n"))
                .containsExactly("x.md#y", "img.svg");
    }
}
