package io.eventmall.app.ratelimit;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import java.time.Instant;

/**
 * Bucket4j's buckets in Redis, connected on first use rather than at start-up, so that the service starts and serves
 * while Redis is down. After a failed connection attempt the next one waits {@link #RECONNECT_PAUSE}: meanwhile
 * {@link #buckets()} fails at once and {@link RateLimiter} uses its node-local buckets.
 */
final class RedisBuckets implements AutoCloseable {

    static final Duration RECONNECT_PAUSE = Duration.ofSeconds(5);

    private final RedisClient client;
    private final Duration timeout;
    private StatefulRedisConnection<String, byte[]> connection;
    private ProxyManager<String> buckets;
    private Instant nextAttempt = Instant.MIN;

    RedisBuckets(RedisClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    synchronized ProxyManager<String> buckets() {
        if (buckets != null) {
            return buckets;
        }
        if (Instant.now().isBefore(nextAttempt)) {
            throw new IllegalStateException("Redis for rate limits unreachable; next attempt at " + nextAttempt);
        }
        try {
            connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        } catch (RuntimeException unreachable) {
            nextAttempt = Instant.now().plus(RECONNECT_PAUSE);
            throw unreachable;
        }
        // A bucket's key expires once the bucket would be full again: idle users cost Redis nothing.
        buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .requestTimeout(timeout)
                .build();
        return buckets;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
        }
        client.shutdown();
    }
}
