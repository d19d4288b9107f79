package io.netpolguard.cli;

/** The post-renderer's two profiles, for tests that hold in both: isolation release-wide, and segregated. */
public enum Mode {
    RELEASE_WIDE("release-wide"),
    SEGREGATE("--segregate", "--segregate");

    private final String label;
    private final String[] args;

    Mode(String label, String... args) {
        this.label = label;
        this.args = args;
    }

    /** The command-line arguments that select it. */
    public String[] args() {
        return args.clone();
    }

    @Override
    public String toString() {
        return label;
    }
}
