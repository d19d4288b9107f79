package io.netpolguard.observe;

import io.netpolguard.config.Words;
import io.netpolguard.cli.PostRenderer;
import io.netpolguard.model.WorkloadKind;
import io.netpolguard.oracle.Oracle;
import io.netpolguard.oracle.Pod;
import io.netpolguard.read.ManifestReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop a team runs, on one release in namespace team-a: render it through the post-renderer with a
 * configuration, check the observed flows with {@code analyze --observed}, add the declared flows it writes to the
 * configuration, render again. Connectivity is judged with the independent {@link Oracle}.
 */
final class ObservedLoop {

    static final String NAMESPACE = "team-a";

    /** An observed flow as the test knows it: the oracle's ends (a Pod or an address) and the report's names. */
    record Seen(Object source, Object destination, String protocol, int port, String names) {
    }

    private final String stream;
    private final String release;
    private final Path dir;

    ObservedLoop(String stream, String release, Path dir) {
        this.stream = stream;
        this.release = release;
        this.dir = dir;
    }

    /** The post-renderer's output with this configuration; it must succeed. */
    String render(Path config) {
        PostRenderer.Run run = PostRenderer.run(stream, "--release=" + release, "--namespace=" + NAMESPACE,
                "--config=" + config);
        assertThat(run.exit()).as(run.stderr()).isZero();
        return run.out();
    }

    /** {@code analyze --observed} of an output, as the command line runs it, with more options. */
    PostRenderer.Run analyze(String rendered, Path log, String... more) {
        List<String> args = new ArrayList<>(List.of("analyze", "--namespace=" + NAMESPACE, "--observed=" + log));
        args.addAll(List.of(more));
        return PostRenderer.run(rendered, args.toArray(String[]::new));
    }

    /** The judgement of an output, through the API. */
    static Judgement judge(String rendered, Path log) {
        return Judgement.of(new ManifestReader(WorkloadKind.BUILT_IN).read(rendered.getBytes(StandardCharsets.UTF_8)),
                NAMESPACE, ObservedFile.read(log, null, Words.COMMAND));
    }

    /** "source => destination on TCP 443" of each denied flow. */
    static Set<String> denied(Judgement j) {
        Set<String> result = new TreeSet<>();
        j.denied().forEach(d -> result.add(d.source() + " => " + d.destination() + " on " + d.connection()));
        return result;
    }

    /** The same, of the flows the oracle denies. */
    static Set<String> deniedByOracle(Oracle oracle, List<Seen> seen) {
        Set<String> result = new TreeSet<>();
        for (Seen s : seen) {
            if (!allows(oracle, s.source(), s.destination(), s.protocol(), s.port())) {
                result.add(s.names() + " on " + s.protocol() + " " + s.port());
            }
        }
        return result;
    }

    static boolean allows(Oracle oracle, Object source, Object destination, String protocol, int port) {
        if (source instanceof Pod s && destination instanceof Pod d) {
            return oracle.allows(s, d, protocol, port);
        }
        if (source instanceof Pod s) {
            return oracle.allows(s, (String) destination, protocol, port);
        }
        return oracle.allows((String) source, (Pod) destination, protocol, port);
    }

    /**
     * What the second configuration opens beyond the first, among every pair of the ends and every port: each must
     * be an observed flow.
     */
    static List<String> openedBeyond(Oracle before, Oracle after, List<Object> ends, Set<Integer> ports,
                                     List<Seen> seen) {
        List<String> opened = new ArrayList<>();
        for (Object s : ends) {
            for (Object d : ends) {
                if (s == d || (!(s instanceof Pod) && !(d instanceof Pod))) {
                    continue;
                }
                for (int port : ports) {
                    if (allows(after, s, d, "TCP", port) && !allows(before, s, d, "TCP", port)
                            && seen.stream().noneMatch(x -> x.source().equals(s) && x.destination().equals(d)
                            && x.port() == port)) {
                        opened.add(after.why(s, d, "TCP", port));
                    }
                }
            }
        }
        return opened;
    }

    Path write(String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.writeString(p, text);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
