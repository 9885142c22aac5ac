package io.eventmall.testservers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the three servers answer, as the system properties that the tests' configuration reads
 * (app's application-test.yml, and {@link TestServers} for tests that build URLs themselves).
 *
 * @param postgres PostgreSQL as {@code host:port}
 */
public record ServerAddresses(String postgres, String redisHost, int redisPort, String elasticsearchUri) {

    public static final String POSTGRES = "mall.test.postgres.address";
    public static final String REDIS_HOST = "mall.test.redis.host";
    public static final String REDIS_PORT = "mall.test.redis.port";
    public static final String ELASTICSEARCH = "mall.test.elasticsearch.uri";

    /** The local servers of scripts/servers.sh. */
    public static final ServerAddresses LOCAL = new ServerAddresses("127.0.0.1:5432", "127.0.0.1", 6379,
            "http://127.0.0.1:9200");

    public Map<String, String> asSystemProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(POSTGRES, postgres);
        properties.put(REDIS_HOST, redisHost);
        properties.put(REDIS_PORT, Integer.toString(redisPort));
        properties.put(ELASTICSEARCH, elasticsearchUri);
        return properties;
    }

    /** The addresses the system properties name, each missing one taken from {@link #LOCAL}. */
    public static ServerAddresses fromSystemProperties() {
        return new ServerAddresses(System.getProperty(POSTGRES, LOCAL.postgres()),
                System.getProperty(REDIS_HOST, LOCAL.redisHost()),
                Integer.parseInt(System.getProperty(REDIS_PORT, Integer.toString(LOCAL.redisPort()))),
                System.getProperty(ELASTICSEARCH, LOCAL.elasticsearchUri()));
    }
}
