package io.eventmall.app.ratelimit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The rate limits' buckets live in the same Redis as the read models, over a Lettuce connection of their own, so
 * that a slow read model cannot hold a limit's answer up and the limit's timeout is its own. Commands time out after
 * {@code mall.rate-limit.redis-timeout} and fail at once while disconnected, so a Redis outage costs a request
 * almost nothing before {@link RateLimiter} falls back to a node-local bucket.
 */
@Configuration
class RateLimitConfig {

    @Bean(destroyMethod = "close")
    RedisTokenBuckets rateLimitBuckets(RedisProperties redis,
                                       @Value("${mall.rate-limit.redis-timeout:PT0.5S}") Duration timeout) {
        return new RedisTokenBuckets(client(redis.getHost(), redis.getPort(), redis.getDatabase(), redis.getPassword(),
                timeout));
    }

    static RedisClient client(String host, int port, int database, String password, Duration timeout) {
        RedisURI.Builder uri = RedisURI.builder().withHost(host).withPort(port).withDatabase(database).withTimeout(timeout);
        if (password != null) {
            uri.withPassword(password.toCharArray());
        }
        RedisClient client = RedisClient.create(uri.build());
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        return client;
    }
}
