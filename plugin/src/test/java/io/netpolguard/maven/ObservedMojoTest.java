package io.netpolguard.maven;

import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.netpolguard.maven.TestProjects.CHART;
import static io.netpolguard.maven.TestProjects.outputTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code <observed>}: traffic observed in a cluster, checked against the isolated release as the build makes it. */
@MojoTest
class ObservedMojoTest {

    @TempDir
    Path out;

    private Path log() throws Exception {
        return Files.writeString(out.resolve("flows.csv"), """
                source,destination,port
                team-a/hello-app-hello-7d4b9c6f5-x2x9z,198.51.100.7,443
                """);
    }

    @Test
    @Basedir(CHART)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void aFlowTheReleaseWouldCutIsAWarningWithItsDeclaredFlowAndInTheReport(IsolateMojo mojo) throws Exception {
        outputTo(out, mojo);
        mojo.observed = log().toFile();
        List<String> warnings = new ArrayList<>();
        List<String> infos = new ArrayList<>();
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void warn(CharSequence content) {
                warnings.add(content.toString());
            }

            @Override
            public void info(CharSequence content) {
                infos.add(content.toString());
            }
        });
        mojo.execute();

        assertThat(warnings).anyMatch(w -> w.contains("the policies would cut the observed flow"
                + " team-a/hello-app-hello[Deployment] => 198.51.100.7 on TCP 443 (1 record)"));
        assertThat(String.join("\n", infos)).contains("    to: [{cidrs: [198.51.100.7/32]}]");
        assertThat(out.resolve("hello-app-report.json")).content().contains("\"observed\": {");
        assertThat(out.resolve("hello-app.yaml")).exists();
    }

    @Test
    @Basedir(CHART)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void strictFailsTheBuildInThePluginsWords(IsolateMojo mojo) throws Exception {
        outputTo(out, mojo);
        mojo.observed = log().toFile();
        mojo.strict = true;

        MojoFailureException e = catchThrowableOfType(MojoFailureException.class, mojo::execute);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("of the flow log given with <observed> would be cut",
                "<strict>true</strict>").doesNotContainPattern("(?<![\\w-])--[a-z]");
        assertThat(out.resolve("hello-app.yaml")).doesNotExist();
    }

    @Test
    @Basedir(CHART)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void aFlowLogOfNoKnownFormatIsExplainedInThePluginsWords(IsolateMojo mojo) throws Exception {
        outputTo(out, mojo);
        mojo.observed = Files.writeString(out.resolve("flows.jsonl"), "{\"time\": \"2025-01-01T00:00:00Z\"}\n")
                .toFile();

        MojoFailureException e = catchThrowableOfType(MojoFailureException.class, mojo::execute);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("Line 1 of the flow log",
                "<observedFormat>hubble|gadget|plain</observedFormat> says which")
                .doesNotContainPattern("(?<![\\w-])--[a-z]");
    }

    @Test
    @Basedir(CHART)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void aBrokenLineOfALogWhoseFormatWasToldNamesTheFormatParameter(IsolateMojo mojo) throws Exception {
        outputTo(out, mojo);
        mojo.observed = Files.writeString(out.resolve("flows.csv"), """
                source,destination,port
                team-a/hello-app-hello-7d4b9c6f5-x2x9z,198.51.100.7,https-ish
                """).toFile();

        MojoFailureException e = catchThrowableOfType(MojoFailureException.class, mojo::execute);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("Line 2 of the flow log", "give <observedFormat> if that is wrong")
                .doesNotContainPattern("(?<![\\w-])--[a-z]");
    }

    @Test
    @Basedir(CHART)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void aMissingOrEmptyFlowLogNamesTheObservedParameter(IsolateMojo mojo) throws Exception {
        outputTo(out, mojo);
        mojo.observed = out.resolve("missing.csv").toFile();
        MojoFailureException missing = catchThrowableOfType(MojoFailureException.class, mojo::execute);
        mojo.observed = Files.writeString(out.resolve("empty.csv"), "# nothing was collected\n").toFile();
        MojoFailureException empty = catchThrowableOfType(MojoFailureException.class, mojo::execute);

        assertThat(missing).isNotNull();
        assertThat(missing.getMessage()).contains("Check the path given with <observed>.")
                .doesNotContainPattern("(?<![\\w-])--[a-z]");
        assertThat(empty).isNotNull();
        assertThat(empty.getMessage()).contains("holds no record", "then give the file with <observed>.")
                .doesNotContainPattern("(?<![\\w-])--[a-z]");
    }
}
