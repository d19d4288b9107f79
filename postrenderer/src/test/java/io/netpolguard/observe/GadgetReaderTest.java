package io.netpolguard.observe;

import io.netpolguard.error.InputException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Inspektor Gadget's `-o json` of trace_tcp (src and dst l4endpoints, enriched with their Kubernetes data, and the
 * traced pod in k8s) and of the network events its `advise network-policy` reads (egress, endpoint, k8s).
 */
class GadgetReaderTest {

    private static final String POD = """
            "k8s":{"node":"kind-worker","namespace":"team-a","podName":"shop-webshop-backend-7b8c9d6f4-q8w2e",\
            "containerName":"backend","hostnetwork":false,"podLabels":"app.kubernetes.io/component=backend,\
            app.kubernetes.io/instance=shop,app.kubernetes.io/name=webshop,pod-template-hash=7b8c9d6f4"}""";

    private static String tcp(String type, String src, String dst) {
        return "{" + POD + ",\"runtime\":{\"runtimeName\":\"containerd\",\"containerName\":\"backend\"},\"src\":" + src
                + ",\"dst\":" + dst + ",\"proc\":{\"comm\":\"java\",\"pid\":750625,\"tid\":750625},\"type\":\"" + type
                + "\",\"timestamp\":\"2026-12-01T10:00:00.000000000Z\",\"netns_id\":4026532573}\n";
    }

    private static final String BACKEND = """
            {"addr":"10.244.0.31","version":4,"port":%d,"proto":"TCP","k8s":{"kind":"pod",\
            "name":"shop-webshop-backend-7b8c9d6f4-q8w2e","namespace":"team-a","labels":"app.kubernetes.io/component=backend"}}""";
    private static final String INTERNET = """
            {"addr":"172.67.196.142","version":4,"port":443,"proto":"TCP","k8s":{"kind":"raw"}}""";
    private static final String FRONTEND = """
            {"addr":"10.244.0.20","version":4,"port":51234,"proto":"TCP","k8s":{"kind":"pod",\
            "name":"shop-webshop-frontend-6d9f7c8b5-x2x9z","namespace":"team-a","labels":"app.kubernetes.io/component=frontend"}}""";

    @Test
    void aConnectGoesFromTheTracedPodToTheDestinationsPort() {
        Observed o = Logs.read(tcp("connect", BACKEND.formatted(60552), INTERNET)
                + tcp("connect", BACKEND.formatted(60554), INTERNET), null);

        assertThat(o.format()).isEqualTo(FlowFormat.GADGET);
        assertThat(Logs.flows(o)).containsExactly(
                Map.entry("team-a/shop-webshop-backend-7b8c9d6f4-q8w2e => 172.67.196.142 on TCP 443", 2L));
        FlowEnd traced = o.flows().keySet().iterator().next().source();
        assertThat(traced.labels()).containsEntry("app.kubernetes.io/component", "backend").hasSize(4);
    }

    @Test
    void anAcceptIsThePeerConnectingToTheTracedPodsPortAndACloseIsNotCountedTwice() {
        Observed o = Logs.read(tcp("accept", BACKEND.formatted(8080), FRONTEND)
                + tcp("close", BACKEND.formatted(8080), FRONTEND), null);

        assertThat(Logs.flows(o)).containsExactly(Map.entry(
                "team-a/shop-webshop-frontend-6d9f7c8b5-x2x9z => team-a/shop-webshop-backend-7b8c9d6f4-q8w2e on TCP 8080",
                1L));
        assertThat(o.skipped()).containsExactly(Map.entry("close events (the connect or accept is counted)", 1L));
    }

    @Test
    void networkEventsGoOutOrComeInAndAServiceStandsForThePodsItSelects() {
        String k8s = "\"k8s\":{\"namespace\":\"team-a\",\"podName\":\"shop-webshop-backend-7b8c9d6f4-q8w2e\","
                + "\"podLabels\":\"app.kubernetes.io/component=backend\",\"hostNetwork\":false,"
                + "\"owner\":{\"kind\":\"ReplicaSet\",\"name\":\"shop-webshop-backend-7b8c9d6f4\"},"
                + "\"podIP\":\"10.244.0.31\",\"hostIP\":\"172.18.0.2\"}";
        Observed o = Logs.read("""
                {"egress":1,"endpoint":{"addr":"10.96.12.4","version":4,"k8s":{"kind":"svc","namespace":"team-a","name":"shop-webshop-db","labels":"app.kubernetes.io/component=database"},"port":5432,"proto":"TCP"},%1$s}
                {"egress":0,"endpoint":{"addr":"10.244.0.20","version":4,"k8s":{"kind":"pod","namespace":"team-a","podname":"shop-webshop-frontend-6d9f7c8b5-x2x9z","labels":"app.kubernetes.io/component=frontend"},"port":8080,"proto":"TCP"},%1$s}
                {"egress":0,"endpoint":{"addr":"172.18.0.2","version":4,"k8s":{"kind":"raw"},"port":8080,"proto":"TCP"},%1$s}
                {"egress":1,"endpoint":{"addr":"10.96.0.10","version":4,"k8s":{"kind":"svc","namespace":"kube-system","name":"kube-dns","labels":"k8s-app=kube-dns"},"port":53,"proto":"UDP"},"k8s":{"namespace":"kube-system","podName":"node-exporter-x","hostNetwork":true}}
                """.formatted(k8s), FlowFormat.GADGET);

        assertThat(Logs.flows(o)).containsOnlyKeys(
                "team-a/shop-webshop-backend-7b8c9d6f4-q8w2e => team-a/[pods {app.kubernetes.io/component=database}] on TCP 5432",
                "team-a/shop-webshop-frontend-6d9f7c8b5-x2x9z => team-a/shop-webshop-backend-7b8c9d6f4-q8w2e on TCP 8080");
        assertThat(o.skipped()).containsOnlyKeys(
                "traffic from the pod's own node (kubelet probes: CNIs always allow it)",
                "pods on the host network (NetworkPolicies do not apply to them)");
    }

    @Test
    void anEventOfAnotherTypeIsAnErrorNamingTheLine() {
        assertThatThrownBy(() -> Logs.read(tcp("connect", BACKEND.formatted(1), INTERNET)
                + tcp("listen", BACKEND.formatted(1), INTERNET), null))
                .isInstanceOf(InputException.class)
                .hasMessage("Line 2 of the flow log flows.log is not a record of Inspektor Gadget JSON: type is"
                        + " \"listen\", not connect, accept or close.");
    }

    @Test
    void aProtocolNetworkPoliciesCannotNameIsAnError() {
        assertThatThrownBy(() -> Logs.read(tcp("connect", BACKEND.formatted(1).replace("\"TCP\"", "\"ICMP\""),
                INTERNET), FlowFormat.GADGET))
                .isInstanceOf(InputException.class).hasMessageContaining("proto ICMP is not TCP, UDP or SCTP");
    }
}
