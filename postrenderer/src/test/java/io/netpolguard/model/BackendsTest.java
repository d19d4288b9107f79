package io.netpolguard.model;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BackendsTest {

    private static final PodSpec WEB = new PodSpec(Map.of(), List.of(
            new ContainerPort("web", "http", 8080, Protocol.TCP, 0)), "default", false);

    @Test
    void aTargetPortNumberIsThePodPortAsWritten() {
        Service.Port port = new Service.Port("http", Protocol.TCP, 80, PortRef.number(9000), 0);

        assertThat(Backends.port(port, WEB, NamedPorts.KUBERNETES)).isEqualTo(9000);
    }

    @Test
    void aTargetPortNameIsResolvedOnThePodForTheServicePortsProtocol() {
        Service.Port tcp = new Service.Port("http", Protocol.TCP, 80, PortRef.name("http"), 0);
        Service.Port udp = new Service.Port("http", Protocol.UDP, 80, PortRef.name("http"), 0);

        assertThat(Backends.port(tcp, WEB, NamedPorts.KUBERNETES)).isEqualTo(8080);
        assertThat(Backends.port(udp, WEB, NamedPorts.KUBERNETES)).isZero();
        assertThat(Backends.port(PortRef.name("admin"), Protocol.TCP, WEB, NamedPorts.NP_GUARD)).isZero();
    }
}
