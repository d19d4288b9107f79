package io.netpolguard.plan.segregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the name of a setting says about its value: an environment variable ({@code REDIS_HOST}), an option
 * ({@code --db-port}), a key of a configuration file ({@code spring.rabbitmq.host}, {@code redis: {port: 6379}}).
 * A name is read as its words: {@code SPRING_DATA_REDIS_HOST}, {@code spring.data.redis.host} and
 * {@code springDataRedisHost} are all "spring data redis host".
 */
final class Keys {

    /** The last word of a setting that holds a host, whose port another setting of the same prefix may hold. */
    private static final Set<String> HOST = Set.of("host", "hostname", "addr", "address", "server", "h");

    /** Besides {@code port}, a word that says which of a host's ports, or that it is one: {@code PORT_NUMBER}. */
    private static final Set<String> PORT_QUALIFIER = Set.of("number", "value", "grpc", "http", "https", "tcp",
            "udp", "tls", "ssl", "plaintext");

    /**
     * The last word of a configuration file's key under which a bare word is a host: a file has many other
     * fields ({@code name}, {@code type}, {@code description}) whose words are not.
     */
    private static final Set<String> ADDRESS = Set.of("host", "hosts", "hostname", "hostnames", "addr", "addrs",
            "address", "addresses", "server", "servers", "url", "urls", "uri", "uris", "endpoint", "endpoints",
            "broker", "brokers", "upstream", "upstreams", "backend", "backends", "target", "targets", "dsn", "seed",
            "seeds", "nodes", "peers", "master", "replicaof", "slaveof", "pass", "proxy", "destination");

    /**
     * The last word of a variable or option whose value is not a host even when it is one word: the database, user,
     * queue, topic, profile or path of a client, which may well be spelled as a Service is ({@code POSTGRES_DB:
     * orders}).
     */
    private static final Set<String> NOT_ADDRESS = Set.of("db", "database", "dbname", "user", "username", "login",
            "password", "passwd", "secret", "token", "key", "topic", "topics", "queue", "queues", "exchange",
            "bucket", "index", "table", "schema", "keyspace", "level", "profile", "profiles", "active", "mode", "env",
            "environment", "region", "zone", "path", "dir", "file", "id", "version", "tag", "format", "locale",
            "lang", "language", "tz", "timezone", "driver", "dialect", "protocol", "scheme", "exporter",
            "exporters", "sampler", "propagators", "type", "kind", "class", "role", "group", "namespace", "realm",
            "tenant", "project", "prefix", "suffix", "label", "labels", "title", "description", "message");

    /** Before {@code name}, a word that makes it the name of something other than a host: OTEL_SERVICE_NAME. */
    private static final Set<String> NOT_ADDRESS_NAME = Set.of("service", "app", "application", "db", "database",
            "cluster", "user", "queue", "topic", "bucket", "index", "table", "pod", "container", "image", "job",
            "release", "chart", "display", "node");

    private Keys() {
    }

    /** Whether a configuration file's key says its value is an address: {@code redis.host}, {@code brokers}. */
    static boolean namesAddress(String key) {
        List<String> words = words(key);
        return !words.isEmpty() && ADDRESS.contains(words.get(words.size() - 1));
    }

    /** Whether a variable's or option's name says its value is no host: {@code POSTGRES_DB}, {@code OTEL_SERVICE_NAME}. */
    static boolean namesNoAddress(String key) {
        List<String> words = words(key);
        int n = words.size();
        if (n == 0) {
            return false;
        }
        String last = words.get(n - 1);
        return NOT_ADDRESS.contains(last) || last.equals("name") && n > 1 && NOT_ADDRESS_NAME.contains(words.get(n - 2));
    }

    /**
     * For a setting that holds a host, what a setting of its port is named with: "redis" for {@code REDIS_HOST},
     * {@code redis.host} and {@code --redis-host}, "" for {@code host} and {@code -h}; else null.
     */
    static String hostPrefix(String key) {
        List<String> words = words(key);
        int n = words.size();
        return n > 0 && HOST.contains(words.get(n - 1)) ? String.join(" ", words.subList(0, n - 1)) : null;
    }

    /**
     * For a setting that holds a port, the prefix {@link #hostPrefix} gives its host's setting: "redis" for
     * {@code REDIS_PORT}, {@code REDIS_PORT_NUMBER} (Bitnami's) and {@code redis.port}; "otel collector" for
     * {@code OTEL_COLLECTOR_PORT_GRPC} and {@code OTEL_COLLECTOR_HTTP_PORT} (one host, several ports); "" for
     * {@code port_value} (Envoy's) and {@code -p}; else null.
     */
    static String portPrefix(String key) {
        List<String> words = words(key);
        int n = words.size();
        if (n > 0 && (words.get(n - 1).equals("port") || words.get(n - 1).equals("p"))) {
            int end = n > 1 && PORT_QUALIFIER.contains(words.get(n - 2)) ? n - 2 : n - 1;
            return String.join(" ", words.subList(0, end));
        }
        if (n > 1 && words.get(n - 2).equals("port") && PORT_QUALIFIER.contains(words.get(n - 1))) {
            return String.join(" ", words.subList(0, n - 2));
        }
        return null;
    }

    /** The words of a name, lower-cased: split at every character but letters and digits, and where case rises. */
    static List<String> words(String key) {
        List<String> words = new ArrayList<>();
        if (key == null) {
            return words;
        }
        int start = -1;
        for (int i = 0; i <= key.length(); i++) {
            char c = i < key.length() ? key.charAt(i) : ' ';
            boolean word = Character.isLetterOrDigit(c);
            boolean rise = word && start >= 0 && Character.isUpperCase(c) && Character.isLowerCase(key.charAt(i - 1));
            if (start >= 0 && (!word || rise)) {
                words.add(key.substring(start, i).toLowerCase(Locale.ROOT));
                start = -1;
            }
            if (word && start < 0) {
                start = i;
            }
        }
        return words;
    }
}
