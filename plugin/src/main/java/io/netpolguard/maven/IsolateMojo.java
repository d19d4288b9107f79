package io.netpolguard.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Renders the charts (embedded Helm by default) and manifest directories, adds netpol-guard's per-release
 * isolation (a {@code netpol-guard.io/release} label on every pod template and NetworkPolicies selecting it), and
 * writes {@code target/netpol-guard/<release>.yaml} and {@code <release>-report.json}. With {@code checkOnly} the
 * manifests are written as rendered. Fails the build, listing every workload and its fix, when a workload would
 * still be selected by no NetworkPolicy (nothing is written then, but the report is).
 */
@Mojo(name = "isolate", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class IsolateMojo extends AbstractNetpolGuardMojo {

    @Override
    boolean writesManifests() {
        return true;
    }
}
