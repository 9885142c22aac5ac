package io.eventmall.app.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.eventmall.app.web.ApiProblem;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Takes one token from the bucket of a key under a named limit, or refuses with 429 {@code RATE_LIMITED} and a
 * {@code Retry-After} of the time until the bucket has a token again. Buckets are shared by every node through
 * Redis; while Redis cannot be reached each node keeps a local bucket per key, so the limit still holds per node.
 */
@Component
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    private final RedisBuckets buckets;
    private final MeterRegistry meters;
    private final Cache<String, Bucket> localBuckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(1))
            .maximumSize(1_000_000)
            .build();

    RateLimiter(RedisBuckets buckets, MeterRegistry meters) {
        this.buckets = buckets;
        this.meters = meters;
    }

    /** A limit: its name (metrics, Redis keys) and the bucket every key gets. */
    public record Limit(String name, Bandwidth bandwidth) {

        /** {@code permits} per {@code period}, refilled greedily, at most {@code permits} at once. */
        public static Limit of(String name, long permits, Duration period) {
            return new Limit(name, Bandwidth.builder().capacity(permits).refillGreedy(permits, period).build());
        }
    }

    /** Consumes one token for {@code key} or throws the 429 answer. */
    public void require(Limit limit, String key, String refusedWhat) {
        ConsumptionProbe probe = onBucket(limit, key, bucket -> bucket.tryConsumeAndReturnRemaining(1));
        if (!probe.isConsumed()) {
            throw refused(limit, refusedWhat, probe.getNanosToWaitForRefill());
        }
    }

    /**
     * Throws the 429 answer while {@code key}'s bucket is empty, taking nothing: for limits that count only some
     * outcomes (failed logins), checked before the attempt and charged with {@link #require} after a failure.
     */
    public void requireAvailable(Limit limit, String key, String refusedWhat) {
        EstimationProbe probe = onBucket(limit, key, bucket -> bucket.estimateAbilityToConsume(1));
        if (!probe.canBeConsumed()) {
            throw refused(limit, refusedWhat, probe.getNanosToWaitForRefill());
        }
    }

    private ApiProblem refused(Limit limit, String refusedWhat, long nanosToWait) {
        meters.counter("mall.rate-limit.refused", "limit", limit.name()).increment();
        long waitSeconds = Math.max(1, (long) Math.ceil(nanosToWait / 1e9));
        return new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                refusedWhat + "; retry in " + waitSeconds + " s", Duration.ofSeconds(waitSeconds));
    }

    private <T> T onBucket(Limit limit, String key, Function<Bucket, T> use) {
        String bucketKey = "mall:rate:" + limit.name() + ":" + key;
        try {
            return use.apply(buckets.buckets().builder()
                    .build(bucketKey, () -> BucketConfiguration.builder().addLimit(limit.bandwidth()).build()));
        } catch (RuntimeException redisUnavailable) {
            meters.counter("mall.rate-limit.local-fallback", "limit", limit.name()).increment();
            log.debug("rate limit {} for {} checked on this node only: {}", limit.name(), key,
                    redisUnavailable.getMessage());
            return use.apply(localBuckets.get(bucketKey,
                    ignored -> Bucket.builder().addLimit(limit.bandwidth()).build()));
        }
    }
}
