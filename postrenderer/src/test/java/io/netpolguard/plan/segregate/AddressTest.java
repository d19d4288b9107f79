package io.netpolguard.plan.segregate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What one value names: the candidates that may then name a Service of the release. */
class AddressTest {

    /** The hosts (with their ports) a whole value names, where a bare host counts as it does for a variable. */
    private static List<String> hosts(String value) {
        List<Address> found = new ArrayList<>();
        Address.inValue(value, Address.bare(null, value), found);
        return found.stream().map(a -> a.host() + (a.port() == 0 ? "" : ":" + a.port())).toList();
    }

    @ParameterizedTest(name = "{0} names {1}")
    @CsvSource(delimiter = '|', value = {
            "http://api:8080/v1/orders?x=1 | api:8080",
            "https://api | api",
            "grpc://catalog:50051 | catalog:50051",
            "redis://:secret@cache:6379/0 | cache:6379",
            "amqp://guest:guest@queue:5672/%2f | queue:5672",
            "mongodb://user:pw@mongo-0.mongo.team-a.svc.cluster.local:27017,mongo-1.mongo:27017/db | mongo-0.mongo.team-a.svc.cluster.local:27017,mongo-1.mongo:27017",
            "postgres://app@db.team-a.svc:5432/shop | db.team-a.svc:5432",
            "db.team-a.svc.cluster.local. | db.team-a.svc.cluster.local",
            "http://es-0:9200/x,http://es-1:9200 | es-0:9200,es-1:9200",
            "cart:7070 | cart:7070",
            "cart | cart",
            "jdbc:postgresql://shop-db:5432/shop | shop-db:5432",
            "jdbc:postgresql://db-0:5432,db-1:5432/shop?targetServerType=primary | db-0:5432,db-1:5432",
            "'kafka-0:9092,kafka-1:9092' | kafka-0:9092,kafka-1:9092",
            "kafka-0:9092 kafka-1:9092 | kafka-0:9092,kafka-1:9092",
            "kafka-0:9092;kafka-1:9092 | kafka-0:9092,kafka-1:9092",
            "'[\"kafka-0:9092\",\"kafka-1:9092\"]' | kafka-0:9092,kafka-1:9092",
            "--redis=cache:6379 | cache:6379",
            "--upstream=catalog | catalog",
            "-Dspring.rabbitmq.host=mq | mq",
            "rabbit@mq-0.mq-headless | mq-0.mq-headless",
            "Host=postgresql;Port=5432;Username=app;Database=orders | postgresql:5432",
            "host=db port=5432 dbname=orders user=app | db:5432",
    })
    void aWholeValueNamesTheHostsOfItsUrlsItemsAndOptions(String value, String expected) {
        assertThat(hosts(value)).containsExactly(expected.split(","));
    }

    @Test
    void aHostIsKeptAsWrittenCaseIncludedForServiceNamesMatchExactly() {
        assertThat(hosts("Cache")).containsExactly("Cache");
        assertThat(hosts("http://Catalog:80")).containsExactly("Catalog:80");
    }

    @Test
    void aJdbcUrlNamesItsHostAndNotItsSubprotocol() {
        assertThat(hosts("jdbc:postgresql://shop-db:5432/shop")).containsExactly("shop-db:5432");
        List<Address> found = new ArrayList<>();
        Address.inValue("jdbc:postgresql://shop-db:5432/shop", true, found);
        assertThat(found.get(0).text()).as("as reasons show it").isEqualTo("postgresql://shop-db:5432");
    }

    @Test
    void pathsNumbersAddressesAndSwitchesAreNotHosts() {
        assertThat(hosts("/etc/nginx/nginx.conf")).isEmpty();
        assertThat(hosts("10.0.0.1")).isEmpty();
        assertThat(hosts("1.2.3.4")).isEmpty();
        assertThat(hosts("8080")).isEmpty();
        assertThat(hosts("-v")).isEmpty();
        assertThat(hosts("deploy/api")).isEmpty();
        assertThat(hosts("http://gateway:80/cart/items")).containsExactly("gateway:80");
        assertThat(hosts("frontend:8080/healthz")).containsExactly("frontend:8080");
    }

    @Test
    void anIpAddressIsAnAddressOnlyWithItsPortOrScheme() {
        assertThat(hosts("10.0.0.1:80")).containsExactly("10.0.0.1:80");
        assertThat(hosts("http://10.20.30.40/models")).containsExactly("10.20.30.40");
        assertThat(hosts("version 1.2.3.4 of the model")).isEmpty();
        assertThat(hosts("999.1.1.1:80")).isEmpty();
    }

    /** The shape: plain words in prose named a Service. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "Stores carts in the cache for a day",
            "the catalog service, cached",
            "Caches product pages. Falls back to the catalog when the cache is cold.",
            "admin@example and cache",
    })
    void aWordInASentenceIsNoAddress(String sentence) {
        assertThat(hosts(sentence)).isEmpty();
    }

    @Test
    void aSentenceStillNamesTheUrlsAndHostPortsItWrites() {
        assertThat(hosts("Calls the pricing service at http://pricing:8080 and cache:6379 for quotes"))
                .containsExactly("pricing:8080", "cache:6379");
    }

    @Test
    void aListOfHostsUnderANameThatSaysSoIsReadHostByHost() {
        List<Address> found = new ArrayList<>();
        Address.inValue("es-0 es-1", Address.bare("ES_HOSTS", "es-0 es-1"), found);
        assertThat(found).extracting(Address::host).containsExactly("es-0", "es-1");
    }

    @ParameterizedTest(name = "{0}: {1} is not a host")
    @CsvSource(delimiter = '|', value = {
            "POSTGRES_DB | orders",
            "OTEL_SERVICE_NAME | checkout",
            "SPRING_APPLICATION_NAME | orders",
            "KAFKA_TOPIC | orders",
            "RABBITMQ_QUEUE | orders",
            "SPRING_PROFILES_ACTIVE | cache",
            "--db-user | orders",
    })
    void aWordUnderANameThatSaysItIsSomethingElseIsNoHost(String name, String value) {
        assertThat(Address.bare(name, value)).isFalse();
    }

    @ParameterizedTest(name = "{0}: {1} is a host")
    @CsvSource(delimiter = '|', value = {
            "REDIS_HOST | cache",
            "AGENT_NAME | agent",
            "OTEL_COLLECTOR_NAME | otel-collector",
            "UPSTREAM | catalog",
            "--cache-host | cache",
    })
    void aWordUnderAnyOtherNameIsAHost(String name, String value) {
        assertThat(Address.bare(name, value)).isTrue();
    }

    @Test
    void aServiceLinkVariableNamesItsServiceWithThePortAfterIt() {
        List<Address> found = new ArrayList<>();
        Address.inValue("$(API_SERVICE_HOST):8080", true, found);
        assertThat(found).extracting(Address::host, Address::port).containsExactly(
                tuple("API_SERVICE_HOST", 8080));
    }

    @Test
    void whatTheAddressShowsLeavesOutUserPasswordAndPath() {
        List<Address> found = new ArrayList<>();
        Address.inValue("amqp://guest:s3cret@queue:5672/vhost", true, found);
        assertThat(found.get(0).text()).isEqualTo("amqp://queue:5672");
    }

    @Test
    void kubernetesExpandsTheContainersOwnVariablesAndLeavesTheRest() {
        Map<String, String> env = Map.of("HOST", "cart", "PORT", "7070");
        assertThat(PodValues.expand("http://$(HOST):$(PORT)/x $(UNKNOWN) $$(HOST)", env))
                .isEqualTo("http://cart:7070/x $(UNKNOWN) $(HOST)");
    }

    @Test
    void kubernetesReadsAReferenceToItsFirstClosingParenthesisAndLeavesAnUndefinedOneWhole() {
        Map<String, String> env = Map.of("HOST", "cart");
        assertThat(PodValues.expand("$(X$(HOST)) $(HOST $(", env)).isEqualTo("$(X$(HOST)) $(HOST $(");
    }
}
