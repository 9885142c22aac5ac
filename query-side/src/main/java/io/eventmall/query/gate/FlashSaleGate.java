package io.eventmall.query.gate;

import io.eventmall.api.Refusal;
import io.eventmall.api.flashsale.FlashSaleScheduled;
import io.eventmall.api.flashsale.FlashSaleUnitsPurchased;
import io.eventmall.api.flashsale.FlashSaleUnitsReturned;
import io.eventmall.query.redis.EventBatch;
import io.eventmall.query.redis.RedisKeyspace;
import io.eventmall.query.redis.RedisReadModelState;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import io.eventmall.query.redis.RedisScripts;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The flash-sale gate in Redis, in front of the FlashSale aggregate. Under a spike most buyers are turned away (sold
 * out, over their limit, outside the window) by one Lua script, tens of thousands of times a second, and only the few
 * it admits reach the aggregate, which still decides. Every admission is a ticket keyed by the purchase id, pending
 * until the purchase is known to be committed (the purchase service confirms a committed batch at once, this
 * processor confirms from the events); a ticket left pending longer than a grace period was lost to a crash or a
 * timeout and is given back by {@code GateReconciler}, so demand above stock always sells every unit. Counting a
 * purchase from the events after the gate admitted it, or again during a replay, changes nothing. When Redis is
 * unreachable, or its read models are being rebuilt, every purchase simply goes to the aggregate. The sale's keys
 * expire {@code mall.flash-sale.gate-retention} after it ends.
 */
@Component
@ProcessingGroup(FlashSaleGate.NAME)
public class FlashSaleGate {

    public static final String NAME = "flash-sale-gate";
    private static final String KEY_PREFIX = "mall:gate:";
    /** Every sale the gate holds, scored by when its keys expire. */
    private static final String SALES = KEY_PREFIX + "sales";
    private static final byte[] REMAINING = "remaining".getBytes(StandardCharsets.UTF_8);
    private static final Logger log = LoggerFactory.getLogger(FlashSaleGate.class);

    private final StringRedisTemplate redis;
    private final RedisKeyspace keyspace;
    private final RedisReadModelState redisState;
    private final MeterRegistry meters;
    private final Duration retention;
    private final SoldOutMemo soldOut;
    private final RedisScript<String> admit = script("gate-admit.lua");
    private final RedisScript<String> count = script("gate-count.lua");
    private final RedisScript<String> giveBack = script("gate-give-back.lua");
    private final RedisScript<String> confirm = script("gate-confirm.lua");

    FlashSaleGate(StringRedisTemplate redis, RedisKeyspace keyspace, RedisReadModelState redisState,
                  MeterRegistry meters, @Value("${mall.flash-sale.gate-retention:P1D}") Duration retention,
                  SoldOutMemo soldOut) {
        this.soldOut = soldOut;
        this.redis = redis;
        this.keyspace = keyspace;
        this.redisState = redisState;
        this.meters = meters;
        this.retention = retention;
    }

    /** Whether a purchase may go on to the aggregate: a refusal, or a ticket (taken, or none when the gate cannot tell). */
    public record Decision(Refusal refusal, boolean ticketTaken) {

        public boolean refused() {
            return refusal != null;
        }
    }

    /** A ticket: what an admission holds of the sale. */
    public record Ticket(String purchaseId, String userId, int quantity) {
    }

    public Decision admit(String flashSaleId, String purchaseId, String userId, int quantity, Instant now) {
        String outcome;
        if (!redisState.isTrusted()) {
            outcome = "REBUILDING";
        } else {
            try {
                outcome = redis.execute(admit, keys(flashSaleId), purchaseId, userId, Integer.toString(quantity),
                        Long.toString(now.toEpochMilli()));
            } catch (DataAccessException redisDown) {
                log.warn("flash-sale gate unavailable ({}); purchase {} goes straight to flash sale {}",
                        redisDown.getMessage(), purchaseId, flashSaleId);
                outcome = "UNAVAILABLE";
            }
        }
        meters.counter("mall.flash-sale.gate", "outcome", outcome).increment();
        if (Refusal.SOLD_OUT.name().equals(outcome)) {
            soldOut.rememberSoldOut(flashSaleId);
        }
        return switch (outcome) {
            case "ADMITTED" -> new Decision(null, true);
            case "UNKNOWN", "UNAVAILABLE", "REBUILDING" -> new Decision(null, false);
            default -> new Decision(Refusal.valueOf(outcome), false);
        };
    }

    /**
     * Whether this node's gate found the sale sold out a moment ago ({@link SoldOutMemo}): for a purchase that cannot
     * be the retry of an admitted one (no Idempotency-Key), the answer without a Redis round trip.
     */
    public boolean recentlySoldOut(String flashSaleId) {
        return soldOut.soldOut(flashSaleId);
    }

    /** The aggregate refused what the gate admitted, or it never reached the aggregate: the ticket is withdrawn. */
    public void cancel(String flashSaleId, String purchaseId, String userId, int quantity) {
        giveBack(flashSaleId, new Ticket(purchaseId, userId, quantity), "cancel");
    }

    /** An admission pending too long whose purchase was never committed: withdrawn unless confirmed meanwhile. */
    public void expire(String flashSaleId, Ticket ticket) {
        giveBack(flashSaleId, ticket, "expire");
    }

    private void giveBack(String flashSaleId, Ticket ticket, String mode) {
        try {
            redis.execute(giveBack, keys(flashSaleId), ticket.purchaseId(), ticket.userId(),
                    Integer.toString(ticket.quantity()), mode);
        } catch (DataAccessException redisDown) {
            log.warn("flash-sale gate could not give back purchase {} of sale {}: {}", ticket.purchaseId(), flashSaleId,
                    redisDown.getMessage());
        }
        soldOut.forget(flashSaleId);
    }

    /** The purchases' batch committed: their tickets are no longer pending. Best effort: the events confirm too. */
    public void confirm(String flashSaleId, Collection<String> purchaseIds) {
        if (purchaseIds.isEmpty()) {
            return;
        }
        try {
            redis.execute(confirm, List.of(keys(flashSaleId).get(4)), purchaseIds.toArray());
        } catch (DataAccessException redisDown) {
            log.debug("flash-sale gate could not confirm {} purchases of sale {}: {}", purchaseIds.size(), flashSaleId,
                    redisDown.getMessage());
        }
    }

    /**
     * The units the gate has left for each of the sales it holds, admissions still pending counted as taken: the
     * freshest figure there is during a spike (the read models follow the events seconds behind). Sales the gate
     * does not hold, or all of them while Redis is being rebuilt or unreachable, are left out, for the caller to
     * take from a read model.
     */
    public Map<String, Integer> remaining(Collection<String> flashSaleIds) {
        if (flashSaleIds.isEmpty() || !redisState.isTrusted()) {
            return Map.of();
        }
        List<String> ids = List.copyOf(flashSaleIds);
        List<Object> found;
        try {
            found = redis.executePipelined((RedisCallback<Object>) connection -> {
                ids.forEach(id -> connection.hashCommands().hGet(
                        keys(id).get(0).getBytes(StandardCharsets.UTF_8), REMAINING));
                return null;
            });
        } catch (DataAccessException redisDown) {
            log.debug("flash-sale gate unreadable ({}); remaining units come from the read model",
                    redisDown.getMessage());
            return Map.of();
        }
        Map<String, Integer> remaining = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            if (found.get(i) != null) {
                remaining.put(ids.get(i), Integer.parseInt(found.get(i).toString()));
            }
        }
        return remaining;
    }

    /**
     * The sales whose gate keys have not expired, from a register of its own: scanning the keyspace for pending
     * tickets every few seconds read every key of every Redis read model (76,000 after two spikes, most of them
     * orders awaiting payment), a twentieth of Redis's time while the shop was idle. Sales whose keys expired leave
     * the register here.
     */
    public List<String> liveSales() {
        redis.opsForZSet().removeRangeByScore(SALES, 0, System.currentTimeMillis());
        Set<String> sales = redis.opsForZSet().range(SALES, 0, -1);
        return sales == null ? List.of() : List.copyOf(sales);
    }

    /** Up to {@code limit} tickets of the sale admitted before {@code admittedBefore} and still pending. */
    public List<Ticket> pendingSince(String flashSaleId, Instant admittedBefore, int limit) {
        List<String> keys = keys(flashSaleId);
        Set<String> ids = redis.opsForZSet().rangeByScore(keys.get(4), 0, admittedBefore.toEpochMilli(), 0, limit);
        if (ids == null || ids.isEmpty()) {
            return List.of();
        }
        List<String> ordered = List.copyOf(ids);
        List<Object> held = redis.opsForHash().multiGet(keys.get(1), List.copyOf(ordered));
        Map<String, Ticket> tickets = new LinkedHashMap<>();
        for (int i = 0; i < ordered.size(); i++) {
            Object value = held.get(i);
            if (value == null) {
                // Withdrawn meanwhile: nothing left to give back.
                confirm(flashSaleId, List.of(ordered.get(i)));
                continue;
            }
            String ticket = value.toString();
            int separator = ticket.indexOf(':');
            tickets.put(ordered.get(i), new Ticket(ordered.get(i), ticket.substring(separator + 1),
                    Integer.parseInt(ticket.substring(0, separator))));
        }
        return List.copyOf(tickets.values());
    }

    @EventHandler
    void on(FlashSaleScheduled sale) {
        List<String> keys = keys(sale.flashSaleId());
        Instant expiresAt = sale.endsAt().plus(retention);
        redis.opsForZSet().add(SALES, sale.flashSaleId(), expiresAt.toEpochMilli());
        redis.opsForHash().putAll(keys.get(0), Map.of(
                "startsAt", Long.toString(sale.startsAt().toEpochMilli()),
                "endsAt", Long.toString(sale.endsAt().toEpochMilli()),
                "limit", Integer.toString(sale.perUserLimit()),
                "expiresAt", Long.toString(expiresAt.toEpochMilli())));
        redis.opsForHash().putIfAbsent(keys.get(0), "remaining", Integer.toString(sale.quantity()));
        redis.expireAt(keys.get(0), expiresAt);
    }

    /** Counted with the batch's other purchases and returns, in their order, in one pipeline ({@link EventBatch}). */
    @EventHandler
    void on(FlashSaleUnitsPurchased purchase) {
        EventBatch.defer(NAME, new ScriptCall(count, keys(purchase.flashSaleId()), List.of(purchase.purchaseId(),
                purchase.userId(), Integer.toString(purchase.quantity()))), this::runInOnePipeline);
    }

    @EventHandler
    void on(FlashSaleUnitsReturned returned) {
        soldOut.forget(returned.flashSaleId());
        EventBatch.defer(NAME, new ScriptCall(giveBack, keys(returned.flashSaleId()), List.of(returned.purchaseId(),
                returned.userId(), Integer.toString(returned.quantity()), "return")), this::runInOnePipeline);
    }

    private record ScriptCall(RedisScript<String> script, List<String> keys, List<String> args) {
    }

    private void runInOnePipeline(List<ScriptCall> calls) {
        redis.executePipelined((RedisCallback<Object>) connection -> {
            for (ScriptCall call : calls) {
                byte[][] keysAndArgs = Stream.concat(call.keys().stream(), call.args().stream())
                        .map(part -> part.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
                connection.scriptingCommands().eval(call.script().getScriptAsString().getBytes(StandardCharsets.UTF_8),
                        ReturnType.VALUE, call.keys().size(), keysAndArgs);
            }
            return null;
        });
    }

    @ResetHandler
    void reset() {
        keyspace.deleteAllStartingWith(KEY_PREFIX);
    }

    /** One hash slot per sale ({id}), so the scripts also run on a Redis cluster. */
    private static List<String> keys(String flashSaleId) {
        String base = KEY_PREFIX + "{" + flashSaleId + "}:";
        return List.of(base + "sale", base + "tickets", base + "held", base + "returned", base + "pending");
    }

    private static RedisScript<String> script(String name) {
        return RedisScripts.load(name, String.class);
    }
}
