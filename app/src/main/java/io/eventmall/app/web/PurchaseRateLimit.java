package io.eventmall.app.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * {@code mall.flash-sale.user-rate-limit} purchase attempts per second per user (token buckets, Bucket4j),
 * checked before the flash sale is even asked: a buyer hammering the button is answered 429 at once.
 * Buckets live in this node's memory; idle ones are forgotten after a minute.
 */
@Component
public class PurchaseRateLimit {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(1))
            .maximumSize(1_000_000)
            .build();
    private final int perSecond;
    private final Counter limited;

    PurchaseRateLimit(@Value("${mall.flash-sale.user-rate-limit:5}") int perSecond, MeterRegistry meters) {
        this.perSecond = perSecond;
        this.limited = Counter.builder("mall.flash-sale.rate-limited")
                .description("flash-sale purchase attempts refused by the per-user rate limit").register(meters);
    }

    public void admit(String userId) {
        ConsumptionProbe probe = buckets.get(userId, this::newBucket).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            limited.increment();
            long waitSeconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
            throw new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                    "too many purchase attempts; retry in " + waitSeconds + " s", Duration.ofSeconds(waitSeconds));
        }
    }

    private Bucket newBucket(String userId) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build();
    }
}
