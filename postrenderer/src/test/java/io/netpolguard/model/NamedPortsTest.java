package io.netpolguard.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NamedPortsTest {

    /** Two containers of one pod that both call a port "metrics", the first on UDP. */
    private static final PodSpec POD = new PodSpec(Map.of(), List.of(
            new ContainerPort("agent", "metrics", 8125, Protocol.UDP, 0),
            new ContainerPort("app", "metrics", 9090, Protocol.TCP, 0)), "default", false);

    @Test
    void kubernetesTakesTheFirstPortWithTheNameAndTheProtocol() {
        assertThat(NamedPorts.KUBERNETES.find(POD, "metrics", Protocol.TCP).port()).isEqualTo(9090);
        assertThat(NamedPorts.KUBERNETES.find(POD, "metrics", Protocol.SCTP)).isNull();
    }

    @Test
    void npGuardTakesTheFirstPortWithTheNameAndOnlyWhenItHasTheProtocol() {
        assertThat(NamedPorts.NP_GUARD.find(POD, "metrics", Protocol.UDP).port()).isEqualTo(8125);
        assertThat(NamedPorts.NP_GUARD.find(POD, "metrics", Protocol.TCP)).isNull();
    }

    @Test
    void anyProtocolTakesTheFirstPortWithTheName() {
        assertThat(NamedPorts.NP_GUARD_ANY_PROTOCOL.find(POD, "metrics", Protocol.TCP).port()).isEqualTo(8125);
        assertThat(NamedPorts.NP_GUARD_ANY_PROTOCOL.find(POD, "none", Protocol.TCP)).isNull();
    }
}
