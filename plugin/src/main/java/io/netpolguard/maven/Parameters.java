package io.netpolguard.maven;

import io.netpolguard.config.DidYouMean;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.codehaus.plexus.util.xml.Xpp3Dom;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * Maven 3.8 ignores a parameter its plugin does not have, so a misspelt {@code <strict>} or
 * {@code -Dnetpol-guard.strict} would leave the gate open without a word. The goals refuse a parameter that no goal of
 * the plugin has, in the pom (the plugin's configuration and its executions') and among the netpol-guard.* properties,
 * and name the one it resembles.
 */
final class Parameters {

    private static final String PREFIX = "netpol-guard.";

    private Parameters() {
    }

    /** The message about the unknown parameters and properties, or null when there is none (or nothing to check). */
    static String unknown(PluginDescriptor plugin, MavenProject project, Properties userProperties) {
        if (plugin == null || plugin.getMojos() == null) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        Set<String> properties = new LinkedHashSet<>();
        for (MojoDescriptor mojo : plugin.getMojos()) {
            for (Parameter p : mojo.getParameters() == null ? List.<Parameter>of() : mojo.getParameters()) {
                names.add(p.getName());
                if (p.getAlias() != null) {
                    names.add(p.getAlias());
                }
                String expression = p.getExpression();
                PlexusConfiguration c = mojo.getMojoConfiguration() == null ? null
                        : mojo.getMojoConfiguration().getChild(p.getName(), false);
                if (expression == null && c != null) {
                    expression = c.getValue(null);
                }
                if (expression != null && expression.startsWith("${" + PREFIX) && expression.endsWith("}")) {
                    properties.add(expression.substring(2, expression.length() - 1));
                }
            }
        }
        Set<String> problems = new LinkedHashSet<>(); // an execution's configuration holds the plugin's too
        Plugin used = project == null ? null : project.getPlugin(plugin.getPluginLookupKey());
        if (used != null) {
            List<Object> configurations = new ArrayList<>();
            configurations.add(used.getConfiguration());
            for (PluginExecution e : used.getExecutions()) {
                configurations.add(e.getConfiguration());
            }
            for (Object c : configurations) {
                if (c instanceof Xpp3Dom dom) {
                    for (Xpp3Dom child : dom.getChildren()) {
                        if (!names.contains(child.getName())) {
                            String like = DidYouMean.among(child.getName(), names);
                            problems.add("parameter <" + child.getName() + ">" + (like == null ? "."
                                    : "; did you mean <" + like + ">?"));
                        }
                    }
                }
            }
        }
        if (userProperties != null) {
            for (String key : new java.util.TreeSet<>(userProperties.stringPropertyNames())) {
                if (key.startsWith(PREFIX) && !properties.contains(key)) {
                    String like = DidYouMean.among(key, properties);
                    problems.add("property -D" + key + (like == null ? "." : "; did you mean -D" + like + "?"));
                }
            }
        }
        if (problems.isEmpty()) {
            return null;
        }
        boolean one = problems.size() == 1;
        return "The netpol-guard plugin has no " + String.join(" It has no ", problems)
                + " Maven would ignore " + (one ? "it" : "them") + " and build as if " + (one ? "it were" : "they were")
                + " not there: fix the spelling (`mvn netpol-guard:help -Ddetail` lists the parameters).";
    }
}
