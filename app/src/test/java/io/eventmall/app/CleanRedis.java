package io.eventmall.app;

import io.eventmall.query.redis.RedisKeyspace;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The Redis read models start empty like the freshly migrated schema, before any event processor starts: only
 * the application's {@code mall:} keys of the configured database go (never FLUSHALL; other suites share the server).
 */
@TestConfiguration
public class CleanRedis {

    @Bean
    InitializingBean emptyRedisReadModels(RedisKeyspace keyspace) {
        return () -> keyspace.deleteAllStartingWith("mall:");
    }
}
