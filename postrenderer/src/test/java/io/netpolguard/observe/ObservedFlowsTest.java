package io.netpolguard.observe;

import io.netpolguard.cli.PostRenderer;
import io.netpolguard.observe.ObservedLoop.Seen;
import io.netpolguard.oracle.Oracle;
import io.netpolguard.oracle.Pod;
import io.netpolguard.oracle.Port;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Traffic observed in a cluster that does not enforce yet, checked against what the post-renderer writes for the
 * example web shop (a Hubble log) and for microshop, whose components also find each other through a registry
 * (a plain log): the check lists exactly the observed flows the policies deny, as the independent evaluator
 * judges them; the declared flows it writes, added to the configuration, admit them all and open nothing else.
 */
class ObservedFlowsTest {

    private static final Pod BILLING = Oracle.pod("team-b", Map.of("app", "billing"));
    private static final Pod PAYMENTS = Oracle.pod("other-team", Map.of("app", "payments", "tier", "api"));
    private static final Pod PROMETHEUS = Oracle.pod("monitoring", Map.of("app.kubernetes.io/name", "prometheus"));
    private static final Pod STRANGER = Oracle.pod("team-c", Map.of("app", "other"), Port.tcp(8080));

    @TempDir
    Path dir;

    @Test
    void theWebShopIsolatedDeniesItsCallOutAndAnotherTeamsCallIn() throws Exception {
        Set<String> denied = loop("robust/webshop.helm4.yaml", "shop", "observed/webshop.hubble.jsonl",
                "# isolated\n", this::webshop);
        assertThat(denied).containsExactly(
                "team-a/shop-webshop-backend[Deployment] => 203.0.113.7 on TCP 443",
                "team-b/[pods {app=billing}] => team-a/shop-webshop-backend[Deployment] on TCP 8080");
    }

    @Test
    void theWebShopSegregatedAlsoDeniesTheReportCallingTheBackendByANameOnlyItsCodeKnows() throws Exception {
        Set<String> denied = loop("robust/webshop.helm4.yaml", "shop", "observed/webshop.hubble.jsonl",
                "segregate: true\n", this::webshop);
        assertThat(denied).contains(
                "team-a/shop-webshop-report[CronJob] => team-a/shop-webshop-backend[Deployment] on TCP 8080")
                .hasSize(3);
    }

    @Test
    void microshopIsolatedDeniesItsCallsOutOfTheRelease() throws Exception {
        Set<String> denied = loop("segregation/microshop.yaml", "micro", "observed/microshop.flows.csv",
                "# isolated\n", this::microshop);
        assertThat(denied).containsExactly(
                "team-a/micro-orders[Deployment] => 198.51.100.20 on TCP 443",
                "team-a/micro-orders[Deployment] => other-team/[pods {app=payments, tier=api}] on TCP 443");
    }

    @Test
    void microshopSegregatedDeniesWhatOnlyTheRegistryKnows() throws Exception {
        Set<String> denied = loop("segregation/microshop.yaml", "micro", "observed/microshop.flows.csv",
                "segregate: true\n", this::microshop);
        assertThat(denied).contains(
                "team-a/micro-order-notification-dispatcher[Deployment] => team-a/micro-orders[Deployment] on TCP 50051",
                "team-a/micro-catalog[Deployment] => team-a/micro-mq[StatefulSet] on TCP 5672",
                "team-a/micro-abandoned-cart-reminder[CronJob] => team-a/micro-orders[Deployment] on TCP 50051")
                .hasSize(5);
    }

    private List<Seen> webshop(Oracle o) {
        Pod frontend = o.pod("Deployment", "shop-webshop-frontend");
        Pod backend = o.pod("Deployment", "shop-webshop-backend");
        Pod db = o.pod("StatefulSet", "shop-webshop-db");
        Pod report = o.pod("CronJob", "shop-webshop-report");
        return List.of(
                seen(frontend, backend, 8080, "team-a/shop-webshop-frontend[Deployment]",
                        "team-a/shop-webshop-backend[Deployment]"),
                seen(backend, db, 5432, "team-a/shop-webshop-backend[Deployment]",
                        "team-a/shop-webshop-db[StatefulSet]"),
                seen(backend, "203.0.113.7", 443, "team-a/shop-webshop-backend[Deployment]", "203.0.113.7"),
                seen(report, backend, 8080, "team-a/shop-webshop-report[CronJob]",
                        "team-a/shop-webshop-backend[Deployment]"),
                seen(BILLING, backend, 8080, "team-b/[pods {app=billing}]", "team-a/shop-webshop-backend[Deployment]"));
    }

    private List<Seen> microshop(Oracle o) {
        Pod gateway = o.pod("Deployment", "micro-gateway");
        Pod auth = o.pod("Deployment", "micro-auth");
        Pod orders = o.pod("Deployment", "micro-orders");
        Pod db = o.pod("StatefulSet", "micro-db");
        Pod dispatcher = o.pod("Deployment", "micro-order-notification-dispatcher");
        Pod catalog = o.pod("Deployment", "micro-catalog");
        Pod mq = o.pod("StatefulSet", "micro-mq");
        Pod reminder = o.pod("CronJob", "micro-abandoned-cart-reminder");
        String o1 = "team-a/micro-orders[Deployment]";
        return List.of(
                seen(gateway, auth, 8443, "team-a/micro-gateway[Deployment]", "team-a/micro-auth[Deployment]"),
                seen(orders, db, 5432, o1, "team-a/micro-db[StatefulSet]"),
                seen(orders, PAYMENTS, 443, o1, "other-team/[pods {app=payments, tier=api}]"),
                seen(orders, "198.51.100.20", 443, o1, "198.51.100.20"),
                seen(dispatcher, orders, 50051, "team-a/micro-order-notification-dispatcher[Deployment]", o1),
                seen(catalog, mq, 5672, "team-a/micro-catalog[Deployment]", "team-a/micro-mq[StatefulSet]"),
                seen(reminder, orders, 50051, "team-a/micro-abandoned-cart-reminder[CronJob]", o1),
                seen(PROMETHEUS, orders, 9464, "monitoring/[pods {app.kubernetes.io/name=prometheus}]", o1),
                seen(db, db, 5432, "team-a/micro-db[StatefulSet]", "team-a/micro-db[StatefulSet]"));
    }

    private static Seen seen(Object source, Object destination, int port, String from, String to) {
        return new Seen(source, destination, "TCP", port, from + " => " + to);
    }

    /**
     * The loop: render with the configuration, check (the denied flows must be the oracle's), write the flows into
     * the configuration, render again: nothing observed is denied, and nothing but the observed flows was opened.
     *
     * @return the flows denied before
     */
    private Set<String> loop(String resource, String release, String log, String config,
                             Function<Oracle, List<Seen>> observed) throws IOException, URISyntaxException {
        String stream = Files.readString(resource(resource));
        Path flows = resource(log);
        ObservedLoop loop = new ObservedLoop(stream, release, dir);
        Path cfg = loop.write("netpol-guard.yaml", config);

        String before = loop.render(cfg);
        Oracle was = Oracle.of(before).releaseNamespace(ObservedLoop.NAMESPACE);
        List<Seen> seen = observed.apply(was);
        Set<String> expected = ObservedLoop.deniedByOracle(was, seen);
        Set<String> denied = ObservedLoop.denied(ObservedLoop.judge(before, flows));
        assertThat(denied).isEqualTo(expected).isNotEmpty();

        PostRenderer.Run check = loop.analyze(before, flows, "--observed-write=" + cfg);
        assertThat(check.exit()).as(check.stderr()).isEqualTo(1);
        assertThat(ObservedLoop.read(cfg)).startsWith(config).contains("flows:\n  - description: \"observed: ");

        String after = loop.render(cfg);
        PostRenderer.Run again = loop.analyze(after, flows);
        assertThat(again.exit()).as(again.out() + again.stderr()).isZero();
        assertThat(again.out()).doesNotContain("denied (").contains(" 0 denied");
        Oracle now = Oracle.of(after).releaseNamespace(ObservedLoop.NAMESPACE);
        assertThat(ObservedLoop.deniedByOracle(now, observed.apply(now))).isEmpty();

        List<Object> ends = new ArrayList<>(now.pods());
        ends.addAll(List.of(BILLING, PAYMENTS, PROMETHEUS, STRANGER, "203.0.113.7", "198.51.100.20", "192.0.2.99"));
        Set<Integer> ports = new TreeSet<>();
        now.pods().forEach(p -> p.ports().forEach(port -> ports.add(port.number())));
        seen.forEach(s -> ports.add(s.port()));
        ports.add(443);
        assertThat(ObservedLoop.openedBeyond(was, now, ends, ports, observed.apply(now))).isEmpty();
        return denied;
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(ObservedFlowsTest.class.getClassLoader().getResource(name).toURI());
    }
}
