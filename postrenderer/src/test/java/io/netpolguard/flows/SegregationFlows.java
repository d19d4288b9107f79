package io.netpolguard.flows;

import io.netpolguard.flows.ReleaseFlows.Flow;
import io.netpolguard.oracle.Oracle;
import io.netpolguard.oracle.Pod;
import io.netpolguard.oracle.Port;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.netpolguard.flows.ReleaseFlows.INGRESS_NGINX;
import static io.netpolguard.flows.ReleaseFlows.PROMETHEUS;
import static io.netpolguard.flows.ReleaseFlows.tcp;

/**
 * Under {@code --segregate}, the connections each workload of a release is allowed, and no other: written out by
 * hand from the manifests (who names which Service, on which port, in which env value, argument, ConfigMap or
 * Secret), not from netpol-guard's code. Each flow is at pod level: the destination's container port, the port
 * a Service port's targetPort resolves to. {@link SegregationTest} judges them with the {@link Oracle}.
 *
 * <p>Not listed, because they hold for every pod and are checked on their own: DNS (kube-dns in kube-system,
 * UDP and TCP 53).
 */
final class SegregationFlows {

    /**
     * An application and what it may do under --segregate.
     *
     * @param name     how the tests call it
     * @param resource the stream Helm 4 hands the post-renderer, on the test class path
     * @param release  the release name it was rendered with
     * @param flows    every connection allowed into a pod of the release: from its own pods and from outside peers
     */
    record App(String name, String resource, String release, List<Flow> flows) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The payments service of another team, in its own namespace, which microshop's orders names. */
    static final Pod PAYMENTS = Oracle.pod("other-team", Map.of("app.kubernetes.io/name", "payments",
            "app.kubernetes.io/instance", "payments"), new Port("https", 443, "TCP"));

    /** Pods of a StatefulSet reach each other on the target ports of its governing headless Service. */
    private static List<Flow> peers(String statefulSet, String headless, int... ports) {
        List<Flow> flows = new ArrayList<>();
        for (int port : ports) {
            flows.add(tcp(statefulSet, statefulSet, port, "StatefulSet peers, through the headless Service "
                    + headless + " (spec.serviceName)"));
        }
        return flows;
    }

    @SafeVarargs
    private static List<Flow> all(List<Flow>... parts) {
        List<Flow> all = new ArrayList<>();
        for (List<Flow> part : parts) {
            all.addAll(part);
        }
        return List.copyOf(all);
    }

    /** postrenderer/src/test/resources/robust/webshop.helm4.yaml, release shop. */
    static final App WEBSHOP = new App("webshop", "/robust/webshop.helm4.yaml", "shop", all(List.of(
            tcp(INGRESS_NGINX, "Deployment/shop-webshop-frontend", 8080,
                    "Ingress shop-webshop -> Service shop-webshop-frontend port http (80) -> targetPort http"),
            tcp("Deployment/shop-webshop-frontend", "Deployment/shop-webshop-backend", 8080,
                    "proxy_pass http://shop-webshop-backend:8080 in the mounted ConfigMap shop-webshop-frontend"),
            tcp("Deployment/shop-webshop-backend", "StatefulSet/shop-webshop-db", 5432,
                    "env SPRING_DATASOURCE_URL jdbc:postgresql://shop-webshop-db:5432/webshop"),
            tcp("Job/shop-webshop-migrate", "StatefulSet/shop-webshop-db", 5432,
                    "the pre-install hook's env SPRING_DATASOURCE_URL"),
            tcp("CronJob/shop-webshop-report", "StatefulSet/shop-webshop-db", 5432,
                    "the nightly report's env SPRING_DATASOURCE_URL")),
            peers("StatefulSet/shop-webshop-db", "shop-webshop-db", 5432)));

    private static final String GATEWAY = "Deployment/micro-gateway";
    private static final String AUTH = "Deployment/micro-auth";
    private static final String CACHE = "Deployment/micro-cache";
    private static final String CART = "Deployment/micro-cart";
    private static final String CATALOG = "Deployment/micro-catalog";
    private static final String INVENTORY = "Deployment/micro-inventory";
    private static final String ORDERS = "Deployment/micro-orders";
    private static final String DISPATCHER = "Deployment/micro-order-notification-dispatcher";
    private static final String DB = "StatefulSet/micro-db";
    private static final String MQ = "StatefulSet/micro-mq";
    private static final String MIGRATE = "Job/micro-migrate";
    private static final String REMINDER = "CronJob/micro-abandoned-cart-reminder";
    private static final String GATEWAY_TEST = "Pod/micro-gateway-test";

    /**
     * postrenderer/src/test/resources/segregation/microshop.yaml, release micro. Container ports: gateway http 8080,
     * http-mgmt 8081; auth https 8443; cache redis 6379; cart http 8080; catalog http 8080; inventory http 8080,
     * grpc 9090; orders grpc 50051, metrics 9464; dispatcher http-mgmt 8081; db postgres 5432; mq amqp 5672, epmd
     * 4369, dist 25672, http-stats 15672; reminder http-mgmt 8081; migrate and the test Pod none.
     */
    static final App MICROSHOP = new App("microshop", "/segregation/microshop.yaml", "micro", all(List.of(
            // The public entry and the scrape.
            tcp(INGRESS_NGINX, GATEWAY, 8080, "Ingress micro-microshop -> Service micro-gateway port 80 -> targetPort http"),
            tcp(PROMETHEUS, ORDERS, 9464, "prometheus.io/scrape and prometheus.io/port 9464 on the orders pods"),

            // gateway
            tcp(GATEWAY, AUTH, 8443, "AUTH_URL https://micro-auth:8443 in ConfigMap micro-gateway-env (envFrom)"),
            tcp(GATEWAY, ORDERS, 50051, "ORDERS_ADDR grpc://micro-orders:80 in micro-gateway-env: port 80 -> targetPort grpc"),
            tcp(GATEWAY, CACHE, 6379, "RATELIMIT_REDIS micro-cache:6379 in micro-gateway-env"),
            tcp(GATEWAY, CATALOG, 8080, "uri http://micro-catalog in the mounted routes.yaml: every port of the Service "
                    + "(80 -> targetPort http)"),
            tcp(GATEWAY, CART, 8080, "uri http://micro-cart:8080 in the mounted routes.yaml"),
            tcp(GATEWAY, INVENTORY, 8080, "args http://micro-inventory:$(INVENTORY_HTTP_PORT) with INVENTORY_HTTP_PORT=80: "
                    + "Service port http -> targetPort http (not the grpc port)"),

            // auth: one key of micro-credentials
            tcp(AUTH, DB, 5432, "secretKeyRef micro-credentials/auth-database-url postgres://auth:...@micro-db:5432/auth"),

            // catalog: two keys of micro-endpoints
            tcp(CATALOG, DB, 5432, "configMapKeyRef micro-endpoints/catalog.jdbc jdbc:postgresql://micro-db:5432/catalog"),
            tcp(CATALOG, CACHE, 6379, "configMapKeyRef micro-endpoints/cache.url redis://micro-cache:6379/1"),

            // cart
            tcp(CART, CACHE, 6379, "secretKeyRef micro-credentials/cart-redis-url redis://:...@micro-cache:6379/0"),
            tcp(CART, INVENTORY, 9090, "configMapKeyRef micro-endpoints/inventory.grpc micro-inventory:9090 (not the http port)"),

            // orders
            tcp(ORDERS, DB, 5432, "init container nc -z micro-db 5432; DATABASE_JDBC_URL in micro-orders-env"),
            tcp(ORDERS, INVENTORY, 8080, "INVENTORY_HOST micro-inventory.team-a, no port: every port of the Service"),
            tcp(ORDERS, INVENTORY, 9090, "INVENTORY_HOST micro-inventory.team-a, no port: every port of the Service"),
            tcp(ORDERS, MQ, 5672, "secretKeyRef micro-credentials/orders-amqp-url amqp://orders:...@micro-mq:5672/shop"),

            // inventory: the projected configuration file
            tcp(INVENTORY, DB, 5432, "spring.datasource.url jdbc:postgresql://micro-db.team-a.svc:5432/inventory (projected)"),
            tcp(INVENTORY, MQ, 5672, "spring.rabbitmq.host micro-mq (projected), no port: every port of Service micro-mq"),
            tcp(INVENTORY, CATALOG, 8080, "init container seed-products: wget http://micro-catalog/... (port 80 -> http)"),

            // the dispatcher
            tcp(DISPATCHER, MQ, 5672, "AMQP_URL amqp://notify:...@micro-mq.team-a.svc.cluster.local:5672/shop in Secret "
                    + "micro-notifications (envFrom, base64 data)"),
            tcp(DISPATCHER, AUTH, 8443, "configMapKeyRef micro-endpoints/auth.url https://micro-auth:8443"),

            // the hook, the CronJob and the helm test
            tcp(MIGRATE, DB, 5432, "args postgres://$(DB_USER):$(DB_PASSWORD)@micro-db:5432/shop"),
            tcp(REMINDER, CART, 8080, "env CART_URL http://micro-cart:8080"),
            tcp(REMINDER, MQ, 5672, "AMQP_URL amqp://reminder:...@micro-mq:5672/shop in Secret micro-reminder (envFrom, "
                    + "stringData)"),
            tcp(GATEWAY_TEST, GATEWAY, 8080, "helm test: wget http://micro-gateway/... (Service port 80 -> targetPort http)")),

            peers(DB, "micro-db", 5432),
            peers(MQ, "micro-mq-headless", 4369, 5672, 25672)));

    static final List<App> APPS = List.of(WEBSHOP, MICROSHOP);

    /** Values of microshop that name nothing in the cluster: nothing is opened for them, and nothing is said. */
    static final List<String> MICROSHOP_EXTERNAL = List.of("api.stripe.com", "smtp.sendgrid.net", "shop.example.com");

    /** The one value of microshop that names a Service outside the release, and the workload that holds it. */
    static final String MICROSHOP_FOREIGN_VALUE = "payments.other-team.svc.cluster.local:443";
    static final String MICROSHOP_FOREIGN_WORKLOAD = "micro-orders";

    private SegregationFlows() {
    }
}
