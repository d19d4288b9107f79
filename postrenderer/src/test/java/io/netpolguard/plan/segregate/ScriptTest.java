package io.netpolguard.plan.segregate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a shell script names: its commands' arguments and assignments, not its comments and messages. */
class ScriptTest {

    private static List<String> hosts(String script) {
        List<Address> found = new ArrayList<>();
        Script.read(script, found);
        return found.stream().map(a -> a.host() + (a.port() == 0 ? "" : ":" + a.port())).toList();
    }

    @Test
    void aWaitLoopNamesTheHostWithThePortAfterIt() {
        assertThat(hosts("until nc -z db 5432; do echo waiting for the cache; sleep 2; done"))
                .containsExactly("db:5432");
    }

    @Test
    void clientOptionsGiveTheHostItsPort() {
        assertThat(hosts("redis-cli -h cache -p 6379 ping && psql --host=db --port=5432 -c 'select 1'"))
                .as("ping, a subcommand, is an argument like a host").containsExactly("cache:6379", "ping", "db:5432");
    }

    @Test
    void aUrlAnywhereInACommandCounts() {
        assertThat(hosts("wget -qO- --timeout=5 'http://gateway/api/health?deep=true' || exit 1"))
                .containsExactly("gateway");
    }

    @Test
    void anAssignmentIsReadAsTheVariableItSets() {
        assertThat(hosts("HEADLESS=\"db-headless.team-a.svc.cluster.local\"\nDB_NAME=orders\nexport API=api:8080"))
                .containsExactly("db-headless.team-a.svc.cluster.local", "api:8080");
    }

    @Test
    void commentsMessagesAndFileCommandsNameNothing() {
        assertThat(hosts("""
                # the cache and db must be up: nc -z cache 6379
                echo "connecting to cache"
                printf '%s\\n' cache >> /tmp/hosts
                grep -q db /etc/hosts
                """)).isEmpty();
    }

    @Test
    void aHereDocumentIsReadAsTheFileItWrites() {
        assertThat(hosts("""
                cat > /etc/app.yaml <<EOF
                # written at start
                description: talks to the cache
                redis:
                  host: cache
                  port: 6379
                EOF
                exec app --config /etc/app.yaml
                """)).containsExactly("cache:6379");
    }

    @Test
    void aShellInAShellIsFollowedAndAServiceLinkIsAVariableNotACommand() {
        assertThat(hosts("bash -c 'redis-cli -h $(CACHE_SERVICE_HOST) -p 6379 ping'"))
                .containsExactly("CACHE_SERVICE_HOST:6379", "ping");
    }
}
