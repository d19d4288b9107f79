package io.netpolguard.maven;

import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.FileReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Maven 3.8 ignores a parameter its plugin does not have, so a misspelt {@code <strict>} would leave a gate open
 * silently: the goals refuse unknown parameters in the pom and unknown netpol-guard.* properties, naming the one meant.
 */
class UnknownParametersTest {

    @TempDir
    Path out;

    /** The plugin as Maven describes it: the plugin.xml the build generated. */
    private static PluginDescriptor descriptor() throws Exception {
        try (FileReader reader = new FileReader("target/classes/META-INF/maven/plugin.xml")) {
            return new PluginDescriptorBuilder().build(reader);
        }
    }

    private IsolateMojo mojo(String pluginConfiguration, String executionConfiguration, Properties properties)
            throws Exception {
        IsolateMojo mojo = new IsolateMojo();
        mojo.pluginDescriptor = descriptor();
        Plugin plugin = new Plugin();
        plugin.setGroupId(mojo.pluginDescriptor.getGroupId());
        plugin.setArtifactId(mojo.pluginDescriptor.getArtifactId());
        plugin.setConfiguration(dom(pluginConfiguration));
        PluginExecution execution = new PluginExecution();
        execution.setId("isolate");
        execution.setConfiguration(dom(executionConfiguration));
        plugin.addExecution(execution);
        MavenProject project = new MavenProject();
        project.getBuild().addPlugin(plugin);
        mojo.project = project;
        mojo.userProperties = properties;
        mojo.skip = true;
        return mojo;
    }

    private static Xpp3Dom dom(String children) throws Exception {
        return Xpp3DomBuilder.build(new StringReader("<configuration>" + children + "</configuration>"));
    }

    @Test
    void aMisspeltParameterInThePomFailsTheBuildNamingTheParameterMeant() throws Exception {
        IsolateMojo mojo = mojo("<stict>true</stict>", "<helmExecutible>helm</helmExecutible>", new Properties());

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("<stict>; did you mean <strict>?")
                .hasMessageContaining("<helmExecutible>; did you mean <helmExecutable>?")
                .hasMessageContaining("mvn netpol-guard:help -Ddetail");
    }

    @Test
    void aMisspeltParameterIsNamedOnceThoughEveryExecutionInheritsThePluginsConfiguration() throws Exception {
        IsolateMojo mojo = mojo("<stict>true</stict>", "<stict>true</stict>", new Properties());

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessage("The netpol-guard plugin has no parameter <stict>; did you mean <strict>? Maven would"
                        + " ignore it and build as if it were not there: fix the spelling (`mvn netpol-guard:help"
                        + " -Ddetail` lists the parameters).");
    }

    @Test
    void aMisspeltPropertyFailsTheBuildNamingThePropertyMeant() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("netpol-guard.stict", "true");
        properties.setProperty("unrelated.property", "x");
        IsolateMojo mojo = mojo("", "", properties);

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("-Dnetpol-guard.stict; did you mean -Dnetpol-guard.strict?");
    }

    @Test
    void theParametersOfEveryGoalOfThePluginAreKnownInItsSharedConfiguration() throws Exception {
        Properties properties = new Properties();
        properties.setProperty("netpol-guard.strict", "true");
        properties.setProperty("netpol-guard.config", "x.yaml");
        IsolateMojo mojo = mojo("<strict>true</strict><charts><chart><directory>x</directory></chart></charts>"
                + "<detail>true</detail>", "<outputDirectory>x</outputDirectory>", properties);

        assertThatCode(mojo::execute).doesNotThrowAnyException();
    }
}
