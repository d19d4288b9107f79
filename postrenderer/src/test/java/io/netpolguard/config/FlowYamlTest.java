package io.netpolguard.config;

import io.netpolguard.model.Direction;
import io.netpolguard.model.PortRange;
import io.netpolguard.model.Protocol;
import io.netpolguard.yaml.Scalar;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FlowYamlTest {

    private static Flow.Peer pods(String namespace, Map<String, String> labels) {
        return new Flow.Peer(List.of(), List.of(), null, namespace, null, labels);
    }

    private static Flow readBack(String entry) {
        List<Flow> flows = ConfigReader.parse("flows:\n" + entry, "pasted.yaml").flows();
        assertEquals(1, flows.size(), entry);
        return flows.get(0);
    }

    @Test
    void aDeclaredFlowPastedIntoTheConfigurationIsReadBackAsTheSameFlow() {
        Flow flow = new Flow("web calls the catalogue by a name only its code knows",
                new WorkloadMatch("Deployment", "web", Map.of()), Direction.EGRESS,
                List.of(pods("team-b", Map.of("app.kubernetes.io/name", "catalogue", "tier", "true"))),
                List.of(PortRange.tcp(8080), PortRange.of(Protocol.UDP, 53), new PortRange(Protocol.TCP, 9000, 9100)));
        String entry = FlowYaml.entry(flow, 2);

        Flow back = readBack(entry);

        assertEquals(flow.description(), back.description());
        assertEquals("Deployment web", back.workload().describe());
        assertEquals(flow.direction(), back.direction());
        assertEquals(flow.ports(), back.ports());
        assertEquals("team-b", back.peers().get(0).namespace());
        assertEquals(flow.peers().get(0).podLabels(), back.peers().get(0).podLabels());
        assertEquals(entry, FlowYaml.entry(back, 2), "what is read back is written the same way");
    }

    @Test
    void addressesAndIngressFlowsKeepTheirShape() {
        Flow flow = new Flow(null, null, Direction.INGRESS,
                List.of(new Flow.Peer(List.of("203.0.113.0/24"), List.of("203.0.113.7/32"), null, null, null, null),
                        new Flow.Peer(List.of(), List.of(), "payments", "team-b", null, null)),
                List.of(PortRange.tcp(443)));
        String entry = FlowYaml.entry(flow, 0);

        assertEquals("- from: [{cidrs: [203.0.113.0/24], except: [203.0.113.7/32]}, "
                + "{release: payments, namespace: team-b}]\n  ports: [443]\n", entry);
        Flow back = readBack(entry);
        assertEquals(List.of("203.0.113.0/24"), back.peers().get(0).cidrs());
        assertEquals(List.of("203.0.113.7/32"), back.peers().get(0).except());
        assertEquals("payments", back.peers().get(1).release());
        assertEquals(entry, FlowYaml.entry(back, 0));
    }

    @Test
    void valuesYamlWouldReadAsAnotherTypeAreQuoted() {
        assertEquals("\"true\"", Scalar.of("true"));
        assertEquals("\"8080\"", Scalar.of("8080"));
        assertEquals("\"a: b\"", Scalar.of("a: b"));
        assertEquals("\"10.1.2.3\"", Scalar.of("10.1.2.3"));
        assertEquals("app.kubernetes.io/name", Scalar.of("app.kubernetes.io/name"));
    }
}
