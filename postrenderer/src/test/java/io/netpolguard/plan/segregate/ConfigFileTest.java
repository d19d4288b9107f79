package io.netpolguard.plan.segregate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a mounted file names: its settings' addresses (a URL or {@code host:port} under any key, a bare host only
 * under a key that names an address), hosts paired with the port beside them, and nothing from its comments and
 * free text.
 */
class ConfigFileTest {

    private static List<String> hosts(String name, String text) {
        List<Address> found = new ArrayList<>();
        ConfigFile.read(text, name, found);
        return found.stream().map(a -> a.host() + (a.port() == 0 ? "" : ":" + a.port())).toList();
    }

    /** The shape: a capitalised word in a JSON description matched a Service. */
    @Test
    void theWordsOfAJsonDescriptionNameNothing() {
        String flags = """
                {
                  "flags": {
                    "cartFailure": {
                      "description": "Fail Cart service requests with a Cache miss, then the cache recovers",
                      "state": "ENABLED",
                      "variants": {"on": true, "off": false},
                      "defaultVariant": "off"
                    },
                    "recommendationCache": {"name": "cache", "type": "cache", "state": "DISABLED"}
                  }
                }
                """;
        assertThat(hosts("demo.flagd.json", flags)).isEmpty();
    }

    @Test
    void aJsonDocumentNamesItsUrlsAndTheHostsOfItsAddressKeysWithThePortBeside() {
        String json = """
                {"datasource": {"url": "jdbc:postgresql://db:5432/app"},
                 "redis": {"host": "cache", "port": 6379, "name": "sessions"},
                 "kafka": {"brokers": ["kafka-0:9092", "kafka-1"]},
                 "upstreams": [{"address": "api", "port": 80}, {"address": "search", "port": 9200}]}
                """;
        assertThat(hosts("app.json", json)).containsExactly("db:5432", "cache:6379", "kafka-0:9092", "kafka-1",
                "api:80", "search:9200");
    }

    @Test
    void aYamlFileNamesItsSettingsAndSkipsItsCommentsAndDescriptions() {
        String yaml = """
                # The cache is optional; see https://docs.example.com and old-api:8080 (retired)
                service:
                  name: orders
                  description: |
                    Takes orders, reserves stock in the inventory and
                    publishes an event on the queue.
                spring:
                  rabbitmq:
                    host: mq
                    port: 5672
                  data:
                    redis:
                      url: redis://cache:6379/0
                grpc:
                  client:
                    inventory:
                      address: static://inventory:9090
                tracing:
                  endpoint: http://otel-collector:4317   # the collector
                """;
        assertThat(hosts("application.yaml", yaml)).containsExactly("mq:5672", "cache:6379", "inventory:9090",
                "otel-collector:4317");
    }

    @Test
    void aYamlListOfObjectsPairsEachHostWithItsOwnPort() {
        String yaml = """
                backends:
                  - host: catalog
                    port: 8080
                  - host: search
                    port: 9200
                brokers:
                  - kafka-0
                  - kafka-1:9093
                """;
        assertThat(hosts("routes.yaml", yaml)).containsExactly("catalog:8080", "search:9200", "kafka-0",
                "kafka-1:9093");
    }

    @Test
    void aPropertiesFileNamesItsSettingsWithThePortsBesideThem() {
        String properties = """
                # spring.datasource.url=jdbc:postgresql://old-db:5432/app
                spring.datasource.url=jdbc:postgresql://db.team-a.svc:5432/inventory
                spring.rabbitmq.host=mq
                spring.rabbitmq.port=5672
                spring.application.name=inventory
                management.server.port=8081
                ! a note: the cache is shared
                """;
        assertThat(hosts("application.properties", properties)).containsExactly("db.team-a.svc:5432", "mq:5672");
    }

    @Test
    void anIniFileReadsItsSectionsAsPrefixes() {
        String ini = """
                [database]
                host = db
                port = 5432
                name = orders
                ; host = legacy-db
                [cache]
                servers = cache-0:11211, cache-1:11211
                """;
        assertThat(hosts("app.ini", ini)).containsExactly("db:5432", "cache-0:11211", "cache-1:11211");
    }

    @Test
    void anNginxConfigurationNamesItsUpstreamServersAndProxiedUrlsNotItsBlockNames() {
        String nginx = """
                upstream catalog {
                  server catalog-0.catalog-headless:8080;
                  server search;
                }
                server {
                  listen 8080;
                  # proxy_pass http://legacy:8080;
                  location /api/ { proxy_pass http://api:8080; }
                  location /catalog/ { proxy_pass http://catalog; }
                }
                """;
        assertThat(hosts("default.conf", nginx)).containsExactly("catalog-0.catalog-headless:8080", "search",
                "api:8080", "catalog");
    }

    @Test
    void aRedisStyleDirectiveNamesItsHostWithThePortAfterIt() {
        assertThat(hosts("replica.conf", "dir /data\nreplicaof cache-master 6379\nappendonly yes\n"))
                .containsExactly("cache-master:6379");
    }

    @Test
    void aFileOfOneWordIsThatValue() {
        assertThat(hosts("redis-host", "cache\n")).containsExactly("cache");
        assertThat(hosts("database", "orders\n")).as("named as no host is").isEmpty();
    }

    @Test
    void aFileOfOneHostPerLineIsAList() {
        assertThat(hosts("seeds", "search-0.search-headless\nsearch-1.search-headless:9300\n"))
                .containsExactly("search-0.search-headless", "search-1.search-headless:9300");
        assertThat(hosts("application.properties", "spring.rabbitmq.host=mq\nserver.port=8080\n"))
                .as("settings, not words").containsExactly("mq");
    }

    @Test
    void aShellScriptIsReadAsOne() {
        String script = """
                #!/bin/sh
                # Waits for the database (db), then migrates
                until pg_isready -h db -p 5432; do echo "waiting for db"; sleep 2; done
                exec migrate -database "postgres://app@db:5432/app" up
                """;
        assertThat(hosts("migrate.sh", script)).as("a subcommand is a word like any other argument")
                .containsExactly("db:5432", "db:5432", "up");
    }
}
