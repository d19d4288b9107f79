package io.netpolguard.maven;

import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.Mockito;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static io.netpolguard.maven.TestProjects.BARE;
import static io.netpolguard.maven.TestProjects.CHART;
import static io.netpolguard.maven.TestProjects.MANIFESTS;
import static io.netpolguard.maven.TestProjects.outputTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The goals as Maven configures them from a pom (maven-plugin-testing-harness), run against small projects in
 * src/test/projects with the embedded Helm. Output goes to a temporary folder, never into the projects.
 */
@MojoTest
class NetpolGuardMojoTest {

    @TempDir
    Path out;

    @Test
    @Basedir(CHART)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void isolateRendersTheDefaultChartAndWritesIsolatedManifestsAndReport(IsolateMojo mojo) throws Exception {
        outputTo(out, mojo);
        mojo.execute();

        String yaml = Files.readString(out.resolve("hello-app.yaml"));
        assertThat(yaml).contains("name: hello-app-hello", "netpol-guard.io/release: hello-app",
                "kind: NetworkPolicy", "image: \"example/hello:1.0.0\"");
        assertThat(Files.readString(out.resolve("hello-app-report.json"))).contains("\"refused\": false",
                "\"release\": \"hello-app\"");
        // Helm rendered the chart from a copy under the work folder of the output directory
        assertThat(out.resolve("work/hello-app/chart/Chart.yaml")).exists();
    }

    @Test
    @Basedir(CHART)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    @MojoParameter(name = "segregate", value = "true")
    void segregateGivesEachWorkloadAPolicyOfItsOwnInsteadOfOneForTheWholeRelease(IsolateMojo mojo) throws Exception {
        outputTo(out, mojo);
        mojo.execute();

        String yaml = Files.readString(out.resolve("hello-app.yaml"));
        assertThat(yaml).contains("name: netpol-guard-deployment-hello-app-hello",
                        "netpol-guard.io/workload: deployment-hello-app-hello")
                .doesNotContain("name: hello-app-netpol-guard", "release: pods of release hello-app reach each other");
        assertThat(Files.readString(out.resolve("hello-app-report.json"))).contains("\"segregated\": true");
    }

    @Test
    @Basedir(CHART)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void isolateDrawsWhoMayReachWhomBesideTheManifestsAsAPictureAndAListWithAMermaidDiagram(IsolateMojo mojo) throws Exception {
        outputTo(out, mojo);
        mojo.execute();

        String svg = Files.readString(out.resolve("hello-app-connectivity.svg"));
        assertThat(javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(out.resolve("hello-app-connectivity.svg").toFile()).getDocumentElement().getTagName())
                .isEqualTo("svg");
        assertThat(svg).contains("Release hello-app in namespace team-a", "hello-app-hello[Deployment]");
        assertThat(Files.readString(out.resolve("hello-app-connectivity.md"))).contains("| src | dst | conn |", "Exposure Analysis Result",
                "team-a/hello-app-hello[Deployment]")
                .contains("```mermaid\n---\ntitle: \"Release hello-app in namespace team-a\"\n---\nflowchart LR\n",
                        // nothing in the chart calls its one Service: the picture says so on its workload
                        "[\"hello-app-hello[Deployment] (nothing reaches Service hello-app-hello)\"]")
                .endsWith("```\n");
    }

    @Test
    @Basedir(CHART)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    @MojoParameter(name = "picture", value = "none")
    void noPictureIsWrittenWhenNoneIsAskedForAndAnEarlierOneIsRemoved(IsolateMojo mojo) throws Exception {
        outputTo(out, mojo);
        Files.writeString(out.resolve("hello-app-connectivity.svg"), "<svg/>");
        Files.writeString(out.resolve("hello-app-connectivity.md"), "earlier");
        mojo.execute();

        assertThat(out.resolve("hello-app.yaml")).exists();
        assertThat(out.resolve("hello-app-connectivity.svg")).doesNotExist();
        assertThat(out.resolve("hello-app-connectivity.md")).doesNotExist();
    }

    @Test
    @Basedir(CHART)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void theImageJibBuiltIsPinnedByDigestInTheChartValues(IsolateMojo mojo) throws Exception {
        outputTo(out, mojo);
        Files.writeString(out.resolve("jib-image.json"), """
                {"image":"registry.example/team/hello:2.0","imageId":"sha256:1111",\
                "imageDigest":"sha256:2222","tags":["2.0","latest"],"imagePushed":false}""");
        mojo.execute();

        assertThat(Files.readString(out.resolve("hello-app.yaml")))
                .contains("image: \"registry.example/team/hello:2.0@sha256:2222\"");
    }

    @Test
    @Basedir(CHART)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void aJibImageFileFromAnEarlierBuildIsIgnored(IsolateMojo mojo) throws Exception {
        outputTo(out, mojo);
        Path jib = out.resolve("jib-image.json");
        Files.writeString(jib, "{\"image\":\"registry.example/team/hello:0.9\",\"imageDigest\":\"sha256:old\"}");
        Files.setLastModifiedTime(jib, FileTime.from(Instant.now().minus(Duration.ofDays(1))));
        MavenExecutionRequest request = Mockito.mock(MavenExecutionRequest.class);
        Mockito.when(request.getStartTime()).thenReturn(new Date());
        mojo.session = Mockito.mock(MavenSession.class);
        Mockito.when(mojo.session.getRequest()).thenReturn(request);
        mojo.execute();

        assertThat(Files.readString(out.resolve("hello-app.yaml"))).contains("image: \"example/hello:1.0.0\"")
                .doesNotContain("sha256:old");
    }

    @Test
    @Basedir(CHART)
    @InjectMojo(goal = "verify", pom = "pom.xml")
    @MojoParameter(name = "checkOnly", value = "true")
    void checkOnlyFailsOnAChartWithoutPoliciesAndSaysWhatToDo(VerifyMojo mojo) {
        outputTo(out, mojo);

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("netpol-guard refused release \"hello-app\"")
                .hasMessageContaining("Deployment team-a/hello-app-hello")
                .hasMessageContaining("Set <checkOnly>false</checkOnly> (or -Dnetpol-guard.checkOnly=false)")
                .hasMessageContaining("hello-app-report.json");
        assertThat(out.resolve("hello-app-report.json")).content().contains("\"refused\": true");
    }

    @Test
    @Basedir(CHART)
    @InjectMojo(goal = "verify", pom = "pom.xml")
    void verifyRendersItselfAndAlsoChecksTheFileIsolateWrote(VerifyMojo mojo) throws Exception {
        outputTo(out, mojo);
        mojo.execute();
        assertThat(out.resolve("hello-app.yaml")).doesNotExist();

        // a hand-edited output without its policies fails verify
        Files.writeString(out.resolve("hello-app.yaml"), """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: hello-app-hello, namespace: team-a}
                spec:
                  template:
                    metadata: {labels: {app: x}}
                    spec: {containers: [{name: c, image: i}]}
                """);
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Deployment team-a/hello-app-hello");
        // the report says so too: it is written from the re-check, not from the fresh render that passed
        assertThat(out.resolve("hello-app-report.json")).content().contains("\"refused\": true");
    }

    @Test
    @Basedir(BARE)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void aWorkloadNothingCanSelectFailsTheBuildWithTheFixAndLeavesNoStaleManifests(IsolateMojo mojo) throws IOException {
        outputTo(out, mojo);
        Files.writeString(out.resolve("bare.yaml"), "stale");

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Job (release namespace)/bare-once")
                .hasMessageContaining("has a pod template with no labels")
                .hasMessageContaining("Set <injectLabels>true</injectLabels>")
                .hasMessageNotContaining("--no-inject-labels");
        assertThat(out.resolve("bare.yaml")).doesNotExist();
    }

    @Test
    @Basedir(MANIFESTS)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void plainManifestsWithInlineConfiguration(IsolateMojo mojo) throws Exception {
        outputTo(out, mojo);
        mojo.execute();

        assertThat(Files.readString(out.resolve("web.yaml"))).contains("# Source: web.yaml",
                "netpol-guard.io/release: web", "kubernetes.io/metadata.name: ingress-nginx")
                .doesNotContain("kube-dns");
    }

    @Test
    @Basedir(MANIFESTS)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    @MojoParameter(name = "picture", value = "png")
    void anUnknownPictureFormatFailsTheBuildWithTheFormatsThereAre(IsolateMojo mojo) {
        outputTo(out, mojo);

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("<picture>png</picture> is no picture format: use svg, html or none");
    }

    @Test
    @Basedir(MANIFESTS)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    @MojoParameter(name = "skip", value = "true")
    void skipWritesNothing(IsolateMojo mojo) throws Exception {
        outputTo(out, mojo);
        mojo.execute();

        assertThat(out).isEmptyDirectory();
    }

    @Test
    @Basedir(MANIFESTS)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void aBrokenConfigurationFailsWithTheKeyAndWhereToLook(IsolateMojo mojo) {
        outputTo(out, mojo);
        mojo.config = "exemptNamespace: [x]";

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("unknown key \"exemptNamespace\"")
                .hasMessageContaining("mvn netpol-guard:help -Ddetail");
    }

    @Test
    @Basedir(CHART)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void aHelmExecutableThatDoesNotExistSaysToFixHelmExecutableNotTheChart(IsolateMojo mojo) {
        outputTo(out, mojo);
        mojo.helmExecutable = out.resolve("no-such-helm").toString();

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("The helm executable " + out.resolve("no-such-helm") + " (<helmExecutable>)"
                        + " does not exist.")
                .hasMessageContaining("Set <helmExecutable> to a helm binary")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Fix the chart", "error=2",
                        "Cannot run program"));

        mojo.helmExecutable = "no-such-helm-on-any-path";
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("The helm executable no-such-helm-on-any-path (<helmExecutable>) is not on PATH")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Fix the chart"));
    }

    @Test
    @Basedir(CHART)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void aConfigurationKeyWithATypoInThePomGetsTheKeyItResembles(IsolateMojo mojo) {
        outputTo(out, mojo);
        mojo.config = "segregation: true";

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("unknown key \"segregation\"; did you mean \"segregate\"?");
    }

    @Test
    @Basedir(CHART)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void noChartAnywhereFailsWithWhatToConfigure(IsolateMojo mojo) {
        outputTo(out, mojo);
        mojo.defaultChartsDirectory = new File(out.toFile(), "nothing-here");

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("found nothing to isolate").hasMessageContaining("-Dnetpol-guard.skip=true");
    }

    @Test
    @Basedir(CHART)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void aChartHelmCannotRenderFailsWithHelmsMessage(IsolateMojo mojo) throws IOException {
        outputTo(out, mojo);
        Path chart = out.resolve("broken");
        Files.createDirectories(chart.resolve("templates"));
        Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: broken\nversion: 0.1.0\n");
        Files.writeString(chart.resolve("templates/x.yaml"), "kind: {{ .Values.nope.deeper }}\n");
        mojo.defaultChartsDirectory = chart.toFile();

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("Helm cannot render chart").hasMessageContaining("nope")
                .hasMessageContaining("Fix the chart or its values");
    }
}
