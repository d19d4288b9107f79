package io.netpolguard.flows;

import io.netpolguard.oracle.Oracle;
import io.netpolguard.oracle.Pod;
import io.netpolguard.oracle.Port;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Segregation only ever narrows: between any two pods of a release of the corpus (and the web shop), on every
 * container port of the destination and a few more, what {@code --segregate} allows, release-wide isolation
 * allowed too. With a chart's own policies, that also says segregation widened none of them. Judged by the
 * {@link Oracle}.
 */
class SegregationOnlyNarrowsTest {

    private static final int[] MORE_PORTS = {22, 80, 443, 8080};

    static Stream<String> releases() {
        return ReleaseFlowsTest.releases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("releases")
    void whatSegregationAllowsBetweenTheReleasesPodsReleaseWideIsolationAllowedToo(String release)
            throws IOException {
        Oracle wide = ReleaseFlowsTest.isolate(release);
        Oracle segregated = ReleaseFlowsTest.isolate(release, "--segregate");
        List<String> widened = new ArrayList<>();
        for (Pod src : segregated.pods()) {
            for (Pod dst : segregated.pods()) {
                List<Port> ports = new ArrayList<>(dst.ports());
                for (int p : MORE_PORTS) {
                    ports.add(Port.tcp(p));
                }
                for (Port port : ports) {
                    if (segregated.allows(src, dst, port.protocol(), port.number())) {
                        Pod wideSrc = wide.pod(src.namespace(), src.kind(), src.name());
                        Pod wideDst = wide.pod(dst.namespace(), dst.kind(), dst.name());
                        if (!wide.allows(wideSrc, wideDst, port.protocol(), port.number())) {
                            widened.add(segregated.why(src, dst, port.protocol(), port.number()) + "\n      but "
                                    + wide.why(wideSrc, wideDst, port.protocol(), port.number()));
                        }
                    }
                }
            }
        }
        assertThat(widened).withFailMessage("%s: --segregate allows what release-wide isolation did not:\n%s",
                release, String.join("\n", widened)).isEmpty();
    }
}
