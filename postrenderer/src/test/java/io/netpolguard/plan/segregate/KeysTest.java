package io.netpolguard.plan.segregate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which settings hold a host and which its port, however a program spells their names. */
class KeysTest {

    @ParameterizedTest(name = "{0} and {1}")
    @CsvSource(delimiter = '|', value = {
            "REDIS_HOST | REDIS_PORT",
            "REDIS_MASTER_HOST | REDIS_MASTER_PORT_NUMBER",
            "FLAGD_HOST | FLAGD_PORT",
            "CART_ADDR | CART_PORT",
            "SMTP_SERVER | SMTP_PORT",
            "DB_HOSTNAME | DB_PORT",
            "KC_DB_URL_HOST | KC_DB_URL_PORT",
            "CATALOG_SERVICE_HOST | CATALOG_SERVICE_PORT",
            "OTEL_COLLECTOR_HOST | OTEL_COLLECTOR_PORT_GRPC",
            "OTEL_COLLECTOR_HOST | OTEL_COLLECTOR_HTTP_PORT",
            "spring.rabbitmq.host | spring.rabbitmq.port",
            "redisHost | redisPort",
            "socket_address.address | socket_address.port_value",
            "db-host | db-port",
            "h | p",
    })
    void aHostSettingAndThePortSettingOfTheSamePrefixArePaired(String host, String port) {
        assertThat(Keys.hostPrefix(host)).isNotNull().isEqualTo(Keys.portPrefix(port));
    }

    @ParameterizedTest(name = "{0} and {1}")
    @CsvSource(delimiter = '|', value = {
            "FLAGD_HOST | FLAGD_OFREP_PORT",
            "REDIS_HOST | SENTINEL_PORT",
            "redis.host | cache.port",
    })
    void settingsOfDifferentPrefixesAreNot(String host, String port) {
        assertThat(Keys.hostPrefix(host)).isNotEqualTo(Keys.portPrefix(port));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"spring.rabbitmq.host", "brokers", "bootstrap.servers", "proxy_pass", "Upstream", "seedHosts",
            "endpoint", "ConnectionStrings.Url"})
    void aConfigurationKeyThatNamesAnAddress(String key) {
        assertThat(Keys.namesAddress(key)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"name", "description", "type", "cluster_name", "state", "spring.application.name", "title"})
    void aConfigurationKeyThatNamesNone(String key) {
        assertThat(Keys.namesAddress(key)).isFalse();
    }
}
