package io.netpolguard.flows;

import io.netpolguard.cli.PostRenderer;
import io.netpolguard.oracle.Oracle;

import static org.assertj.core.api.Assertions.assertThat;

/** A small release "app" in namespace team-a through the post-renderer with --segregate, for the segregation tests. */
final class Segregated {

    private Segregated() {
    }

    /** The run, which must succeed; {@code more} are further options. */
    static PostRenderer.Run run(String stream, String... more) {
        String[] args = new String[more.length + 3];
        args[0] = "--release=app";
        args[1] = "--namespace=team-a";
        args[2] = "--segregate";
        System.arraycopy(more, 0, args, 3, more.length);
        PostRenderer.Run run = PostRenderer.run(stream, args);
        assertThat(run.exit()).as(run.stderr()).isZero();
        return run;
    }

    /** The oracle of its output. */
    static Oracle oracle(String stream, String... more) {
        return Oracle.of(run(stream, more).out()).releaseNamespace("team-a");
    }
}
