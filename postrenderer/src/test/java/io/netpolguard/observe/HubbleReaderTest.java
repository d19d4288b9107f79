package io.netpolguard.observe;

import io.netpolguard.config.Words;
import io.netpolguard.error.InputException;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cilium Hubble's JSON, as `hubble observe -o jsonpb` and `-o json` print flows (cilium/cilium flow.proto). */
class HubbleReaderTest {

    /** A flow as `hubble observe -o json` prints it: the flow object itself, without the response around it. */
    private static final String LEGACY = """
            {"time":"2026-12-01T10:00:00Z","verdict":"FORWARDED","IP":{"source":"10.0.1.31","destination":"10.0.2.40","ipVersion":"IPv4"},"l4":{"UDP":{"source_port":40100,"destination_port":5353}},"source":{"namespace":"team-a","labels":["k8s:app=web"],"pod_name":"web-0"},"destination":{"namespace":"team-a","labels":["k8s:app=dns"],"pod_name":"dns-0"},"Type":"L3_L4","traffic_direction":"EGRESS","is_reply":false}
            """;

    @Test
    void theWebShopsLogFoldsRepeatedFlowsAndCountsWhatItLeavesOut() throws URISyntaxException {
        Observed o = ObservedFile.read(Path.of(getClass().getClassLoader()
                .getResource("observed/webshop.hubble.jsonl").toURI()), null, Words.COMMAND);

        assertThat(o.format()).isEqualTo(FlowFormat.HUBBLE);
        assertThat(o.sniffed()).isTrue();
        assertThat(o.records()).isEqualTo(13);
        assertThat(Logs.flows(o)).containsEntry(
                "team-a/shop-webshop-frontend-6d9f7c8b5-x2x9z => team-a/shop-webshop-backend-7b8c9d6f4-q8w2e on TCP 8080",
                2L).containsEntry("team-a/shop-webshop-backend-7b8c9d6f4-q8w2e => 203.0.113.7 on TCP 443", 1L)
                .containsEntry("team-a/shop-webshop-backend-7b8c9d6f4-zz9k1 => 203.0.113.7 on TCP 443", 1L)
                .hasSize(7);
        assertThat(o.skipped()).containsOnlyKeys(
                "replies", "L7 records (DNS, HTTP): their connection has an L3/L4 record",
                "records without L4 (dropped before L4, or not IP)",
                "traffic from the pod's own node (kubelet probes: CNIs always allow it)",
                "Hubble responses that are not flows (node status, lost events)");
    }

    @Test
    void aDroppedFlowIsKeptAsTheAttemptItWas() {
        Observed o = Logs.read(LEGACY.replace("FORWARDED", "DROPPED"), null);

        assertThat(Logs.flows(o)).containsExactly(Map.entry("team-a/web-0 => team-a/dns-0 on UDP 5353", 1L));
    }

    @Test
    void theFlowWithoutTheResponseAroundItReadsTheSame() {
        Observed o = Logs.read(LEGACY + "{\"flow\":" + LEGACY.strip() + ",\"node_name\":\"kind-worker\"}\n", null);

        assertThat(Logs.flows(o)).containsExactly(Map.entry("team-a/web-0 => team-a/dns-0 on UDP 5353", 2L));
    }

    @Test
    void labelsAndNamespaceLabelsAreToldApartAndCiliumsOwnAreDropped() {
        Observed o = Logs.read("""
                {"flow":{"verdict":"FORWARDED","IP":{"source":"10.0.3.9","destination":"10.0.1.31"},"l4":{"TCP":{"source_port":1,"destination_port":8080}},"source":{"namespace":"team-b","labels":["k8s:app=billing","k8s:io.cilium.k8s.namespace.labels.team=b","k8s:io.cilium.k8s.policy.serviceaccount=default","k8s:io.kubernetes.pod.namespace=team-b"],"pod_name":"billing-55f6d7c9b-2kq8p","workloads":[{"name":"billing","kind":"Deployment"}]},"destination":{"namespace":"team-a","pod_name":"web-0"}}}
                """, FlowFormat.HUBBLE);

        FlowEnd source = o.flows().keySet().iterator().next().source();
        assertThat(source.labels()).isEqualTo(Map.of("app", "billing"));
        assertThat(source.namespaceLabels()).isEqualTo(Map.of("team", "b"));
        assertThat(source.workload()).isEqualTo("billing");
        assertThat(o.sniffed()).isFalse();
    }

    @Test
    void aBrokenLineIsAnErrorNamingTheLine() {
        assertThatThrownBy(() -> Logs.read(LEGACY + LEGACY.replace("}}", "}"), null))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("Line 2 of the flow log flows.log is not a record of Cilium Hubble JSON: ")
                .hasMessageContaining("at column");
    }

    @Test
    void aLineNestedFarDeeperThanAnyFlowIsAnErrorNamingTheLineNotAStackOverflow() {
        String deep = "[".repeat(200_000) + "]".repeat(200_000) + "\n";
        assertThatThrownBy(() -> Logs.read(LEGACY + deep, FlowFormat.HUBBLE))
                .isInstanceOf(InputException.class)
                .hasMessageStartingWith("Line 2 of the flow log flows.log is not a record of Cilium Hubble JSON: ")
                .hasMessageContaining("nested more than 64 deep");
    }

    @Test
    void aFlowWithoutItsDestinationPortIsAnErrorNamingTheKey() {
        assertThatThrownBy(() -> Logs.read(LEGACY.replace("\"destination_port\":5353", "\"x\":1"), null))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("Line 1 ").hasMessageContaining("l4.UDP.destination_port is missing");
    }

    @Test
    void jsonOfAnotherToolIsRefusedWithTheFormatsNetpolGuardReads() {
        assertThatThrownBy(() -> Logs.read("{\"message\":\"hello\"}\n", null))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("Line 1 of the flow log flows.log is not a record of a flow log netpol-guard"
                        + " reads").satisfies(e -> assertThat(((InputException) e).suggestion())
                        .contains("--observed-format=hubble|gadget|plain"));
    }
}
