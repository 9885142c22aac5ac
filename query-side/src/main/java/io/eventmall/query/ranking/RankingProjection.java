package io.eventmall.query.ranking;

import io.eventmall.api.merchant.MerchantCreated;
import io.eventmall.api.order.OrderCancelled;
import io.eventmall.api.order.OrderExpired;
import io.eventmall.api.order.OrderLine;
import io.eventmall.api.order.OrderPaid;
import io.eventmall.api.order.OrderPlaced;
import io.eventmall.api.order.OrderRefunded;
import io.eventmall.api.order.OrderRejected;
import io.eventmall.api.product.ProductCreated;
import io.eventmall.api.product.ProductDetailsChanged;
import io.eventmall.api.ranking.BestSeller;
import io.eventmall.api.ranking.FindBestSellers;
import io.eventmall.api.ranking.FindTopMerchants;
import io.eventmall.api.ranking.TopMerchant;
import io.eventmall.query.redis.RedisJson;
import io.eventmall.query.redis.RedisKeyspace;
import io.eventmall.query.redis.RedisReadModelState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import io.eventmall.query.redis.RedisScripts;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Best sellers by paid units, overall and per category, and shops by paid amount: Redis sorted sets kept by
 * paid and refunded orders. OrderPaid carries its order's lines, which are kept (with the category and shop of each
 * product) from payment on, for a refund; an order placed before OrderPaid carried them has its lines kept from
 * placement until it is paid, refunded or dropped, as before. Counting and un-counting is one Lua script per order
 * transition, so a redelivered event is counted once.
 */
@Component
@ProcessingGroup(RankingProjection.NAME)
public class RankingProjection {

    public static final String NAME = "rankings";
    static final String PREFIX = "mall:rankings:";
    private static final String UNITS = PREFIX + "units";
    private static final String UNITS_OF_CATEGORY = PREFIX + "units:category:";
    private static final String MERCHANT_SALES = PREFIX + "merchant-sales";
    private static final String PRODUCT = PREFIX + "product:";
    private static final String MERCHANT = PREFIX + "merchant:";
    private static final String ORDER = PREFIX + "order:";
    private static final RedisScript<Long> COUNT_ORDER =
            RedisScripts.load("ranking-count-order.lua", Long.class);

    private final StringRedisTemplate redis;
    private final RedisKeyspace keyspace;
    private final RedisJson json;
    private final RedisReadModelState redisState;

    RankingProjection(StringRedisTemplate redis, RedisKeyspace keyspace, RedisJson json, RedisReadModelState redisState) {
        this.redisState = redisState;
        this.redis = redis;
        this.keyspace = keyspace;
        this.json = json;
    }

    @EventHandler
    void on(ProductCreated event) {
        redis.opsForHash().putAll(PRODUCT + event.productId(), Map.of("name", event.name(),
                "categoryId", event.categoryId(), "merchantId", event.merchantId()));
    }

    @EventHandler
    void on(ProductDetailsChanged event) {
        redis.opsForHash().put(PRODUCT + event.productId(), "name", event.name());
    }

    @EventHandler
    void on(MerchantCreated event) {
        redis.opsForHash().put(MERCHANT + event.merchantId(), "name", event.name());
    }

    /**
     * Only an order whose OrderPaid will not carry its lines (placed before it did) keeps them from here. Set-if-absent
     * twice: a redelivery neither rewrites the lines nor resets a counted order to "placed".
     */
    @EventHandler
    void on(OrderPlaced event) {
        if (event.linesRepeatedWhenPaid()) {
            return;
        }
        String key = ORDER + event.orderId();
        redis.opsForHash().putIfAbsent(key, "lines", json.write(ranked(event.lines())));
        redis.opsForHash().putIfAbsent(key, "state", "placed");
    }

    /** The script keeps the event's lines for a refund unless the order already has some (kept at placement). */
    @EventHandler
    void on(OrderPaid event) {
        List<String> keys = List.of(ORDER + event.orderId(), UNITS, MERCHANT_SALES);
        if (event.carriesLines()) {
            redis.execute(COUNT_ORDER, keys, "counted", "1", UNITS_OF_CATEGORY, json.write(ranked(event.lines())));
        } else {
            redis.execute(COUNT_ORDER, keys, "counted", "1", UNITS_OF_CATEGORY);
        }
    }

    /** Each line with its product's category and shop as this read model knows them. */
    private List<RankedLine> ranked(List<OrderLine> orderLines) {
        List<RankedLine> lines = new ArrayList<>();
        for (OrderLine line : orderLines) {
            List<Object> facts = redis.opsForHash().multiGet(PRODUCT + line.productId(), List.of("categoryId", "merchantId"));
            lines.add(new RankedLine(line.productId(), (String) facts.get(0), (String) facts.get(1), line.quantity(),
                    line.lineAmount()));
        }
        return lines;
    }

    @EventHandler
    void on(OrderRefunded event) {
        redis.execute(COUNT_ORDER, List.of(ORDER + event.orderId(), UNITS, MERCHANT_SALES), "refunded", "-1",
                UNITS_OF_CATEGORY);
    }

    @EventHandler
    void on(OrderCancelled event) {
        forget(event.orderId());
    }

    @EventHandler
    void on(OrderExpired event) {
        forget(event.orderId());
    }

    @EventHandler
    void on(OrderRejected event) {
        forget(event.orderId());
    }

    @ResetHandler
    void reset() {
        keyspace.deleteAllStartingWith(PREFIX);
    }

    @QueryHandler
    List<BestSeller> handle(FindBestSellers query) {
        return bestSellers(query.categoryId(), query.limit());
    }

    /** For the homepage, which reads Redis directly. */
    public List<BestSeller> bestSellers(String categoryId, int limit) {
        String key = categoryId == null ? UNITS : UNITS_OF_CATEGORY + categoryId;
        return top(key, limit).stream()
                .map(entry -> new BestSeller(entry.getValue(), name(PRODUCT + entry.getValue()),
                        entry.getScore().longValue()))
                .toList();
    }

    @QueryHandler
    List<TopMerchant> handle(FindTopMerchants query) {
        return top(MERCHANT_SALES, query.limit()).stream()
                .map(entry -> new TopMerchant(entry.getValue(), name(MERCHANT + entry.getValue()),
                        entry.getScore().longValue()))
                .toList();
    }

    /** Entries with a positive score only: a fully refunded product is not a best seller. */
    private Set<TypedTuple<String>> top(String key, int limit) {
        redisState.requireTrusted("the rankings");
        int bounded = Math.max(1, Math.min(limit, 100));
        Set<TypedTuple<String>> top = redis.opsForZSet().reverseRangeByScoreWithScores(key, 1, Double.MAX_VALUE, 0, bounded);
        return top == null ? Set.of() : top;
    }

    private String name(String key) {
        Object name = redis.opsForHash().get(key, "name");
        return name == null ? null : name.toString();
    }

    /** An order that will never be paid needs no lines; a paid one keeps them for a later refund. */
    private void forget(String orderId) {
        String key = ORDER + orderId;
        if ("placed".equals(redis.opsForHash().get(key, "state"))) {
            redis.delete(key);
        }
    }

    /** What counting a paid line needs. */
    record RankedLine(String productId, String categoryId, String merchantId, int quantity, long amount) {
    }
}
