package io.eventmall.query.gate;

import io.eventmall.api.Refusal;
import io.eventmall.api.flashsale.FlashSaleScheduled;
import io.eventmall.api.flashsale.FlashSaleUnitsPurchased;
import io.eventmall.api.flashsale.FlashSaleUnitsReturned;
import io.eventmall.query.redis.RedisKeyspace;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The flash-sale gate in Redis, in front of the FlashSale aggregate. Under a spike most buyers are turned
 * away (sold out, over their limit, outside the window) by one Lua script, tens of thousands of times a
 * second, and only the few it admits reach the aggregate, which still decides. The gate can only be
 * stricter than the aggregate by what crashed between admission and command (a unit not sold, never one
 * sold twice), and when Redis is unreachable every purchase simply goes to the aggregate.
 * Every purchase is a ticket keyed by its id, so counting it from the events after the gate admitted it,
 * or again during a replay, changes nothing.
 */
@Component
@ProcessingGroup(FlashSaleGate.NAME)
public class FlashSaleGate {

    public static final String NAME = "flash-sale-gate";
    private static final String KEY_PREFIX = "mall:gate:";
    private static final Logger log = LoggerFactory.getLogger(FlashSaleGate.class);

    private final StringRedisTemplate redis;
    private final RedisKeyspace keyspace;
    private final MeterRegistry meters;
    private final RedisScript<String> admit = script("gate-admit.lua");
    private final RedisScript<String> count = script("gate-count.lua");
    private final RedisScript<String> giveBack = script("gate-give-back.lua");

    FlashSaleGate(StringRedisTemplate redis, RedisKeyspace keyspace, MeterRegistry meters) {
        this.redis = redis;
        this.keyspace = keyspace;
        this.meters = meters;
    }

    /** Whether a purchase may go on to the aggregate: a refusal, or a ticket (taken, or none when the gate cannot tell). */
    public record Decision(Refusal refusal, boolean ticketTaken) {

        public boolean refused() {
            return refusal != null;
        }
    }

    public Decision admit(String flashSaleId, String purchaseId, String userId, int quantity, Instant now) {
        String outcome;
        try {
            outcome = redis.execute(admit, keys(flashSaleId), purchaseId, userId, Integer.toString(quantity),
                    Long.toString(now.toEpochMilli()));
        } catch (DataAccessException redisDown) {
            log.warn("flash-sale gate unavailable ({}); purchase {} goes straight to flash sale {}",
                    redisDown.getMessage(), purchaseId, flashSaleId);
            outcome = "UNAVAILABLE";
        }
        meters.counter("mall.flash-sale.gate", "outcome", outcome).increment();
        return switch (outcome) {
            case "ADMITTED" -> new Decision(null, true);
            case "UNKNOWN", "UNAVAILABLE" -> new Decision(null, false);
            default -> new Decision(Refusal.valueOf(outcome), false);
        };
    }

    /** The aggregate refused what the gate admitted: the ticket is withdrawn and its units given back. */
    public void cancel(String flashSaleId, String purchaseId, String userId, int quantity) {
        try {
            redis.execute(giveBack, keys(flashSaleId), purchaseId, userId, Integer.toString(quantity), "cancel");
        } catch (DataAccessException redisDown) {
            log.warn("flash-sale gate could not give back purchase {} of sale {}: {}", purchaseId, flashSaleId,
                    redisDown.getMessage());
        }
    }

    @EventHandler
    void on(FlashSaleScheduled sale) {
        String saleKey = keys(sale.flashSaleId()).get(0);
        redis.opsForHash().putAll(saleKey, Map.of(
                "startsAt", Long.toString(sale.startsAt().toEpochMilli()),
                "endsAt", Long.toString(sale.endsAt().toEpochMilli()),
                "limit", Integer.toString(sale.perUserLimit())));
        redis.opsForHash().putIfAbsent(saleKey, "remaining", Integer.toString(sale.quantity()));
    }

    @EventHandler
    void on(FlashSaleUnitsPurchased purchase) {
        redis.execute(count, keys(purchase.flashSaleId()), purchase.purchaseId(), purchase.userId(),
                Integer.toString(purchase.quantity()));
    }

    @EventHandler
    void on(FlashSaleUnitsReturned returned) {
        redis.execute(giveBack, keys(returned.flashSaleId()), returned.purchaseId(), returned.userId(),
                Integer.toString(returned.quantity()), "return");
    }

    @ResetHandler
    void reset() {
        keyspace.deleteAllStartingWith(KEY_PREFIX);
    }

    /** One hash slot per sale ({id}), so the scripts also run on a Redis cluster. */
    private static List<String> keys(String flashSaleId) {
        String base = KEY_PREFIX + "{" + flashSaleId + "}:";
        return List.of(base + "sale", base + "tickets", base + "held", base + "returned");
    }

    private static RedisScript<String> script(String name) {
        return RedisScript.of(new ClassPathResource("redis/" + name), String.class);
    }

}
