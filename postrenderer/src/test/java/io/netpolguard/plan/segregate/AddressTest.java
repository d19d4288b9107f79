package io.netpolguard.plan.segregate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AddressTest {

    private static List<String> hosts(String text) {
        return Address.scan(text).stream().map(a -> a.host() + (a.port() == 0 ? "" : ":" + a.port())).toList();
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
            "Cache | cache",
    })
    void aValueNamesTheHostsOfItsUrlsAndWords(String text, String expected) {
        assertThat(hosts(text)).containsExactly(expected.split(","));
    }

    @Test
    void aJdbcUrlNamesItsHostAndNotItsSubprotocol() {
        assertThat(hosts("jdbc:postgresql://shop-db:5432/shop")).containsExactly("jdbc", "shop-db:5432");
    }

    @Test
    void optionsPathsUsersSchemesAndNumbersAreNotHosts() {
        assertThat(hosts("--redis=cache:6379 /etc/nginx/nginx.conf admin@example 10.0.0.1:80 -v"))
                .containsExactly("cache:6379", "example");
        assertThat(hosts("http://gateway:80/cart/items")).containsExactly("gateway:80");
        assertThat(hosts("frontend:8080/healthz")).containsExactly("frontend:8080");
    }

    @Test
    void aShellCommandNamesTheHostItWaitsFor() {
        assertThat(hosts("until nc -z db 5432; do sleep 2; done")).contains("db").doesNotContain("5432");
    }

    @Test
    void aFileNamesTheHostsInItsLines() {
        String conf = """
                upstream api { server shop-api:8080; }
                location /api/ { proxy_pass http://shop-api:8080; }
                """;
        assertThat(hosts(conf)).contains("shop-api:8080").doesNotContain("api:8080");
    }

    @Test
    void whatTheAddressShowsLeavesOutUserPasswordAndPath() {
        Address a = Address.scan("amqp://guest:s3cret@queue:5672/vhost").get(0);
        assertThat(a.text()).isEqualTo("amqp://queue:5672");
    }

    @Test
    void kubernetesExpandsTheContainersOwnVariablesAndLeavesTheRest() {
        java.util.Map<String, String> env = java.util.Map.of("HOST", "cart", "PORT", "7070");
        assertThat(PodValues.expand("http://$(HOST):$(PORT)/x $(UNKNOWN) $$(HOST)", env))
                .isEqualTo("http://cart:7070/x $(UNKNOWN) $(HOST)");
    }

    @Test
    void kubernetesReadsAReferenceToItsFirstClosingParenthesisAndLeavesAnUndefinedOneWhole() {
        java.util.Map<String, String> env = java.util.Map.of("HOST", "cart");
        assertThat(PodValues.expand("$(X$(HOST)) $(HOST $(", env)).isEqualTo("$(X$(HOST)) $(HOST $(");
    }
}
