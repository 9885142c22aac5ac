package io.eventmall.testservers;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL, Redis and Elasticsearch in containers, the versions of deploy/docker-compose.yml, set up like the local
 * servers: PostgreSQL with trust authentication as {@code postgres} and a {@code mall_test} database, Redis without
 * persistence, Elasticsearch single-node without security and with wildcard deletes allowed (test clean-ups use
 * them). Started together once per test JVM; Testcontainers removes them when the JVM ends.
 */
final class ServerContainers {

    static final String POSTGRES_IMAGE = "postgres:15-alpine";
    static final String REDIS_IMAGE = "redis:7-alpine";
    static final String ELASTICSEARCH_IMAGE = "docker.elastic.co/elasticsearch/elasticsearch:8.19.7";
    static final int REDIS_PORT = 6379;

    private ServerContainers() {
    }

    static ServerAddresses start() {
        PostgreSQLContainer<?> postgres = postgres();
        GenericContainer<?> redis = redis();
        ElasticsearchContainer elasticsearch = elasticsearch();
        Startables.deepStart(postgres, redis, elasticsearch).join();
        return new ServerAddresses(postgres.getHost() + ":" + postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
                redis.getHost(), redis.getMappedPort(REDIS_PORT), "http://" + elasticsearch.getHttpHostAddress());
    }

    static PostgreSQLContainer<?> postgres() {
        return new PostgreSQLContainer<>(DockerImageName.parse(POSTGRES_IMAGE))
                .withDatabaseName("mall_test").withUsername("postgres").withPassword("postgres")
                .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
                // Several test contexts and the two-node tests share it, as they share the local server.
                .withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
    }

    static GenericContainer<?> redis() {
        return new GenericContainer<>(DockerImageName.parse(REDIS_IMAGE))
                .withCommand("redis-server", "--save", "", "--appendonly", "no")
                .withExposedPorts(REDIS_PORT);
    }

    static ElasticsearchContainer elasticsearch() {
        return new ElasticsearchContainer(DockerImageName.parse(ELASTICSEARCH_IMAGE))
                .withEnv("xpack.security.enabled", "false")
                .withEnv("action.destructive_requires_name", "false")
                .withEnv("cluster.routing.allocation.disk.threshold_enabled", "false")
                .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
                // Security is off: there is no CA certificate to copy out.
                .withCertPath("");
    }
}
