package io.netpolguard.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code netpol-guard analyze} command line: inputs, formats, exit codes, one-paragraph errors. */
class AnalyzeTest {

    private static final String WEB = PostRenderer.WEB;
    private static final String DB = """
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: shop-db, namespace: shop}
            spec:
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec: {containers: [{name: db, image: postgres, ports: [{name: pg, containerPort: 5432}]}]}
            ---
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata: {name: db, namespace: shop}
            spec:
              podSelector: {matchLabels: {app: db}}
              ingress: [{from: [{namespaceSelector: {}, podSelector: {matchLabels: {app: web}}}], ports: [{port: pg}]}]
            """;

    private static PostRenderer.Run analyze(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("analyze"));
        all.addAll(List.of(args));
        return PostRenderer.run(stdin, all.toArray(String[]::new));
    }

    private static void assertOneParagraphError(PostRenderer.Run run, String... contains) {
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).startsWith("netpol-guard: error: ").endsWith("\n").contains(contains)
                .doesNotContain("\tat ", "Exception");
        assertThat(run.stderr().strip()).doesNotContain("\n");
    }

    @Test
    void stdinIsAnalysedWhenNoPathIsGiven() {
        PostRenderer.Run run = analyze(WEB + DB, "--namespace=shop");

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.out()).contains("shop/shop-web[Deployment] => shop/shop-db[StatefulSet] : TCP 5432\n",
                "0.0.0.0-255.255.255.255[External] => shop/shop-web[Deployment] : All Connections\n")
                .doesNotContain("0.0.0.0-255.255.255.255[External] => shop/shop-db");
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void foldersAreReadRecursivelyInSortedOrderAndFilesAndStdinCanBeMixed(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("m/sub"));
        Files.writeString(dir.resolve("m/sub/db.yaml"), DB);
        Files.writeString(dir.resolve("m/notes.txt"), "not: [a manifest");
        Path web = Files.writeString(dir.resolve("web.yml"), WEB.replace("name: shop-web", "name: shop-web\n  namespace: shop"));

        PostRenderer.Run both = analyze("", dir.resolve("m").toString(), web.toString());
        PostRenderer.Run mixed = analyze(WEB.replace("name: shop-web", "name: shop-web\n  namespace: shop"),
                dir.resolve("m").toString(), "-");

        assertThat(both.exit()).as(both.stderr()).isZero();
        assertThat(both.out()).contains("shop/shop-web[Deployment] => shop/shop-db[StatefulSet] : TCP 5432");
        assertThat(mixed.out()).isEqualTo(both.out());
    }

    @Test
    void everyFormatIsWrittenAndTheSameInputGivesTheSameBytes() {
        for (String format : new String[] {"txt", "json", "csv", "md", "dot", "svg", "html"}) {
            PostRenderer.Run first = analyze(WEB + DB, "--format=" + format, "--exposure");
            PostRenderer.Run second = analyze(WEB + DB, "--format", format, "--exposure");
            assertThat(first.exit()).as(format + ": " + first.stderr()).isZero();
            assertThat(first.stdout()).as(format).isEqualTo(second.stdout()).isNotEmpty();
        }
        assertThat(analyze(WEB + DB, "--format=json").out()).startsWith("{\n  \"peers\": [");
        assertThat(analyze(WEB + DB, "--format=dot").out()).startsWith("digraph {\n");
        assertThat(analyze(WEB + DB, "--format=svg").out()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ");
        assertThat(analyze(WEB + DB, "--format=HTML").out()).startsWith("<!DOCTYPE html>\n");
    }

    @Test
    void exposureListsUnprotectedWorkloads() {
        PostRenderer.Run run = analyze(WEB + DB, "--exposure", "--namespace=shop");

        assertThat(run.out()).contains("Exposure Analysis Result:\n", "shop/shop-web[Deployment] is not protected on Ingress");
    }

    @Test
    void theOutputGoesToTheFileNamedAndNothingToStdout(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("connections.md");

        PostRenderer.Run run = analyze(WEB, "--format=md", "--output=" + out);

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.stdout()).isEmpty();
        assertThat(Files.readString(out)).startsWith("| src | dst | conn |\n");
    }

    @Test
    void explainSaysWhichRuleAdmitsAConnection() {
        PostRenderer.Run run = analyze(WEB + DB, "explain", "shop-web", "shop/shop-db", "TCP/5432", "-", "--namespace=shop");

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.out()).startsWith("shop/shop-web[Deployment] => shop/shop-db[StatefulSet] on TCP 5432: allowed\n")
                .contains("admitted by NetworkPolicy shop/db spec.ingress[0]");
    }

    @Test
    void diffComparesTwoInputs(@TempDir Path dir) throws IOException {
        Path before = Files.writeString(dir.resolve("before.yaml"), WEB + DB.substring(0, DB.indexOf("---\napiVersion: networking")));
        Path after = Files.writeString(dir.resolve("after.yaml"), WEB + DB);

        PostRenderer.Run run = analyze("", "diff", before.toString(), after.toString());

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(run.out()).startsWith("Connectivity diff:\n").contains(
                "diff-type: changed, source: default/shop-web[Deployment], destination: shop/shop-db[StatefulSet], "
                        + "before: All Connections, after: TCP 5432");
    }

    @Test
    void helpDescribesEveryOptionAndExitsZero() {
        PostRenderer.Run run = analyze("", "--help");

        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("netpol-guard analyze [options] [PATH ...]", "--format=", "--exposure",
                "--namespace=", "--release=", "--output=", "explain", "diff", "svg", "html",
                "With dot, svg and html, those\n                    peers are drawn too");
    }

    @Test
    void anUnknownOptionIsAUsageErrorInOneParagraph() {
        assertOneParagraphError(analyze(WEB, "--exposre"), "unknown option \"--exposre\"", "analyze --help");
        assertOneParagraphError(analyze(WEB, "--format=svgz"), "--format=svgz is no format",
                "txt, json, csv, md, dot, svg or html");
        assertOneParagraphError(analyze(WEB, "diff", "only-one"), "two inputs");
        assertOneParagraphError(analyze(WEB, "explain", "a", "b"), "SOURCE, DESTINATION and PROTOCOL/PORT");
    }

    @Test
    void explainAndDiffDrawNoPictureAndTakeNoRelease(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("a.yaml"), WEB);
        String before = a.toString();

        assertOneParagraphError(analyze(WEB, "diff", before, "-", "--format=svg"),
                "analyze diff writes txt, json, csv or md, not svg", "analyze --help");
        assertOneParagraphError(analyze(WEB, "diff", before, "-", "--format=html"), "not html");
        assertOneParagraphError(analyze(WEB, "explain", "shop-web", "shop-web", "TCP/80", "--format=svg"),
                "analyze explain writes txt only");
        assertOneParagraphError(analyze(WEB, "explain", "shop-web", "shop-web", "TCP/80", "--format=html"),
                "analyze explain writes txt only");
        assertOneParagraphError(analyze(WEB, "diff", before, "-", "--release=shop"), "--release is for the connection list");
        assertOneParagraphError(analyze(WEB, "explain", "shop-web", "shop-web", "TCP/80", "--release=shop"),
                "--release is for the connection list");
        assertOneParagraphError(analyze(WEB, "--release="), "--release needs a non-empty value");
    }

    @Test
    void aMissingPathOrAFolderWithoutManifestsIsAnInputError(@TempDir Path dir) {
        assertOneParagraphError(analyze("", dir.resolve("nope").toString()), "There is no file or folder");
        assertOneParagraphError(analyze("", dir.toString()), "holds no *.yaml, *.yml or *.json file");
        assertOneParagraphError(analyze("# only a comment\n"), "holds no Kubernetes object", "stdin");
    }

    @Test
    void invalidYamlNamesTheFileAndItsOwnLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), WEB);
        Files.writeString(dir.resolve("b.yaml"), "---\napiVersion: v1\nkind: Service\nmetadata: {name: x}\n"
                + "---\napiVersion: v1\nkind: Service: x\nmetadata: {name: y}\n");

        PostRenderer.Run run = analyze("", dir.toString());

        assertOneParagraphError(run, "Document 2 (" + dir + "/b.yaml), line 7 is not valid YAML",
                "Fix that manifest");
    }

    @Test
    void anExplainOfAnUnknownWorkloadIsAnInputErrorThatListsWorkloads() {
        assertOneParagraphError(analyze(WEB, "explain", "nope", "shop-web", "TCP/80"), "\"nope\" is no workload",
                "default/shop-web[Deployment]");
    }

    @Test
    void aTextListLoadsNoClassThatDrawsAPictureAndASvgOneDoes(@TempDir Path dir) throws Exception {
        String text = LoadedClasses.of(dir, WEB, "analyze", "--format=txt");
        String svg = LoadedClasses.of(dir, WEB, "analyze", "--format=svg");

        assertThat(text).contains("io.netpolguard.analyze.Analyzer", "io.netpolguard.analyze.Picture")
                .doesNotContain("io.netpolguard.analyze.picture.");
        assertThat(svg).contains("io.netpolguard.analyze.picture.Pictures", "io.netpolguard.analyze.picture.Svg",
                "<svg");
    }

    @Test
    void theConfiguredIngressControllersStandForTheIngressControllerToo(@TempDir Path dir)
            throws Exception {
        String stream = WEB.replace("containers: [{name: web, image: nginx}]",
                "containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]") + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: web}
                spec: {defaultBackend: {service: {name: web, port: {number: 80}}}}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: web-from-traefik}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  ingress:
                    - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: traefik}},
                              podSelector: {matchLabels: {app.kubernetes.io/name: traefik}}}]
                """;
        Path config = dir.resolve("config.yaml");
        Files.writeString(config,
                "ingressControllers: [{namespace: traefik, podLabels: {app.kubernetes.io/name: traefik}}]\n");

        PostRenderer.Run standIn = analyze(stream);
        PostRenderer.Run configured = analyze(stream, "--config=" + config);

        assertThat(standIn.out()).doesNotContain("{ingress-controller}");
        assertThat(standIn.stderr()).contains("NetworkPolicies let no ingress controller pod through on TCP 8080");
        assertThat(configured.exit()).as(configured.stderr()).isZero();
        assertThat(configured.out()).contains("{ingress-controller} => default/shop-web[Deployment] : TCP 8080");
    }

    @Test
    void theConnectivityLockIsWrittenOnceThenHeldAndADriftExitsOneWithTheDifference(
            @TempDir Path dir) throws Exception {
        Path lock = dir.resolve("shop.connectivity.txt");
        Path isolated = dir.resolve("isolated.yaml");
        PostRenderer.Run postRendered = PostRenderer.run(WEB, "--release=shop");
        assertThat(postRendered.exit()).as(postRendered.stderr()).isZero();
        Files.write(isolated, postRendered.stdout());

        PostRenderer.Run written = analyze("", "--expect=" + lock, "--update-expect", isolated.toString());
        PostRenderer.Run held = analyze("", "--expect=" + lock, isolated.toString());
        PostRenderer.Run drifted = analyze(WEB, "--expect=" + lock);

        assertThat(written.exit()).as(written.stderr()).isZero();
        assertThat(written.stderr()).contains("wrote the connectivity lock");
        assertThat(Files.readString(lock)).contains("Exposure Analysis Result:",
                "default/shop-web[Deployment] \t=> \tkube-system/[pod with {k8s-app=kube-dns}] : TCP 53,UDP 53");
        assertThat(held.exit()).as(held.stderr()).isZero();
        assertThat(drifted.exit()).isEqualTo(1);
        assertThat(drifted.stderr()).startsWith("netpol-guard: refused: the connectivity of the output differs from the"
                + " lock file").contains("\n+ 0.0.0.0-255.255.255.255[External] => default/shop-web[Deployment] :"
                + " All Connections", "--update-expect");
    }

    @Test
    void updateExpectIsASwitchAsForThePostRenderer(@TempDir Path dir) throws Exception {
        Path lock = dir.resolve("lock.txt");
        assertThat(analyze(WEB, "--expect=" + lock, "--update-expect=true").exit()).isZero();
        assertThat(lock).exists();
        Files.writeString(lock, "stale\n");
        assertThat(analyze(WEB, "--expect=" + lock, "--update-expect=false").exit()).as("compared, not written")
                .isEqualTo(1);
        assertOneParagraphError(analyze(WEB, "--expect=" + lock, "--update-expect=yes"), "--update-expect takes no value");
    }

    @Test
    void findingsForCiNameTheChartTemplateOfAPermissiveRule(@TempDir Path dir)
            throws Exception {
        Path sarif = dir.resolve("findings.sarif");
        String open = WEB + """
                ---
                # Source: shop/templates/open.yaml
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: open}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  ingress: [{ports: [{port: 8080}]}]
                """;

        PostRenderer.Run run = analyze(open, "--release=shop", "--findings=sarif", "--findings-file=" + sarif);

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(Files.readString(sarif)).contains("\"version\": \"2.1.0\"", "\"ruleId\": \"cross-release\"",
                "\"uri\": \"shop/templates/open.yaml\"", "\"uri\": \"shop/templates/web.yaml\"");
    }

    @Test
    void theLockAndTheFindingsAreForTheConnectionListOnly() {
        assertOneParagraphError(analyze(WEB, "diff", "--expect=x", "a", "b"), "--expect and --findings are for the"
                + " connection list");
        assertOneParagraphError(analyze(WEB, "--update-expect"), "--update-expect needs --expect=FILE");
    }
}

