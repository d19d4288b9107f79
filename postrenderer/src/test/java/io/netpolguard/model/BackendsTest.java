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

    /** A StatefulSet's pods: an app port declared by two containers, and a UDP port. */
    private static final PodSpec QUEUE = new PodSpec(Map.of(), List.of(
            new ContainerPort("mq", "amqp", 5672, Protocol.TCP, 0),
            new ContainerPort("exporter", "metrics", 9419, Protocol.TCP, 0),
            new ContainerPort("sidecar", "amqp", 5672, Protocol.TCP, 0),
            new ContainerPort("mq", "gossip", 4369, Protocol.UDP, 0)), "default", false);

    private static Service service(boolean headless, Service.Port... ports) {
        KubeObject object = new KubeObject(null, "v1", "Service", "queue", null, Map.of(), List.of(), 0, null);
        return new Service(object, "ClusterIP", Map.of("app", "queue"), List.of(ports), List.of(), Map.of(), headless);
    }

    @Test
    void aServiceReachesTheTargetPortsOfItsPortsEachOnceAndNoneANameDoesNotResolveTo() {
        Service s = service(false, new Service.Port("amqp", Protocol.TCP, 5672, PortRef.name("amqp"), 0),
                new Service.Port("again", Protocol.TCP, 15672, PortRef.number(5672), 0),
                new Service.Port("admin", Protocol.TCP, 8080, PortRef.name("admin"), 0),
                new Service.Port("gossip", Protocol.UDP, 4369, PortRef.name("gossip"), 0));

        assertThat(Backends.targets(s, QUEUE)).containsExactly(PortRange.tcp(5672), PortRange.of(Protocol.UDP, 4369));
    }

    @Test
    void aHeadlessServiceWithoutPortsReachesEveryContainerPortOfItsPodsForItsNameResolvesToThem() {
        assertThat(Backends.targets(service(true), QUEUE))
                .containsExactly(PortRange.tcp(5672), PortRange.tcp(9419), PortRange.of(Protocol.UDP, 4369));
    }

    @Test
    void aHeadlessServiceWithPortsReachesItsTargetPorts() {
        Service s = service(true, new Service.Port("amqp", Protocol.TCP, 5672, PortRef.number(5672), 0));

        assertThat(Backends.targets(s, QUEUE)).containsExactly(PortRange.tcp(5672));
    }
}
