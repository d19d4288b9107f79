package io.netpolguard.maven;

import io.netpolguard.observe.FlowFormat;
import io.netpolguard.error.InputException;
import io.netpolguard.verify.InternalException;
import io.netpolguard.Settings;
import io.netpolguard.analyze.Picture;
import io.netpolguard.config.Config;
import io.netpolguard.config.ConfigReader;
import io.netpolguard.export.ExportFiles;
import io.netpolguard.export.ExportFormat;
import io.netpolguard.export.GitOpsExport;
import io.netpolguard.report.FindingsFormat;
import io.netpolguard.report.LockCheck;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The parameters both goals share, and their mapping onto {@link Isolation} (the sources through {@link Sources}). No
 * logic of the core lives here.
 */
abstract class AbstractNetpolGuardMojo extends AbstractMojo {

    /** Skips the goal. */
    @Parameter(property = "netpol-guard.skip", defaultValue = "false")
    boolean skip;

    /**
     * Only verify the manifests as the chart writes them: add no label and no policy. For teams that keep
     * their own NetworkPolicies in the chart; the build fails when one of its workloads is selected by none.
     */
    @Parameter(property = "netpol-guard.checkOnly", defaultValue = "false")
    boolean checkOnly;

    /**
     * Add the label {@code netpol-guard.io/release: <release>} to every pod template and select pods by it.
     * With false, no pod template changes: generated policies select each workload's pods by its own selector (or
     * its pod labels).
     */
    @Parameter(property = "netpol-guard.injectLabels", defaultValue = "true")
    boolean injectLabels = true;

    /**
     * Charts to render. When neither charts nor manifest directories are configured, every folder with a
     * Chart.yaml directly under {@code defaultChartsDirectory} (or that folder itself) is rendered; a single
     * chart is released under the artifactId.
     */
    @Parameter
    List<Chart> charts = new ArrayList<>();

    /** Directories of plain Kubernetes manifests (every *.yaml and *.yml under each, in path order). */
    @Parameter
    List<ManifestDirectory> manifestDirectories = new ArrayList<>();

    /** Where charts are looked for when none is configured. */
    @Parameter(property = "netpol-guard.chartsDirectory", defaultValue = "${project.basedir}/src/main/helm")
    File defaultChartsDirectory;

    /** Release name of a single source that names none (the default: the artifactId, made a valid name). */
    @Parameter(property = "netpol-guard.release", defaultValue = "${project.artifactId}")
    String release;

    /** Namespace of every source that names none; needed only for rules that name other namespaces. */
    @Parameter(property = "netpol-guard.namespace")
    String namespace;

    /**
     * The configuration file, the same as the command line's {@code --config}: YAML, every key optional.
     * {@code dns: {namespace, podLabels, port}} (null: no DNS);
     * {@code exemptNamespaces: [kube-system, kube-public, kube-node-lease, calico-system]};
     * {@code workloadKinds: [{apiVersion, kind, podTemplatePath, selectorPath}]}; {@code coverUnknownKinds: true};
     * {@code apiServer: {cidrs, ports, workloads: [{kind, name, podLabels}]}};
     * {@code ingressControllers: [{namespace, podLabels, cidrs}]};
     * {@code ingressProxy: {namespaces, namespaceLabels, ports, workloads}}; {@code monitoring: {namespace, podLabels,
     * cidrs}}; {@code allowances: {apiServer, webhooks, externalTraffic, ingressRoutes, ingressProxy, monitoring}}
     * (true or false); {@code flows: [{description, workload: {kind, name, podLabels}, from or to: [{cidrs, except}
     * or {release, namespace, namespaceLabels, podLabels}], ports: [443, {port, endPort, protocol}]}]};
     * {@code segregate: false}. docs/configuration.md explains each.
     */
    @Parameter(property = "netpol-guard.config")
    File configFile;

    /**
     * The same configuration written inline in the pom, as YAML (use CDATA). Cannot be combined with
     * {@code configFile}. Example: {@code <config><![CDATA[exemptNamespaces: [kube-system, monitoring]]]></config>}
     */
    @Parameter
    String config;

    /**
     * A helm executable (path, or a name on PATH such as {@code helm}) to render charts with
     * {@code helm template} instead of the embedded Helm 3. A real helm also renders the chart's hooks, so
     * pre-install Jobs and the like are isolated and checked too; the embedded Helm does not see hooks.
     */
    @Parameter(property = "netpol-guard.helmExecutable")
    String helmExecutable;

    /** The Kubernetes version charts are rendered for ({@code --kube-version}), e.g. {@code 1.31.0}. */
    @Parameter(property = "netpol-guard.kubeVersion")
    String kubeVersion;

    /**
     * The picture of who may reach whom in each isolated release, written beside its manifests by {@code isolate}:
     * {@code svg} ({@code <release>-connectivity.svg}), {@code html} (the picture and a table of every connection,
     * {@code <release>-connectivity.html}) or {@code none}. A Markdown list of the connections, ending in a Mermaid
     * diagram that GitHub and GitLab draw ({@code <release>-connectivity.md}), comes with either picture.
     */
    @Parameter(property = "netpol-guard.picture", defaultValue = "svg")
    String picture = "svg";

    /**
     * Where {@code <release>.yaml}, {@code <release>-report.json}, the connectivity picture and the findings are
     * written.
     */
    @Parameter(property = "netpol-guard.outputDirectory", defaultValue = "${project.build.directory}/netpol-guard")
    File outputDirectory;

    /**
     * Feed the image Jib built into the charts' values, when this file exists and was written during this build
     * (an older one is ignored with a warning: its image may not be this build's).
     */
    @Parameter(property = "netpol-guard.jibImageFile", defaultValue = "${project.build.directory}/jib-image.json")
    File jibImageFile;

    /** Chart value that receives Jib's image repository (empty: none). */
    @Parameter(property = "netpol-guard.jibRepositoryKey", defaultValue = "image.repository")
    String jibRepositoryKey;

    /** Chart value that receives Jib's image tag (empty: none). */
    @Parameter(property = "netpol-guard.jibTagKey", defaultValue = "image.tag")
    String jibTagKey;

    /**
     * Chart value that receives Jib's image digest. Empty (the default): the digest is appended to the tag
     * value ({@code 1.0@sha256:...}), which pins the image in charts that write {@code repository:tag}, as
     * {@code helm create} charts do.
     */
    @Parameter(property = "netpol-guard.jibDigestKey", defaultValue = "")
    String jibDigestKey;

    /**
     * Refuse the release (fail the build) when the chart's own NetworkPolicies connect a workload to anything outside
     * the release: a rule without peers, an ipBlock, a namespaceSelector not pinned to the release's namespace, every
     * pod of the namespace. Without it they are warnings.
     */
    @Parameter(property = "netpol-guard.strict", defaultValue = "false")
    boolean strict;

    /**
     * Segregate the release's components: each workload may reach only the Services of the release that its
     * environment, command, arguments and the ConfigMaps and Secrets it reads name, and receive only from the workloads
     * that name its Services, instead of every pod of the release reaching every other. As {@code segregate: true} in
     * the configuration; either turns it on.
     */
    @Parameter(property = "netpol-guard.segregate", defaultValue = "false")
    boolean segregate;

    /**
     * A connectivity lock: a file holding what the isolated release allows (np-guard's connection list and exposure
     * analysis, sorted). The build fails when the release's connectivity differs from it, with the lines added and
     * removed. Create and update it with {@code updateExpect}. One source only.
     */
    @Parameter(property = "netpol-guard.expect")
    File expect;

    /** Write the {@code expect} file from this build's connectivity instead of comparing (then review and commit it). */
    @Parameter(property = "netpol-guard.updateExpect", defaultValue = "false")
    boolean updateExpect;

    /**
     * Also write the findings for CI: {@code sarif} (SARIF 2.1.0, for code scanning) or {@code junit} (JUnit XML):
     * unselected workloads, isolation voided and cross-release connections by chart policies, chart policies that
     * block an allowance, and a drift from the {@code expect} file, each at its chart template and object. Written
     * when the build fails too.
     */
    @Parameter(property = "netpol-guard.findings")
    String findings;

    /**
     * A flow log of traffic observed in a cluster ({@code hubble observe -o jsonpb}, Inspektor Gadget's
     * {@code -o json}, or the plain CSV of docs/observed.md): each observed flow the isolated release's policies would
     * cut is a warning, with the declared flows that admit it, and a field of the report; with {@code strict}, the
     * build fails.
     */
    @Parameter(property = "netpol-guard.observed")
    File observed;

    /** The flow log's format: {@code hubble}, {@code gadget} or {@code plain} (default: told from its first record). */
    @Parameter(property = "netpol-guard.observedFormat")
    String observedFormat;

    /**
     * Where the findings go (default: {@code <release>-findings.sarif} or {@code .xml} in {@code outputDirectory}).
     * One source only.
     */
    @Parameter(property = "netpol-guard.findingsFile")
    File findingsFile;

    /**
     * Also write, beside the manifests ({@code isolate} only), what GitOps tools that cannot run a post-renderer apply
     * instead: {@code component} (a kustomize Component in {@code <release>-component/}: the label changes as patches,
     * the NetworkPolicies as resources), {@code flux} ({@code <release>-flux/}: a HelmRelease's post-renderer patches
     * and the policies for a Kustomization) or {@code none}. The same files as {@code netpol-guard export} on the same
     * render; written only when the release passes.
     */
    @Parameter(property = "netpol-guard.export", defaultValue = "none")
    String export = "none";

    /** Use {@code jibImageFile} when it exists. */
    @Parameter(property = "netpol-guard.useJibImage", defaultValue = "true")
    boolean useJibImage = true;

    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

    /** The plugin's goals and their parameters: a parameter none of them has is refused (see {@link Parameters}). */
    @Parameter(defaultValue = "${plugin}", readonly = true)
    PluginDescriptor pluginDescriptor;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Parameter(defaultValue = "${session.userProperties}", readonly = true)
    Properties userProperties;

    @Parameter(defaultValue = "${project.packaging}", readonly = true)
    String packaging;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        String unknown = Parameters.unknown(pluginDescriptor, project, userProperties);
        if (unknown != null) {
            throw new MojoFailureException(unknown);
        }
        if (skip) {
            getLog().info("netpol-guard: skipped (netpol-guard.skip=true)");
            return;
        }
        List<Isolation.Source> sources = Sources.of(charts, manifestDirectories, defaultChartsDirectory, release,
                namespace);
        if (sources.isEmpty()) {
            if ("pom".equals(packaging)) {
                getLog().info("netpol-guard: nothing to isolate in this pom module");
                return;
            }
            throw new MojoFailureException(HelpfulSuggestions.nothingToDo(defaultChartsDirectory.toPath()));
        }
        try {
            Config cfg = configuration();
            ExportFormat exportFormat = exportFormat();
            ChartRenderer renderer = helmExecutable == null || helmExecutable.isBlank() ? new EmbeddedHelm()
                    : new HelmExecutable(helmExecutable);
            Map<String, String> jibValues = jibValues(sources);
            Isolation.Job job = new Isolation.Job(sources, new Settings(null, null, checkOnly, injectLabels, cfg,
                    strict, MavenWords.WORDS), renderer, blankToNull(kubeVersion), jibValues, outputDirectory.toPath(),
                    checks(sources), picture());
            if (sources.stream().anyMatch(s -> s.kind() == Isolation.Kind.CHART)) {
                getLog().info("netpol-guard: rendering with " + renderer.describe());
            }
            List<Isolation.Outcome> outcomes = new Isolation(line -> getLog().info("netpol-guard: " + line))
                    .run(job, writesManifests());
            for (Isolation.Outcome o : outcomes) {
                o.checked().warnings().forEach(w -> getLog().warn("netpol-guard: " + o.release() + ": " + w));
                o.checked().closedFlows().forEach(w -> getLog().warn("netpol-guard: " + o.release() + ": " + w));
                if (!o.result().refused() && o.checked().explanation() != null) {
                    o.checked().explanation().lines().forEach(line -> getLog().info(line));
                }
                if (o.checked().observed() != null) {
                    o.checked().observed().notes().lines().forEach(line -> getLog().info(line));
                }
            }
            for (Isolation.Outcome o : outcomes) {
                if (o.lock() != null && o.lock().status() == LockCheck.Status.UPDATED) {
                    getLog().info("netpol-guard: " + o.release() + ": wrote the connectivity lock " + o.lock().file()
                            + "; review its diff and commit it");
                }
                if (o.findings() != null) {
                    getLog().info("netpol-guard: " + o.release() + ": findings in " + o.findings());
                }
            }
            List<String> refusals = outcomes.stream().filter(Isolation.Outcome::failed)
                    .map(HelpfulSuggestions::refusal).toList();
            if (!refusals.isEmpty()) {
                throw new MojoFailureException(String.join("\n", refusals));
            }
            writeExports(outcomes, exportFormat);
        } catch (InputException e) {
            // No cause: Maven would print the cause's message too, in the command line's terms.
            throw new MojoFailureException(HelpfulSuggestions.input(e));
        } catch (InternalException e) {
            throw new MojoExecutionException("netpol-guard: internal error: " + e.paragraph(MavenWords.WORDS));
        } catch (Isolation.SourceException e) {
            throw new MojoFailureException(HelpfulSuggestions.source(e));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage());
        } catch (LinkageError e) {
            throw new MojoExecutionException(HelpfulSuggestions.helmLoad(e), e);
        } catch (IOException e) {
            throw new MojoExecutionException("netpol-guard cannot read or write its files: " + e + ". Check that "
                    + outputDirectory + " (<outputDirectory>) can be written and that the charts and manifests can"
                    + " be read.", e);
        }
    }

    private Isolation.Checks checks(List<Isolation.Source> sources) {
        FindingsFormat format = null;
        if (findings != null && !findings.isBlank()) {
            format = FindingsFormat.of(findings.strip());
            if (format == null) {
                throw new IllegalArgumentException("<findings> is \"" + findings + "\"; it takes sarif or junit."
                        + " Set <findings>sarif</findings> or <findings>junit</findings>, or leave it out.");
            }
        }
        if (updateExpect && expect == null) {
            throw new IllegalArgumentException("<updateExpect> writes the file <expect> names, and <expect> is not set."
                    + " Set <expect>${project.basedir}/src/test/netpol-guard/connectivity.txt</expect> (any path), then"
                    + " build again with -Dnetpol-guard.updateExpect=true.");
        }
        if (sources.size() > 1 && expect != null) {
            throw new IllegalArgumentException("<expect> names one lock file, but " + sources.size() + " sources are"
                    + " isolated. Isolate one chart or manifest directory per execution, each with its own <expect>.");
        }
        if (sources.size() > 1 && findingsFile != null) {
            throw new IllegalArgumentException("<findingsFile> names one file, but " + sources.size() + " sources are"
                    + " isolated. Leave <findingsFile> unset: each release then gets its own <release>-findings file"
                    + " in the output directory.");
        }
        FlowFormat flowFormat = null;
        if (observedFormat != null && !observedFormat.isBlank()) {
            flowFormat = FlowFormat.of(observedFormat.strip());
            if (flowFormat == null) {
                throw new IllegalArgumentException("<observedFormat> is \"" + observedFormat + "\"; it takes hubble,"
                        + " gadget or plain, or leave it out to have the format told from the log's first record.");
            }
        }
        return new Isolation.Checks(expect == null ? null : expect.toPath(), updateExpect, format,
                findingsFile == null ? null : findingsFile.toPath(), observed == null ? null : observed.toPath(),
                flowFormat);
    }

    /** The GitOps export of each release, in {@code <release>-<format>/} beside its manifests. */
    private void writeExports(List<Isolation.Outcome> outcomes, ExportFormat format) {
        if (format == null || !writesManifests()) {
            return;
        }
        for (Isolation.Outcome o : outcomes) {
            Path dir = outputDirectory.toPath().resolve(o.release() + "-" + format.key());
            ExportFiles.write(GitOpsExport.of(o.result(), format, o.source().namespace(),
                    "netpol-guard-maven-plugin, release " + o.release() + ", <export>" + format.key() + "</export>",
                    MavenWords.WORDS),
                    dir, MavenWords.WORDS);
            getLog().info("netpol-guard: " + o.release() + ": GitOps export (" + format.key() + ") in " + dir);
        }
    }

    /** The picture {@code <picture>} names, or null for none. */
    private Picture picture() {
        String name = picture == null ? "svg" : picture.strip();
        if (name.equalsIgnoreCase("none")) {
            return null;
        }
        Picture format = Picture.of(name);
        if (format == null) {
            throw new IllegalArgumentException("netpol-guard: <picture>" + picture + "</picture> is no picture"
                    + " format: use svg, html or none (or -Dnetpol-guard.picture=svg).");
        }
        return format;
    }

    /** The export format asked for, or null for none. */
    private ExportFormat exportFormat() {
        if (export == null || export.isBlank() || export.strip().equals("none")) {
            return null;
        }
        ExportFormat format = ExportFormat.of(export.strip());
        if (format == null) {
            throw new IllegalArgumentException("<export>" + export + "</export> is no export format: use component (a"
                    + " kustomize Component), flux (a HelmRelease's post-renderer patches and the policies) or none.");
        }
        if (checkOnly) {
            throw new IllegalArgumentException("<export>" + format.key() + "</export> writes what netpol-guard adds,"
                    + " and <checkOnly>true</checkOnly> adds nothing. Remove one of them.");
        }
        return format;
    }

    /** {@code isolate} writes the manifests; {@code verify} only checks. */
    abstract boolean writesManifests();

    private Config configuration() {
        if (configFile != null && config != null && !config.isBlank()) {
            throw new IllegalArgumentException("Both <configFile> and <config> are set. Keep one of them.");
        }
        Config read = Config.defaults();
        if (configFile != null) {
            read = ConfigReader.read(configFile.toPath(), MavenWords.WORDS);
        } else if (config != null && !config.isBlank()) {
            read = ConfigReader.parse(config, "in the plugin's <config> parameter", MavenWords.WORDS);
        }
        return segregate ? read.withSegregate(true) : read;
    }

    private Map<String, String> jibValues(List<Isolation.Source> sources) {
        if (!useJibImage || jibImageFile == null || sources.stream().noneMatch(s -> s.kind() == Isolation.Kind.CHART)) {
            return Map.of();
        }
        Path file = jibImageFile.toPath();
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        if (isFromEarlierBuild(file)) {
            getLog().warn("netpol-guard: ignoring " + file + ": Jib wrote it before this build started, so its"
                    + " image may not be the one this build makes. Run Jib in the same build, before the package"
                    + " phase (for example bound to prepare-package), or run `mvn clean`.");
            return Map.of();
        }
        Optional<JibImage> image = JibImage.read(file);
        if (image.isEmpty()) {
            return Map.of();
        }
        Map<String, String> values = image.get().values(jibRepositoryKey, jibTagKey, jibDigestKey);
        getLog().info("netpol-guard: using the image Jib built (" + jibImageFile + "): " + values);
        return values;
    }

    private boolean isFromEarlierBuild(Path file) {
        if (session == null || session.getRequest() == null || session.getRequest().getStartTime() == null) {
            return false;
        }
        try {
            // one second of slack for file systems that store whole seconds
            return Files.getLastModifiedTime(file).toMillis() + 1000
                    < session.getRequest().getStartTime().getTime();
        } catch (IOException e) {
            return false;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
