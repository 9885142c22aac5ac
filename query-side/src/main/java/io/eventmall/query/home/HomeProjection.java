package io.eventmall.query.home;

import io.eventmall.api.banner.BannerCreated;
import io.eventmall.api.flashsale.FlashSaleScheduled;
import io.eventmall.api.flashsale.FlashSaleUnitsPurchased;
import io.eventmall.api.flashsale.FlashSaleUnitsReturned;
import io.eventmall.api.home.BannerCard;
import io.eventmall.api.home.FlashSaleCard;
import io.eventmall.api.home.ProductCard;
import io.eventmall.api.product.ProductCreated;
import io.eventmall.api.product.ProductDelisted;
import io.eventmall.api.product.ProductDetailsChanged;
import io.eventmall.api.product.ProductListed;
import io.eventmall.api.product.ProductPriceChanged;
import io.eventmall.query.redis.EventBatch;
import io.eventmall.query.redis.RedisJson;
import io.eventmall.query.redis.RedisKeyspace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.stereotype.Component;

/**
 * The homepage's own facts in Redis: banners, flash sales with their remaining units, product cards and new
 * arrivals (overall and per category). Every handler writes absolute values (a card, a remaining count, a
 * score), so a redelivered event leaves the same state.
 */
@Component
@ProcessingGroup(HomeProjection.NAME)
public class HomeProjection {

    public static final String NAME = "home";
    static final String PREFIX = "mall:home:";
    private static final String BANNERS = PREFIX + "banners";
    private static final String FLASH_SALES = PREFIX + "flash-sales";
    /** Sale ids by end time, so that the homepage reads only sales that have not ended. */
    private static final String FLASH_SALE_ENDS = PREFIX + "flash-sales:ends";
    private static final String PRODUCTS = PREFIX + "products";
    private static final String NEW_ARRIVALS = PREFIX + "new-arrivals";
    private static final String NEW_ARRIVALS_OF_CATEGORY = PREFIX + "new-arrivals:category:";

    private final StringRedisTemplate redis;
    private final RedisKeyspace keyspace;
    private final RedisJson json;

    HomeProjection(StringRedisTemplate redis, RedisKeyspace keyspace, RedisJson json) {
        this.redis = redis;
        this.keyspace = keyspace;
        this.json = json;
    }

    @EventHandler
    void on(BannerCreated event) {
        put(BANNERS, event.bannerId(), new BannerCard(event.bannerId(), event.imageUrl(), event.link(), event.position(),
                event.activeFrom(), event.activeTo()));
    }

    @EventHandler
    void on(FlashSaleScheduled event) {
        put(FLASH_SALES, event.flashSaleId(), new FlashSaleCard(event.flashSaleId(), event.productId(), null,
                event.price(), event.quantity(), event.quantity(), event.startsAt(), event.endsAt()));
        redis.opsForZSet().add(FLASH_SALE_ENDS, event.flashSaleId(), event.endsAt().toEpochMilli());
    }

    @EventHandler
    void on(FlashSaleUnitsPurchased event) {
        changeFlashSale(event.flashSaleId(), event.remaining());
    }

    @EventHandler
    void on(FlashSaleUnitsReturned event) {
        changeFlashSale(event.flashSaleId(), event.remaining());
    }

    @EventHandler
    void on(ProductCreated event, @Timestamp Instant at) {
        ProductCard card = new ProductCard(event.productId(), event.categoryId(), event.name(), event.price(),
                firstImage(event.images()), true, at);
        put(PRODUCTS, event.productId(), card);
        arrive(card);
    }

    @EventHandler
    void on(ProductDetailsChanged event) {
        changeProduct(event.productId(), card -> new ProductCard(card.productId(), card.categoryId(), event.name(),
                card.price(), firstImage(event.images()), card.listed(), card.createdAt()));
    }

    @EventHandler
    void on(ProductPriceChanged event) {
        changeProduct(event.productId(), card -> new ProductCard(card.productId(), card.categoryId(), card.name(),
                event.newPrice(), card.image(), card.listed(), card.createdAt()));
    }

    @EventHandler
    void on(ProductListed event) {
        ProductCard card = changeProduct(event.productId(), listed(true));
        if (card != null) {
            arrive(card);
        }
    }

    @EventHandler
    void on(ProductDelisted event) {
        ProductCard card = changeProduct(event.productId(), listed(false));
        if (card != null) {
            redis.opsForZSet().remove(NEW_ARRIVALS, card.productId());
            redis.opsForZSet().remove(NEW_ARRIVALS_OF_CATEGORY + card.categoryId(), card.productId());
        }
    }

    @ResetHandler
    void reset() {
        keyspace.deleteAllStartingWith(PREFIX);
    }

    public List<BannerCard> activeBanners(Instant now) {
        return all(BANNERS, BannerCard.class).stream()
                .filter(banner -> banner.activeAt(now))
                .sorted(Comparator.comparingInt(BannerCard::position).thenComparing(BannerCard::bannerId))
                .toList();
    }

    /** The sales that have not ended at {@code now}, with the current name of their product. */
    public List<FlashSaleCard> flashSalesNotEndedAt(Instant now) {
        Set<String> saleIds = redis.opsForZSet().rangeByScore(FLASH_SALE_ENDS, now.toEpochMilli() + 1, Double.MAX_VALUE);
        if (saleIds == null || saleIds.isEmpty()) {
            return List.of();
        }
        List<FlashSaleCard> sales = redis.opsForHash().multiGet(FLASH_SALES, new ArrayList<>(saleIds)).stream()
                .filter(Objects::nonNull).map(value -> read(value.toString(), FlashSaleCard.class)).toList();
        List<ProductCard> products = cards(sales.stream().map(FlashSaleCard::productId).toList());
        List<FlashSaleCard> named = new ArrayList<>(sales.size());
        for (int i = 0; i < sales.size(); i++) {
            FlashSaleCard sale = sales.get(i);
            ProductCard product = products.get(i);
            named.add(new FlashSaleCard(sale.flashSaleId(), sale.productId(), product == null ? null : product.name(),
                    sale.price(), sale.quantity(), sale.remaining(), sale.startsAt(), sale.endsAt()));
        }
        return named;
    }

    /** The newest listed products of the given categories (all categories when none are given), newest first. */
    public List<ProductCard> newArrivals(Collection<String> categoryIds, int limit) {
        List<String> keys = categoryIds.isEmpty() ? List.of(NEW_ARRIVALS)
                : categoryIds.stream().map(categoryId -> NEW_ARRIVALS_OF_CATEGORY + categoryId).toList();
        List<TypedTuple<String>> candidates = new ArrayList<>();
        for (String key : keys) {
            Set<TypedTuple<String>> newest = redis.opsForZSet().reverseRangeWithScores(key, 0, limit - 1);
            if (newest != null) {
                candidates.addAll(newest);
            }
        }
        candidates.sort(Comparator.comparing((TypedTuple<String> entry) -> entry.getScore()).reversed()
                .thenComparing(TypedTuple::getValue));
        LinkedHashSet<String> productIds = new LinkedHashSet<>();
        candidates.forEach(entry -> productIds.add(entry.getValue()));
        return cards(productIds.stream().limit(limit).toList()).stream().filter(Objects::nonNull).toList();
    }

    private List<ProductCard> cards(List<String> productIds) {
        if (productIds.isEmpty()) {
            return List.of();
        }
        List<Object> found = redis.opsForHash().multiGet(PRODUCTS, new ArrayList<>(productIds));
        return found.stream().map(value -> value == null ? null : read(value.toString(), ProductCard.class)).toList();
    }

    /**
     * A batch of a spike's purchases changes a sale's card once, to the last remaining count of the batch
     * ({@link EventBatch}): nothing else in the batch changes a sale's card after its scheduling.
     */
    private void changeFlashSale(String flashSaleId, int remaining) {
        EventBatch.defer(NAME, new RemainingUnits(flashSaleId, remaining), this::changeFlashSales);
    }

    private record RemainingUnits(String flashSaleId, int remaining) {
    }

    private void changeFlashSales(List<RemainingUnits> changes) {
        Map<String, Integer> lastRemaining = new LinkedHashMap<>();
        changes.forEach(change -> lastRemaining.put(change.flashSaleId(), change.remaining()));
        lastRemaining.forEach((flashSaleId, remaining) -> {
            FlashSaleCard sale = get(FLASH_SALES, flashSaleId, FlashSaleCard.class);
            if (sale != null) {
                put(FLASH_SALES, flashSaleId, new FlashSaleCard(sale.flashSaleId(), sale.productId(), null,
                        sale.price(), sale.quantity(), remaining, sale.startsAt(), sale.endsAt()));
            }
        });
    }

    private ProductCard changeProduct(String productId, UnaryOperator<ProductCard> change) {
        ProductCard card = get(PRODUCTS, productId, ProductCard.class);
        if (card == null) {
            return null;
        }
        ProductCard changed = change.apply(card);
        put(PRODUCTS, productId, changed);
        return changed;
    }

    private static UnaryOperator<ProductCard> listed(boolean listed) {
        return card -> new ProductCard(card.productId(), card.categoryId(), card.name(), card.price(), card.image(),
                listed, card.createdAt());
    }

    private void arrive(ProductCard card) {
        double score = card.createdAt().toEpochMilli();
        redis.opsForZSet().add(NEW_ARRIVALS, card.productId(), score);
        redis.opsForZSet().add(NEW_ARRIVALS_OF_CATEGORY + card.categoryId(), card.productId(), score);
    }

    private static String firstImage(List<String> images) {
        return images == null || images.isEmpty() ? null : images.get(0);
    }

    private void put(String hash, String field, Object value) {
        redis.opsForHash().put(hash, field, json.write(value));
    }

    private <T> T get(String hash, String field, Class<T> type) {
        Object value = redis.opsForHash().get(hash, field);
        return value == null ? null : read(value.toString(), type);
    }

    private <T> List<T> all(String hash, Class<T> type) {
        return redis.<String, String>opsForHash().values(hash).stream().map(value -> read(value, type)).toList();
    }

    private <T> T read(String value, Class<T> type) {
        return json.read(value, type);
    }
}
