package io.eventmall.app.ratelimit;

import io.eventmall.app.ratelimit.TokenBuckets.Probe;
import io.eventmall.app.web.ApiProblem;
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

    private final RedisTokenBuckets shared;
    private final LocalTokenBuckets local = new LocalTokenBuckets();
    private final MeterRegistry meters;

    RateLimiter(RedisTokenBuckets shared, MeterRegistry meters) {
        this.shared = shared;
        this.meters = meters;
    }

    /** A limit: its name (metrics, Redis keys); {@code permits} per {@code period}, refilled greedily, at most {@code permits} at once. */
    public record Limit(String name, long permits, Duration period) {

        public Limit {
            if (permits < 1 || period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("a limit needs at least one permit per positive period, got "
                        + permits + " per " + period);
            }
        }

        public static Limit of(String name, long permits, Duration period) {
            return new Limit(name, permits, period);
        }
    }

    /** Consumes one token for {@code key} or throws the 429 answer. */
    public void require(Limit limit, String key, String refusedWhat) {
        Probe probe = onBucket(limit, key, buckets -> buckets.take(limit, key));
        if (!probe.available()) {
            throw refused(limit, refusedWhat, probe.nanosToWait());
        }
    }

    /**
     * Throws the 429 answer while {@code key}'s bucket is empty, taking nothing: for limits that count only some
     * outcomes (failed logins), checked before the attempt and charged with {@link #require} after a failure.
     */
    public void requireAvailable(Limit limit, String key, String refusedWhat) {
        Probe probe = onBucket(limit, key, buckets -> buckets.look(limit, key));
        if (!probe.available()) {
            throw refused(limit, refusedWhat, probe.nanosToWait());
        }
    }

    private ApiProblem refused(Limit limit, String refusedWhat, long nanosToWait) {
        meters.counter("mall.rate-limit.refused", "limit", limit.name()).increment();
        long waitSeconds = Math.max(1, (long) Math.ceil(nanosToWait / 1e9));
        return new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                refusedWhat + "; retry in " + waitSeconds + " s", Duration.ofSeconds(waitSeconds));
    }

    private Probe onBucket(Limit limit, String key, Function<TokenBuckets, Probe> use) {
        try {
            return use.apply(shared);
        } catch (RuntimeException redisUnavailable) {
            meters.counter("mall.rate-limit.local-fallback", "limit", limit.name()).increment();
            log.debug("rate limit {} for {} checked on this node only: {}", limit.name(), key,
                    redisUnavailable.getMessage());
            return use.apply(local);
        }
    }
}
