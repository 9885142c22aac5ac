package io.eventmall.app.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.eventmall.app.ratelimit.RateLimiter.Limit;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import java.time.Duration;

/** This node's own buckets (Bucket4j in memory), standing in while Redis cannot be reached. */
final class LocalTokenBuckets implements TokenBuckets {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(1))
            .maximumSize(1_000_000)
            .build();

    @Override
    public Probe take(Limit limit, String key) {
        ConsumptionProbe probe = bucket(limit, key).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Probe.AVAILABLE : new Probe(false, probe.getNanosToWaitForRefill());
    }

    @Override
    public Probe look(Limit limit, String key) {
        EstimationProbe probe = bucket(limit, key).estimateAbilityToConsume(1);
        return probe.canBeConsumed() ? Probe.AVAILABLE : new Probe(false, probe.getNanosToWaitForRefill());
    }

    private Bucket bucket(Limit limit, String key) {
        return buckets.get(limit.name() + ":" + key, ignored -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(limit.permits()).refillGreedy(limit.permits(), limit.period())
                        .build())
                .build());
    }
}
