package io.netpolguard.maven;

import java.nio.file.Path;

/**
 * The small projects under src/test/projects that the goal tests configure their mojos from, and the one setup
 * they share: whatever a goal writes goes to a temporary folder, never into the project.
 */
final class TestProjects {

    /** A chart without NetworkPolicies, released as hello-app in team-a. */
    static final String CHART = "src/test/projects/chart";
    /** A chart whose Job's pod template has no labels, with injectLabels false. */
    static final String BARE = "src/test/projects/bare-job";
    /** Plain manifests (release web) with an inline configuration. */
    static final String MANIFESTS = "src/test/projects/manifests";
    /** Plain manifests (release web in team-a) whose own NetworkPolicy admits every namespace on the web port. */
    static final String OPEN_POLICY = "src/test/projects/open-policy";

    private TestProjects() {
    }

    /** Points the mojo's output directory, and the Jib image file it reads, at {@code out}. */
    static void outputTo(Path out, AbstractNetpolGuardMojo mojo) {
        mojo.outputDirectory = out.toFile();
        if (mojo.jibImageFile != null) {
            mojo.jibImageFile = out.resolve("jib-image.json").toFile();
        }
    }
}
