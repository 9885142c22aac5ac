package io.eventmall.query.analytics;

import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts how each purchase request of a flash sale was answered, for the sale's funnel. The purchase path
 * calls {@link #record} once per answer (one Redis {@code HINCRBY} on {@code mall:flash-sale-funnel:<id>});
 * a failure to count (Redis away) is logged at debug level and counted in
 * {@code mall.flash-sale.funnel.unrecorded}, never passed on: the funnel must not cost a buyer their answer.
 * These are request outcomes, not events, so no replay rebuilds them.
 */
@Component
public class FlashSaleFunnel {

    /** How one answered purchase request ended. */
    public enum Outcome {
        /** 202: the sale accepted the purchase. */
        ADMITTED,
        /** 409 SOLD_OUT. */
        SOLD_OUT,
        /** 409 LIMIT_REACHED. */
        LIMIT_REACHED,
        /** 429 RATE_LIMITED. */
        RATE_LIMITED,
        /** Any other answer: not started, ended, a bad request, a dependency down. */
        OTHER;

        public static Outcome of(Refusal refusal) {
            return switch (refusal) {
                case SOLD_OUT -> SOLD_OUT;
                case LIMIT_REACHED -> LIMIT_REACHED;
                default -> OTHER;
            };
        }

        /** The outcome of a purchase that failed with {@code failure}: its refusal, wherever it is in the causes. */
        public static Outcome of(Throwable failure) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof RuleViolation violation) {
                    return of(violation.refusal());
                }
            }
            return OTHER;
        }
    }

    static final String KEY_PREFIX = "mall:flash-sale-funnel:";
    private static final Logger log = LoggerFactory.getLogger(FlashSaleFunnel.class);

    private final StringRedisTemplate redis;
    private final Counter unrecorded;

    FlashSaleFunnel(StringRedisTemplate redis, MeterRegistry meters) {
        this.redis = redis;
        this.unrecorded = Counter.builder("mall.flash-sale.funnel.unrecorded")
                .description("purchase answers the flash-sale funnel could not count (Redis unavailable)")
                .register(meters);
    }

    /** Counts one answered purchase request of the sale. Never throws. */
    public void record(String flashSaleId, Outcome outcome) {
        try {
            redis.opsForHash().increment(KEY_PREFIX + flashSaleId, outcome.name(), 1);
        } catch (RuntimeException e) {
            unrecorded.increment();
            log.debug("flash sale {}: purchase outcome {} not counted in the funnel: {}", flashSaleId, outcome,
                    e.toString());
        }
    }

    /** Every outcome counted so far for the sale (0 where none). */
    Map<Outcome, Long> counts(String flashSaleId) {
        List<Object> fields = java.util.Arrays.stream(Outcome.values()).<Object>map(Enum::name).toList();
        List<Object> values = redis.opsForHash().multiGet(KEY_PREFIX + flashSaleId, fields);
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        for (Outcome outcome : Outcome.values()) {
            Object value = values.get(outcome.ordinal());
            counts.put(outcome, value == null ? 0L : Long.parseLong(value.toString()));
        }
        return counts;
    }
}
