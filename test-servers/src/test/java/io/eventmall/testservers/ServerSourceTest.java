package io.eventmall.testservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServerSourceTest {

    @Test
    void withNothingRequestedContainersAreTakenExactlyWhenDockerAnswers() {
        assertThat(ServerSource.decide(null, () -> true)).isEqualTo(ServerSource.CONTAINERS);
        assertThat(ServerSource.decide(null, () -> false)).isEqualTo(ServerSource.LOCAL);
        assertThat(ServerSource.decide(" ", () -> true)).isEqualTo(ServerSource.CONTAINERS);
        assertThat(ServerSource.decide("auto", () -> false)).isEqualTo(ServerSource.LOCAL);
        assertThat(ServerSource.decide("AUTO", () -> true)).isEqualTo(ServerSource.CONTAINERS);
    }

    @Test
    void anExplicitRequestWinsAndDoesNotAskDocker() {
        AtomicInteger asked = new AtomicInteger();
        assertThat(ServerSource.decide("local", () -> asked.incrementAndGet() > 0)).isEqualTo(ServerSource.LOCAL);
        assertThat(ServerSource.decide(" Containers ", () -> asked.incrementAndGet() < 0))
                .isEqualTo(ServerSource.CONTAINERS);
        assertThat(asked).hasValue(0);
    }

    @Test
    void anUnknownRequestIsRefusedNamingTheSettingAndTheChoices() {
        assertThatThrownBy(() -> ServerSource.decide("docker", () -> true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mall.test.servers").hasMessageContaining("MALL_TEST_SERVERS")
                .hasMessageContaining("'docker'").hasMessageContaining("local, containers or auto");
    }

    @Test
    void theSystemPropertyIsReadBeforeTheEnvironmentVariable() {
        Map<String, String> properties = Map.of("mall.test.servers", "local");
        Map<String, String> environment = Map.of("MALL_TEST_SERVERS", "containers");
        assertThat(ServerSource.requested(properties::get, environment::get)).isEqualTo("local");
        assertThat(ServerSource.requested(Map.<String, String>of()::get, environment::get)).isEqualTo("containers");
        assertThat(ServerSource.requested(Map.of("mall.test.servers", "")::get, environment::get)).isEqualTo("containers");
        assertThat(ServerSource.requested(Map.<String, String>of()::get, Map.<String, String>of()::get)).isNull();
    }

    @Test
    void theLocalAddressesAreThoseOfScriptsServersSh() {
        assertThat(ServerAddresses.LOCAL.asSystemProperties()).containsExactly(
                Map.entry("mall.test.postgres.address", "127.0.0.1:5432"),
                Map.entry("mall.test.redis.host", "127.0.0.1"),
                Map.entry("mall.test.redis.port", "6379"),
                Map.entry("mall.test.elasticsearch.uri", "http://127.0.0.1:9200"));
    }

    @Test
    void urlsAreBuiltOnTheChosenServer() {
        assertThat(TestServers.testDatabaseUrl(Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://db:5/own")))
                .isEqualTo("jdbc:postgresql://db:5/own");
        assertThat(TestServers.testDatabaseUrl(Map.of()))
                .isEqualTo("jdbc:postgresql://" + TestServers.postgresAddress() + "/mall_test");
        assertThat(TestServers.inSchema("jdbc:postgresql://h:1/d", "drill")).isEqualTo("jdbc:postgresql://h:1/d?currentSchema=drill");
        assertThat(TestServers.inSchema("jdbc:postgresql://h:1/d?ssl=false", "drill"))
                .isEqualTo("jdbc:postgresql://h:1/d?ssl=false&currentSchema=drill");
    }

    @Test
    void thisRunPublishedWhereItsServersAre() {
        // The session listener ran before this class loaded: the addresses are system properties by now.
        ServerSource source = TestServers.provide();
        ServerAddresses published = ServerAddresses.fromSystemProperties();
        assertThat(System.getProperty(ServerAddresses.POSTGRES)).isNotNull();
        if (source == ServerSource.LOCAL) {
            assertThat(published).isEqualTo(ServerAddresses.LOCAL);
        } else {
            assertThat(published).isNotEqualTo(ServerAddresses.LOCAL);
        }
        assertThat(TestServers.describe(source, published)).contains(published.postgres(), published.elasticsearchUri());
    }
}
