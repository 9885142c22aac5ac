package io.eventmall.testservers;

import java.util.Map;
import org.testcontainers.DockerClientFactory;

/**
 * Where the tests find PostgreSQL, Redis and Elasticsearch, decided once per test JVM ({@link TestServersSession}):
 * containers where a Docker engine answers, the local servers otherwise, or as {@code mall.test.servers} /
 * {@code MALL_TEST_SERVERS} says ({@link ServerSource}).
 *
 * <p>The decision is published as system properties ({@link ServerAddresses}) rather than through Spring Boot's
 * {@code @ServiceConnection}: a service connection reaches only the {@code @SpringBootTest} contexts that import the
 * containers, while these tests also build applications by hand ({@code SpringApplicationBuilder} with explicit
 * URLs), start a second node as a process of its own (which is handed the addresses as arguments), and talk to the
 * servers without Spring at all. System properties set before the first test class loads reach all of them;
 * application-test.yml reads them, and a test that builds a URL takes it from here.
 *
 * <p>The isolation variables ({@code SPRING_DATASOURCE_URL}, {@code MALL_ELASTICSEARCH_URIS}) still win where set,
 * as they win over application-test.yml: they name the server a run is to use.
 */
public final class TestServers {

    private static ServerSource source;

    private TestServers() {
    }

    /** Decides, starts the containers if they are the choice, and publishes the addresses; once per JVM. */
    static synchronized ServerSource provide() {
        if (source == null) {
            ServerSource chosen = ServerSource.decide(ServerSource.requested(System::getProperty, System::getenv),
                    () -> DockerClientFactory.instance().isDockerAvailable());
            ServerAddresses addresses = chosen == ServerSource.CONTAINERS ? ServerContainers.start() : ServerAddresses.LOCAL;
            addresses.asSystemProperties().forEach(System::setProperty);
            System.out.println("[test-servers] PostgreSQL, Redis and Elasticsearch: " + describe(chosen, addresses));
            source = chosen;
        }
        return source;
    }

    static String describe(ServerSource chosen, ServerAddresses addresses) {
        String where = addresses.postgres() + ", " + addresses.redisHost() + ":" + addresses.redisPort() + ", "
                + addresses.elasticsearchUri();
        return (chosen == ServerSource.CONTAINERS ? "Testcontainers (" : "the local servers (") + where + ")";
    }

    /** PostgreSQL's {@code host:port}. */
    public static String postgresAddress() {
        return ServerAddresses.fromSystemProperties().postgres();
    }

    /** A JDBC URL of the database on the PostgreSQL of this run. */
    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + postgresAddress() + "/" + database;
    }

    /** The database the tests share: {@code SPRING_DATASOURCE_URL} where set, else {@code mall_test}. */
    public static String testDatabaseUrl() {
        return testDatabaseUrl(System.getenv());
    }

    static String testDatabaseUrl(Map<String, String> environment) {
        String url = environment.get("SPRING_DATASOURCE_URL");
        return url != null && !url.isBlank() ? url : jdbcUrl("mall_test");
    }

    /** The URL with {@code currentSchema} set: a schema of one's own in the shared database. */
    public static String inSchema(String url, String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public static String redisHost() {
        return ServerAddresses.fromSystemProperties().redisHost();
    }

    public static int redisPort() {
        return ServerAddresses.fromSystemProperties().redisPort();
    }

    /** Elasticsearch's URI: {@code MALL_ELASTICSEARCH_URIS} where set, else the one of this run. */
    public static String elasticsearchUri() {
        String uris = System.getenv("MALL_ELASTICSEARCH_URIS");
        return uris != null && !uris.isBlank() ? uris : ServerAddresses.fromSystemProperties().elasticsearchUri();
    }
}
