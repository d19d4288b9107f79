package io.netpolguard.maven;

import io.netpolguard.config.Config;
import io.netpolguard.lock.ConnectivityLock;
import io.netpolguard.model.Manifest;
import io.netpolguard.model.WorkloadKind;
import io.netpolguard.read.ManifestReader;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.netpolguard.maven.TestProjects.CHART;
import static io.netpolguard.maven.TestProjects.OPEN_POLICY;
import static io.netpolguard.maven.TestProjects.outputTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The parameters for CI: strict, the connectivity lock (expect, updateExpect) and the findings file, on a project
 * whose own NetworkPolicy admits every namespace on the web port.
 */
@MojoTest
class ChecksMojoTest {

    @TempDir
    Path out;

    private static void assertInMavensTerms(String message) {
        assertThat(message).doesNotContainPattern("(?<![\\w-])--[a-z]").doesNotContain("post-renderer");
    }

    @Test
    @Basedir(OPEN_POLICY)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void withoutStrictAChartPolicyThatAdmitsEveryNamespaceIsAWarningAndTheManifestsAreWritten(IsolateMojo mojo)
            throws Exception {
        outputTo(out, mojo);
        mojo.execute();

        assertThat(out.resolve("web.yaml")).exists();
        assertThat(out.resolve("web-report.json")).content().contains("\"kind\": \"cross-release\"",
                "\"admits\": \"every pod of every namespace\"", "\"connections\": \"TCP 8080\"");
    }

    @Test
    @Basedir(OPEN_POLICY)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void strictFailsTheBuildInThePluginsTermsAndStillWritesTheSarifFindings(IsolateMojo mojo) throws Exception {
        outputTo(out, mojo);
        mojo.strict = true;
        mojo.findings = "sarif";

        List<String> warnings = new java.util.ArrayList<>();
        mojo.setLog(new org.apache.maven.plugin.logging.SystemStreamLog() {
            @Override
            public void warn(CharSequence content) {
                warnings.add(content.toString());
            }
        });
        MojoFailureException e = catchThrowableOfType(MojoFailureException.class, mojo::execute);

        assertThat(e).isNotNull();
        assertThat(warnings).as("each finding once: in the failure, not also as a warning")
                .noneMatch(w -> w.contains("spec.ingress[0]"));
        assertThat(e.getMessage()).contains("netpol-guard refused release \"web\"",
                "Deployment team-a/web: NetworkPolicy team-a/web (from the chart, networkpolicy.yaml) spec.ingress[0]"
                        + " admits ingress from every pod of every namespace, outside the release, on TCP 8080.",
                "<strict>true</strict>", "<strict>false</strict>");
        assertInMavensTerms(e.getMessage());
        assertThat(out.resolve("web.yaml")).doesNotExist();
        assertThat(out.resolve("web-findings.sarif")).content().contains("\"ruleId\": \"cross-release\"",
                "\"level\": \"error\"", "\"uri\": \"web.yaml\"", "\"uri\": \"networkpolicy.yaml\"",
                "\"fullyQualifiedName\": \"team-a/Deployment/web\"");
    }

    @Test
    @Basedir(OPEN_POLICY)
    @InjectMojo(goal = "verify", pom = "pom.xml")
    void junitFindingsGoToTheOutputDirectoryOrToFindingsFile(VerifyMojo mojo) throws Exception {
        outputTo(out, mojo);
        mojo.findings = "junit";
        mojo.execute();
        assertThat(out.resolve("web-findings.xml")).content().contains("<testcase classname=\"team-a/Deployment/web\""
                + " name=\"cross-release\" file=\"web.yaml\"");

        mojo.findingsFile = out.resolve("ci/netpol-guard.xml").toFile();
        mojo.execute();
        assertThat(out.resolve("ci/netpol-guard.xml")).content().contains("<testsuite name=\"netpol-guard web\"");
    }

    @Test
    @Basedir(OPEN_POLICY)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void updateExpectWritesTheLockAndThenTheSameBuildPasses(IsolateMojo mojo) throws Exception {
        outputTo(out, mojo);
        Path lock = out.resolve("lock/web.connectivity.txt");
        mojo.expect = lock.toFile();
        mojo.updateExpect = true;
        mojo.execute();
        String written = Files.readString(lock);

        mojo.updateExpect = false;
        mojo.execute();

        assertThat(written).contains("team-a/web[Deployment]", "Exposure Analysis Result:");
        assertThat(lock).content().isEqualTo(written);
        assertThat(out.resolve("web.yaml")).exists();
    }

    @Test
    @Basedir(OPEN_POLICY)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void theLockIsTheCommandLinesLockOfTheManifestsWritten(IsolateMojo mojo) throws Exception {
        outputTo(out, mojo);
        Path lock = out.resolve("web.connectivity.txt");
        mojo.expect = lock.toFile();
        mojo.updateExpect = true;
        mojo.execute();

        Manifest written = new ManifestReader(WorkloadKind.BUILT_IN).read(Files.readAllBytes(out.resolve("web.yaml")));
        assertThat(lock).content().isEqualTo(ConnectivityLock.text(ConnectivityLock.analyze(written, "team-a", null,
                Config.defaults())));
    }

    @Test
    @Basedir(OPEN_POLICY)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void aDriftFailsWithTheDiffAndHowToRewriteTheLockAndLeavesNoManifests(IsolateMojo mojo) throws Exception {
        outputTo(out, mojo);
        Path lock = out.resolve("web.connectivity.txt");
        Files.writeString(lock, "team-a/old[Deployment] => team-a/web[Deployment] : TCP 8080\n");
        mojo.expect = lock.toFile();

        MojoFailureException e = catchThrowableOfType(MojoFailureException.class, mojo::execute);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("netpol-guard refused release \"web\"",
                "differs from the lock file " + lock, "- team-a/old[Deployment] => team-a/web[Deployment] : TCP 8080",
                "-Dnetpol-guard.updateExpect=true", "<updateExpect>true</updateExpect>");
        assertInMavensTerms(e.getMessage());
        assertThat(out.resolve("web.yaml")).doesNotExist();
    }

    @Test
    @Basedir(OPEN_POLICY)
    @InjectMojo(goal = "verify", pom = "pom.xml")
    void aMissingLockFileSaysToCreateItWithUpdateExpect(VerifyMojo mojo) {
        outputTo(out, mojo);
        mojo.expect = out.resolve("absent.txt").toFile();

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("given with <expect> does not exist")
                .hasMessageContaining("-Dnetpol-guard.updateExpect=true")
                .satisfies(t -> assertInMavensTerms(t.getMessage()));
    }

    @Test
    @Basedir(OPEN_POLICY)
    @InjectMojo(goal = "verify", pom = "pom.xml")
    void oneLockOrFindingsFileForSeveralSourcesNamesTheParameterAndItsRemedy(VerifyMojo mojo) {
        outputTo(out, mojo);
        ManifestDirectory second = new ManifestDirectory();
        second.directory = out.toFile();
        second.release = "other";
        mojo.manifestDirectories.add(second);

        mojo.expect = out.resolve("lock.txt").toFile();
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("<expect> names one lock file, but 2 sources are isolated")
                .hasMessageContaining("each with its own <expect>").hasMessageNotContaining("findingsFile");

        mojo.expect = null;
        mojo.findingsFile = out.resolve("findings.sarif").toFile();
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("<findingsFile> names one file").hasMessageContaining("Leave <findingsFile> unset")
                .hasMessageNotContaining("<expect>");
    }

    @Test
    @Basedir(CHART)
    @InjectMojo(goal = "verify", pom = "pom.xml")
    void wrongCheckParametersFailWithWhatToSet(VerifyMojo mojo) {
        outputTo(out, mojo);
        mojo.findings = "html";
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("<findings>sarif</findings>");

        mojo.findings = null;
        mojo.updateExpect = true;
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("<expect> is not set");
    }
}
