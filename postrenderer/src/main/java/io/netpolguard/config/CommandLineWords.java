package io.netpolguard.config;

/**
 * The command line's {@link Words}: its options; for the post-renderer also how Helm passes them
 * ({@code --post-renderer-args=--option}).
 */
final class CommandLineWords implements Words {

    private final boolean throughHelm;

    /** @param throughHelm the post-renderer, which Helm runs: advice says how to pass an option through Helm too */
    CommandLineWords(boolean throughHelm) {
        this.throughHelm = throughHelm;
    }

    @Override
    public String configFile() {
        return "--config";
    }

    @Override
    public String configFileUnread() {
        return "Check the path: a relative path is taken from the folder netpol-guard (or Helm) runs in; without"
                + " --config netpol-guard uses its defaults.";
    }

    @Override
    public String configKeys() {
        return "See `netpol-guard --help` for the configuration keys.";
    }

    @Override
    public String releaseInvalid() {
        return "Pass the name you give `helm install`.";
    }

    @Override
    public String releaseUnknown() {
        return throughHelm ? "Pass it explicitly: `helm install RELEASE CHART --post-renderer netpol-guard"
                + " --post-renderer-args=--release=RELEASE` (Helm 3: `--post-renderer"
                + " /path/to/netpol-guard --post-renderer-args=--release=RELEASE`)."
                : "Pass it explicitly: --release=RELEASE, the name the release is installed with.";
    }

    @Override
    public String releaseLabelled(String present) {
        return "pass the release name you install with (--release=" + present + "?)";
    }

    @Override
    public String exportFolder() {
        return "the folder given with --output";
    }

    @Override
    public String namespaceGiven(String namespace) {
        return "--namespace=" + namespace;
    }

    @Override
    public String namespaceOption() {
        return "--namespace";
    }

    @Override
    public String namespaceNeeded() {
        return "Add `" + (throughHelm ? "--post-renderer-args=" : "") + "--namespace=NAMESPACE` with the namespace you"
                + " pass to `helm -n`.";
    }

    @Override
    public String checkOnlyOff() {
        return "run without --check-only";
    }

    @Override
    public String injectLabelsOn() {
        return "run without --no-inject-labels";
    }

    @Override
    public String injectLabelsOff() {
        return "run with --no-inject-labels";
    }

    @Override
    public String withoutInjectedLabels() {
        return "--no-inject-labels";
    }

    @Override
    public String strict() {
        return "--strict";
    }

    @Override
    public String strictOff() {
        return "run without --strict";
    }

    @Override
    public String report() {
        return "the report (--report)";
    }

    @Override
    public String segregated() {
        return "under --segregate";
    }

    @Override
    public String observed() {
        return "--observed";
    }

    @Override
    public String observedFormat() {
        return "--observed-format";
    }

    @Override
    public String observedFormatGiven(String format) {
        return "--observed-format=" + format;
    }

    @Override
    public String pictureOfLargeGraph() {
        return "`netpol-guard analyze --format=svg` draws it";
    }

    @Override
    public String expect() {
        return "--expect";
    }

    @Override
    public String expectUnusable() {
        return "Check the path given with --expect.";
    }

    @Override
    public String updateExpectOnce() {
        return "run once with --update-expect" + throughHelm();
    }

    @Override
    public String updateExpectAgain() {
        return "run again with --update-expect" + throughHelm();
    }

    private String throughHelm() {
        return throughHelm ? " (with Helm, --post-renderer-args=--update-expect)" : "";
    }
}
