package io.netpolguard.maven;

import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Fails the build when a workload would be refused by a cluster that requires NetworkPolicies (Gatekeeper's
 * {@code require-networkpolicy}), or when the configuration cannot be used. Renders the sources the same way as
 * {@code isolate} and also checks the {@code <release>.yaml} that {@code isolate} wrote, as written. Writes the
 * report, not the manifests.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class VerifyMojo extends AbstractNetpolGuardMojo {

    @Override
    boolean writesManifests() {
        return false;
    }
}
