package io.netpolguard.plan.segregate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A program's arguments as the values they are. */
class ArgumentsTest {

    /** "key=text:port" per value. */
    private static List<String> values(boolean shell, String... argv) {
        return Arguments.read(List.of(argv), 1, shell).stream()
                .map(a -> (a.script() ? "script " : "") + a.key() + "=" + a.text() + (a.port() == 0 ? "" : ":" + a.port()))
                .toList();
    }

    @Test
    void anOptionsValueIsWrittenAfterAnEqualsSignOrAsTheNextArgument() {
        assertThat(values(false, "app", "--redis=cache:6379", "--db-host", "db", "-v", "--listen", ":8080"))
                .containsExactly("redis=cache:6379", "db-host=db", "listen=:8080");
    }

    @Test
    void aHostOptionTakesThePortOptionOfTheSameName() {
        assertThat(values(false, "app", "--db-host", "db", "--cache-host=cache", "--db-port=5432", "--port", "8080"))
                .containsExactly("db-host=db:5432", "cache-host=cache", "db-port=5432", "port=8080");
        assertThat(values(false, "pg_isready", "-h", "db", "-p", "5432")).containsExactly("h=db:5432", "p=5432");
    }

    @Test
    void aPortNumberRightAfterAHostIsItsPort() {
        assertThat(values(false, "nc", "-z", "db", "5432")).containsExactly("z=db:5432");
        assertThat(values(false, "wait-for", "db", "5432", "--", "app")).containsExactly("null=db:5432", "null=app");
    }

    @Test
    void aShellsDashCTakesTheScript() {
        assertThat(values(true, "sh", "-ec", "nc -z db 5432")).containsExactly("script null=nc -z db 5432");
        assertThat(values(false, "psql", "-c", "select 1")).containsExactly("c=select 1");
    }
}
