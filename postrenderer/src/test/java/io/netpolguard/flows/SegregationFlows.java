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
    private static final String RECOMMENDATIONS = "Deployment/micro-recommendations";

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
            tcp(GATEWAY_TEST, GATEWAY, 8080, "helm test: wget http://micro-gateway/... (Service port 80 -> targetPort http)"),

            // recommendations: the gateway calls it by a name in its code only (see CODE_ONLY); it reads the catalog
            tcp(RECOMMENDATIONS, CATALOG, 8080, "CATALOG_URL http://micro-catalog:80 -> targetPort http")),

            peers(DB, "micro-db", 5432),
            peers(MQ, "micro-mq-headless", 4369, 5672, 25672)));

    private static final String PROXY = "Deployment/frontend-proxy";
    private static final String FRONTEND = "Deployment/frontend";
    private static final String CART_ = "Deployment/cart";
    private static final String VALKEY = "Deployment/valkey-cart";
    private static final String CHECKOUT = "Deployment/checkout";
    private static final String CATALOGUE = "Deployment/product-catalog";
    private static final String SHIPPING = "Deployment/shipping";
    private static final String QUOTE = "Deployment/quote";
    private static final String PAYMENT = "Deployment/payment";
    private static final String EMAIL = "Deployment/email";
    private static final String KAFKA = "Deployment/kafka";
    private static final String ACCOUNTING = "Deployment/accounting";
    private static final String FLAGD = "Deployment/flagd";
    private static final String COLLECTOR = "Deployment/otel-collector";
    private static final String LOADGEN = "Deployment/load-generator";
    private static final String REVIEWS = "Deployment/product-reviews";

    /** Each of {@code from} exports to the collector on one OTLP port, the one its endpoint names. */
    private static List<Flow> exports(int port, String... from) {
        List<Flow> flows = new ArrayList<>();
        for (String workload : from) {
            flows.add(tcp(workload, COLLECTOR, port, "OTEL_EXPORTER_OTLP_ENDPOINT http://$(OTEL_COLLECTOR_NAME):"
                    + port + " (OTEL_COLLECTOR_NAME counts only there, with that port)"));
        }
        return flows;
    }

    /** Each of {@code from} reads its flags from flagd's gRPC port: FLAGD_HOST with FLAGD_PORT, not every port. */
    private static List<Flow> flags(String... from) {
        List<Flow> flows = new ArrayList<>();
        for (String workload : from) {
            flows.add(tcp(workload, FLAGD, 8013, "FLAGD_HOST flagd with FLAGD_PORT 8013"));
        }
        return flows;
    }

    /**
     * postrenderer/src/test/resources/segregation/astro-shop.yaml, release astro: shaped after the OpenTelemetry
     * demo's chart. Container ports: frontend-proxy 8080, admin 10000; frontend, cart, checkout, product-catalog,
     * shipping, quote, payment, email 8080; valkey-cart 6379; kafka 9092, 9093; flagd 8013, 8016, flagd-ui 4000;
     * otel-collector 4317, 4318, 8888, 13133; load-generator 8089; accounting none. Not opened: anything the flag
     * and product descriptions name, the collector's metrics port but to the frontend, flagd's OFREP and UI ports
     * but to the front proxy, kafka's controller port.
     */
    static final App ASTRO_SHOP = new App("astro-shop", "/segregation/astro-shop.yaml", "astro", all(List.of(
            tcp(INGRESS_NGINX, PROXY, 8080, "Ingress frontend-proxy -> Service frontend-proxy 8080"),

            // the front proxy: envoy.yaml's clusters and its variables, each host with its port
            tcp(PROXY, FRONTEND, 8080, "FRONTEND_HOST with FRONTEND_PORT; envoy socket_address frontend:8080"),
            tcp(PROXY, FLAGD, 8016, "envoy cluster flagservice: socket_address flagd with port_value 8016"),
            tcp(PROXY, FLAGD, 4000, "FLAGD_UI_HOST with FLAGD_UI_PORT; envoy cluster flagdui"),
            tcp(PROXY, LOADGEN, 8089, "LOCUST_WEB_HOST with LOCUST_WEB_PORT; envoy cluster loadgen"),
            tcp(PROXY, COLLECTOR, 4317, "OTEL_COLLECTOR_HOST with OTEL_COLLECTOR_PORT_GRPC"),
            tcp(PROXY, COLLECTOR, 4318, "OTEL_COLLECTOR_HOST with OTEL_COLLECTOR_PORT_HTTP; envoy cluster"
                    + " opentelemetry_collector_http"),

            // the frontend: *_ADDR host:port (ad, currency and recommendation are not in the release)
            tcp(FRONTEND, CART_, 8080, "CART_ADDR cart:8080"),
            tcp(FRONTEND, CHECKOUT, 8080, "CHECKOUT_ADDR checkout:8080"),
            tcp(FRONTEND, CATALOGUE, 8080, "PRODUCT_CATALOG_ADDR product-catalog:8080"),
            tcp(FRONTEND, SHIPPING, 8080, "SHIPPING_ADDR shipping:8080"),
            tcp(FRONTEND, COLLECTOR, 4317, "OTEL_EXPORTER_OTLP_ENDPOINT; and OTEL_COLLECTOR_HOST, which has no port"),
            tcp(FRONTEND, COLLECTOR, 4318, "OTEL_COLLECTOR_HOST $(OTEL_COLLECTOR_NAME) without a port: all ports"),
            tcp(FRONTEND, COLLECTOR, 8888, "OTEL_COLLECTOR_HOST $(OTEL_COLLECTOR_NAME) without a port: all ports"),

            // checkout
            tcp(CHECKOUT, CART_, 8080, "CART_ADDR"),
            tcp(CHECKOUT, EMAIL, 8080, "EMAIL_ADDR http://email:8080"),
            tcp(CHECKOUT, PAYMENT, 8080, "PAYMENT_ADDR"),
            tcp(CHECKOUT, CATALOGUE, 8080, "PRODUCT_CATALOG_ADDR"),
            tcp(CHECKOUT, SHIPPING, 8080, "SHIPPING_ADDR"),
            tcp(CHECKOUT, KAFKA, 9092, "KAFKA_ADDR kafka:9092; init container nc -z -v -w30 kafka 9092"),

            tcp(CART_, VALKEY, 6379, "VALKEY_ADDR valkey-cart:6379; init container nc -z valkey-cart 6379"),
            tcp(SHIPPING, QUOTE, 8080, "QUOTE_ADDR http://quote:8080"),
            tcp(ACCOUNTING, KAFKA, 9092, "KAFKA_ADDR kafka:9092; init container nc"),
            tcp(LOADGEN, PROXY, 8080, "LOCUST_HOST http://frontend-proxy:8080"),
            tcp(REVIEWS, CATALOGUE, 8080, "PRODUCT_CATALOG_ADDR product-catalog:8080 (the frontend calls reviews by a"
                    + " name in its code only: see CODE_ONLY)"),

            // the collector checks the front proxy and scrapes valkey (its mounted relay configuration)
            tcp(COLLECTOR, PROXY, 8080, "httpcheck/frontend-proxy target http://frontend-proxy:8080"),
            tcp(COLLECTOR, VALKEY, 6379, "redis receiver endpoint valkey-cart:6379"),

            // flagd's own exports: FLAGD_OTEL_COLLECTOR_URI (gRPC) and the UI sidecar's endpoint (HTTP)
            tcp(FLAGD, COLLECTOR, 4317, "FLAGD_OTEL_COLLECTOR_URI $(OTEL_COLLECTOR_NAME):4317"),
            tcp(FLAGD, COLLECTOR, 4318, "flagd-ui OTEL_EXPORTER_OTLP_ENDPOINT http://$(OTEL_COLLECTOR_NAME):4318")),

            exports(4317, CART_, CHECKOUT, CATALOGUE, SHIPPING, PAYMENT, LOADGEN),
            exports(4318, EMAIL, KAFKA, ACCOUNTING, QUOTE),
            flags(FRONTEND, CART_, CHECKOUT, CATALOGUE, PAYMENT, LOADGEN)));

    private static final String WEB = "Deployment/books-web";
    private static final String API = "Deployment/books-api";
    private static final String WORKER = "Deployment/books-worker";
    private static final String SEARCH = "StatefulSet/books-search";
    private static final String BOOKS_DB = "StatefulSet/books-db";
    private static final String BOOKS_CACHE = "Deployment/books-cache";
    private static final String BOOKS_MQ = "StatefulSet/books-mq";
    private static final String COVERS = "Deployment/books-covers";
    private static final String MAILER = "Deployment/books-mailer";
    private static final String ADMIN = "Deployment/books-admin";
    private static final String BOOKS_MIGRATE = "Job/books-migrate";
    private static final String REINDEX = "CronJob/books-reindex";
    private static final String BOOKS_TEST = "Pod/books-test";
    private static final String RECOMMENDER = "Deployment/books-recommender";

    /**
     * postrenderer/src/test/resources/segregation/library.yaml, release books. Container ports: web 8080; api 8080,
     * management 8081; worker metrics 9102; search 9200, 9300; db 5432; cache redis 6379, sentinel 26379; mq 5672,
     * 4369, 25672, 15672; covers 8080, metrics 9100; mailer smtp 1025, http 8025; admin 8080; migrate, reindex and
     * the test Pod none. Not opened: the cache's sentinel port, the covers' metrics port but to the web (which gives
     * no port) and Prometheus, the mailer's UI, the queue's management port, what descriptions and comments name.
     */
    static final App LIBRARY = new App("library", "/segregation/library.yaml", "books", all(List.of(
            tcp(INGRESS_NGINX, WEB, 8080, "Ingress books / -> Service books-web port http (80) -> targetPort http"),
            tcp(INGRESS_NGINX, ADMIN, 8080, "Ingress books /admin -> Service books-admin 8080"),
            tcp(PROMETHEUS, COVERS, 9100, "prometheus.io/scrape and prometheus.io/port 9100 on the covers pods"),

            tcp(WEB, API, 8080, "nginx upstream: server books-api:8080"),
            tcp(WEB, COVERS, 8080, "nginx proxy_pass http://books-covers, no port: every port of the Service"),
            tcp(WEB, COVERS, 9100, "nginx proxy_pass http://books-covers, no port: every port of the Service"),

            tcp(API, BOOKS_DB, 5432, "SPRING_DATASOURCE_URL jdbc:postgresql://books-db:5432/books"),
            tcp(API, BOOKS_CACHE, 6379, "SPRING_DATA_REDIS_HOST with SPRING_DATA_REDIS_PORT (not the sentinel)"),
            tcp(API, SEARCH, 9200, "SEARCH_URIS http://books-search:9200"),
            tcp(API, COVERS, 8080, "COVERS_SERVICE_HOST with COVERS_SERVICE_PORT (not the metrics port)"),
            tcp(API, BOOKS_MQ, 5672, "application.yaml spring.rabbitmq.host with spring.rabbitmq.port"),

            tcp(WORKER, BOOKS_MQ, 5672, "--amqp-url=amqp://worker:...@books-mq:5672/library"),
            tcp(WORKER, MAILER, 1025, "--mail-host books-mailer with --mail-port 2525 -> targetPort smtp"),
            tcp(WORKER, COVERS, 8080, "--covers-url=http://$(COVERS_HOST):8080/v1: COVERS_HOST counts only there"),

            tcp(COVERS, BOOKS_CACHE, 6379, "CACHE_ADDR books-cache:6379"),

            tcp(ADMIN, BOOKS_DB, 5432, "appsettings.json ConnectionStrings Host=books-db;Port=5432"),
            tcp(ADMIN, API, 8080, "appsettings.json Api.BaseAddress http://books-api:8080/"),
            tcp(ADMIN, SEARCH, 9200, "appsettings.json Search.Url http://books-search:9200"),
            tcp(ADMIN, MAILER, 1025, "appsettings.json Mail.Host with Mail.Port 2525 -> targetPort smtp"),

            tcp(BOOKS_MIGRATE, BOOKS_DB, 5432, "the pre-install hook: pg_isready -h books-db -p 5432; flyway -url"),
            tcp(REINDEX, SEARCH, 9200, "SEARCH_HOST with SEARCH_PORT"),
            tcp(REINDEX, BOOKS_DB, 5432, "DATABASE_DSN Host=books-db;Port=5432"),
            tcp(BOOKS_TEST, WEB, 8080, "helm test: wget http://books-web/healthz (port 80 -> targetPort http)"),
            tcp(RECOMMENDER, SEARCH, 9200, "SEARCH_URL http://books-search:9200 (the api calls the recommender by a"
                    + " name in its code only: see CODE_ONLY)")),

            peers(SEARCH, "books-search-headless", 9200, 9300),
            peers(BOOKS_DB, "books-db-hl", 5432),
            peers(BOOKS_MQ, "books-mq-headless", 4369, 5672, 25672)));

    static final List<App> APPS = List.of(WEBSHOP, MICROSHOP, ASTRO_SHOP, LIBRARY);

    /** A value of microshop that names no flow of its pods (a browser's origin): nothing is opened, nothing said. */
    static final String MICROSHOP_ORIGIN = "shop.example.com";

    /** The one value of microshop that names a Service outside the release, and the workload that holds it. */
    static final String MICROSHOP_FOREIGN_VALUE = "payments.other-team.svc.cluster.local:443";
    static final String MICROSHOP_FOREIGN_WORKLOAD = "micro-orders";

    /**
     * Per application, the addresses outside the release its pods are given, as the warnings write them, and the
     * workload given each: every one is closed, and warned about exactly once.
     */
    static final Map<String, Map<String, String>> OUTSIDE = Map.of(
            "webshop", Map.of(),
            "microshop", Map.of(MICROSHOP_FOREIGN_VALUE, "micro-orders", "https://api.stripe.com", "micro-orders",
                    "smtp.sendgrid.net:587", "micro-order-notification-dispatcher"),
            "astro-shop", Map.of("jaeger-collector.observability.svc:4317", "otel-collector",
                    "http://prometheus.observability.svc:9090", "otel-collector",
                    "http://llm.ai-models:8000", "product-reviews"),
            "library", Map.of("https://s3.eu-west-1.amazonaws.com", "books-covers",
                    "http://10.20.30.40:9000", "books-recommender"));

    /**
     * Per application, its Services that a component calls by a name only its code knows (no manifest names them),
     * and the workload behind each: under --segregate nothing reaches them, and each is warned about exactly once.
     */
    static final Map<String, Map<String, String>> CODE_ONLY = Map.of(
            "webshop", Map.of(),
            "microshop", Map.of("micro-recommendations", "micro-recommendations"),
            "astro-shop", Map.of("product-reviews", "product-reviews"),
            "library", Map.of("books-recommender", "books-recommender"));

    private SegregationFlows() {
    }
}
