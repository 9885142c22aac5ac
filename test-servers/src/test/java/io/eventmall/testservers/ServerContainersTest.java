package io.eventmall.testservers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.elasticsearch.ElasticsearchContainer;

/**
 * The containers as they are configured, before anything is started or pulled (this needs no Docker engine; resolving
 * an image would): set up like the local servers the tests were written against.
 */
class ServerContainersTest {

    @Test
    void postgresTrustsLikeTheLocalClusterAndHoldsTheTestDatabase() {
        PostgreSQLContainer<?> postgres = ServerContainers.postgres();
        assertThat(postgres.getDatabaseName()).isEqualTo("mall_test");
        assertThat(postgres.getUsername()).isEqualTo("postgres");
        assertThat(postgres.getEnvMap()).containsEntry("POSTGRES_HOST_AUTH_METHOD", "trust");
        assertThat(postgres.getCommandParts()).contains("max_connections=300");
        assertThat(postgres.getExposedPorts()).contains(PostgreSQLContainer.POSTGRESQL_PORT);
    }

    @Test
    void redisKeepsNothingOnDisk() {
        GenericContainer<?> redis = ServerContainers.redis();
        assertThat(redis.getCommandParts()).containsExactly("redis-server", "--save", "", "--appendonly", "no");
        assertThat(redis.getExposedPorts()).containsExactly(6379);
    }

    @Test
    void elasticsearchIsASingleNodeWithoutSecurityThatAllowsWildcardDeletes() {
        ElasticsearchContainer elasticsearch = ServerContainers.elasticsearch();
        assertThat(elasticsearch.getEnvMap())
                .containsEntry("xpack.security.enabled", "false")
                .containsEntry("action.destructive_requires_name", "false")
                .containsEntry("discovery.type", "single-node");
        assertThat(elasticsearch.getExposedPorts()).contains(9200);
    }
}
