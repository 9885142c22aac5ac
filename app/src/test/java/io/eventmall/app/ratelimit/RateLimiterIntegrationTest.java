package io.eventmall.app.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventmall.app.IntegrationTest;
import io.eventmall.app.web.ApiProblem;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;

/**
 * A limit holds across nodes: two limiters with Redis connections of their own (two nodes) share each key's bucket.
 * With Redis unreachable, a node still holds the limit on its own.
 */
@IntegrationTest
class RateLimiterIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    @Autowired
    RateLimiter thisNode;
    @Autowired
    RedisProperties redis;

    @Test
    void twoNodesShareOneBucketPerKey() {
        try (RedisTokenBuckets otherNodesBuckets = new RedisTokenBuckets(RateLimitConfig.client(redis.getHost(),
                redis.getPort(), redis.getDatabase(), redis.getPassword(), TIMEOUT))) {
            RateLimiter otherNode = new RateLimiter(otherNodesBuckets, new SimpleMeterRegistry());
            RateLimiter.Limit threePerMinute = RateLimiter.Limit.of("test-" + UUID.randomUUID(), 3, Duration.ofMinutes(1));
            String key = "someone";

            thisNode.require(threePerMinute, key, "too many");
            otherNode.require(threePerMinute, key, "too many");
            thisNode.require(threePerMinute, key, "too many");

            assertThatThrownBy(() -> otherNode.require(threePerMinute, key, "too many"))
                    .isInstanceOfSatisfying(ApiProblem.class, refused -> {
                        assertThat(refused.code()).isEqualTo("RATE_LIMITED");
                        assertThat(refused.retryAfter()).hasValueSatisfying(wait ->
                                assertThat(wait).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(20)));
                    });
            // Another key has a bucket of its own.
            otherNode.require(threePerMinute, "someone else", "too many");
        }
    }

    @Test
    void withRedisUnreachableEachNodeStillHoldsTheLimit() {
        try (RedisTokenBuckets unreachable = new RedisTokenBuckets(RateLimitConfig.client("127.0.0.1", 1, 0, null,
                TIMEOUT))) {
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            RateLimiter node = new RateLimiter(unreachable, meters);
            RateLimiter.Limit twoPerMinute = RateLimiter.Limit.of("test-" + UUID.randomUUID(), 2, Duration.ofMinutes(1));

            long started = System.nanoTime();
            node.require(twoPerMinute, "someone", "too many");
            node.require(twoPerMinute, "someone", "too many");
            assertThatThrownBy(() -> node.require(twoPerMinute, "someone", "too many")).isInstanceOf(ApiProblem.class);
            // One failed connection attempt, then no waiting on Redis while it stays away.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            assertThat(meters.counter("mall.rate-limit.local-fallback", "limit", twoPerMinute.name()).count()).isEqualTo(3);
        }
    }
}
