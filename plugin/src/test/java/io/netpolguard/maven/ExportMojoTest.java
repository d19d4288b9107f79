package io.netpolguard.maven;

import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.netpolguard.maven.TestProjects.MANIFESTS;
import static io.netpolguard.maven.TestProjects.outputTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The parameter export: the GitOps export beside the manifests, as {@code netpol-guard export} writes it. */
@MojoTest
class ExportMojoTest {

    @TempDir
    Path out;

    @Test
    @Basedir(MANIFESTS)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void aComponentBesideTheManifestsHoldsThePoliciesTheManifestsGot(IsolateMojo mojo) throws Exception {
        outputTo(out, mojo);
        mojo.export = "component";
        mojo.execute();

        Path component = out.resolve("web-component");
        assertThat(component.resolve("kustomization.yaml")).content().contains("kind: Component",
                "path: /spec/template/metadata/labels/netpol-guard.io~1release");
        String manifests = Files.readString(out.resolve("web.yaml"));
        String policies = Files.readString(component.resolve("networkpolicies.yaml"));
        assertThat(manifests).endsWith(policies.substring(policies.indexOf("---\n# Source: netpol-guard/")));
    }

    @Test
    @Basedir(MANIFESTS)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void fluxWritesTheHelmReleasePatchAndThePolicies(IsolateMojo mojo) throws Exception {
        outputTo(out, mojo);
        mojo.export = "flux";
        mojo.execute();

        assertThat(out.resolve("web-flux/helmrelease-patch.yaml")).content().contains("kind: HelmRelease",
                "postRenderers:");
        assertThat(out.resolve("web-flux/policies/networkpolicies.yaml")).content().contains("kind: NetworkPolicy");
    }

    @Test
    @Basedir(MANIFESTS)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void theExportsCommentsNameTheMavenParametersNotTheCommandLinesFlags(IsolateMojo mojo) throws Exception {
        outputTo(out, mojo);
        mojo.namespace = null;
        mojo.injectLabels = false;
        mojo.export = "flux";
        mojo.execute();

        assertThat(out.resolve("web-flux/policies/kustomization.yaml")).content()
                .contains("# (no <namespace> given: set spec.targetNamespace").doesNotContain("--namespace");
        assertThat(out.resolve("web-flux/helmrelease-patch.yaml")).content()
                .contains("no pod template gets a label (<injectLabels>false</injectLabels>, or no workload)")
                .doesNotContain("--no-inject-labels");
    }

    @Test
    @Basedir(MANIFESTS)
    @InjectMojo(goal = "isolate", pom = "pom.xml")
    void anUnknownFormatFailsBeforeAnythingIsWrittenNamingTheFormats(IsolateMojo mojo) {
        outputTo(out, mojo);
        mojo.export = "argocd";

        MojoFailureException e = catchThrowableOfType(MojoFailureException.class, mojo::execute);

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("<export>argocd</export>", "component", "flux", "none");
        assertThat(out.resolve("web.yaml")).doesNotExist();
    }
}
