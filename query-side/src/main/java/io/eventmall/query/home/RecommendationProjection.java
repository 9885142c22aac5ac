package io.eventmall.query.home;

import io.eventmall.api.favorite.ProductFavorited;
import io.eventmall.api.favorite.ProductUnfavorited;
import io.eventmall.api.home.ProductCard;
import io.eventmall.api.order.OrderCancelled;
import io.eventmall.api.order.OrderExpired;
import io.eventmall.api.order.OrderLine;
import io.eventmall.api.order.OrderPaid;
import io.eventmall.api.order.OrderPlaced;
import io.eventmall.api.order.OrderRejected;
import io.eventmall.api.product.ProductCreated;
import io.eventmall.query.redis.RedisKeyspace;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * "Guess you like": what each customer is interested in, in Redis. Interests are the categories of products the
 * customer bought in paid orders and of the products they have in their favorites now. Sets only, so every
 * handler is idempotent. The suggestions themselves are the newest listed products of those categories (from
 * the home read model), falling back to new arrivals overall.
 */
@Component
@ProcessingGroup(RecommendationProjection.NAME)
public class RecommendationProjection {

    public static final String NAME = "recommendations";
    static final String PREFIX = "mall:recommendations:";
    private static final String PRODUCT_CATEGORY = PREFIX + "product-category";
    private static final String PENDING_ORDER = PREFIX + "pending-order:";
    private static final String BOUGHT_CATEGORIES = PREFIX + "bought-categories:";
    private static final String FAVORITES = PREFIX + "favorites:";

    private final StringRedisTemplate redis;
    private final RedisKeyspace keyspace;
    private final HomeProjection home;

    RecommendationProjection(StringRedisTemplate redis, RedisKeyspace keyspace, HomeProjection home) {
        this.redis = redis;
        this.keyspace = keyspace;
        this.home = home;
    }

    @EventHandler
    void on(ProductCreated event) {
        redis.opsForHash().put(PRODUCT_CATEGORY, event.productId(), event.categoryId());
    }

    /** An order placed before OrderPaid carried its lines is remembered until paid: its customer, its categories. */
    @EventHandler
    void on(OrderPlaced event) {
        // An order whose OrderPaid carries its lines is read from there: an unpaid order says nothing of its buyer.
        if (event.linesRepeatedWhenPaid()) {
            return;
        }
        List<String> members = new ArrayList<>();
        members.add("customer:" + event.customerId());
        categoriesOf(event.lines()).forEach(category -> members.add("category:" + category));
        redis.opsForSet().add(PENDING_ORDER + event.orderId(), members.toArray(String[]::new));
    }

    private List<String> categoriesOf(List<OrderLine> lines) {
        return redis.opsForHash().multiGet(PRODUCT_CATEGORY,
                        lines.stream().map(OrderLine::productId).map(Object.class::cast).toList())
                .stream().filter(Objects::nonNull).map(Object::toString).toList();
    }

    @EventHandler
    void on(OrderPaid event) {
        if (event.carriesLines()) {
            // A set: a redelivered event adds nothing new.
            List<String> categories = categoriesOf(event.lines());
            if (!categories.isEmpty()) {
                redis.opsForSet().add(BOUGHT_CATEGORIES + event.customerId(), categories.toArray(String[]::new));
            }
            return;
        }
        String key = PENDING_ORDER + event.orderId();
        Set<String> members = redis.opsForSet().members(key);
        if (members == null || members.isEmpty()) {
            return;
        }
        String customer = members.stream().filter(m -> m.startsWith("customer:")).findFirst()
                .map(m -> m.substring("customer:".length())).orElseThrow();
        String[] categories = members.stream().filter(m -> m.startsWith("category:"))
                .map(m -> m.substring("category:".length())).toArray(String[]::new);
        if (categories.length > 0) {
            redis.opsForSet().add(BOUGHT_CATEGORIES + customer, categories);
        }
        redis.delete(key);
    }

    @EventHandler
    void on(OrderCancelled event) {
        redis.delete(PENDING_ORDER + event.orderId());
    }

    @EventHandler
    void on(OrderExpired event) {
        redis.delete(PENDING_ORDER + event.orderId());
    }

    @EventHandler
    void on(OrderRejected event) {
        redis.delete(PENDING_ORDER + event.orderId());
    }

    @EventHandler
    void on(ProductFavorited event) {
        redis.opsForSet().add(FAVORITES + event.userId(), event.productId());
    }

    @EventHandler
    void on(ProductUnfavorited event) {
        redis.opsForSet().remove(FAVORITES + event.userId(), event.productId());
    }

    @ResetHandler
    void reset() {
        keyspace.deleteAllStartingWith(PREFIX);
    }

    /** Newest products of the customer's categories first, topped up with new arrivals; anonymous: new arrivals. */
    public List<ProductCard> forCustomer(String userId, int limit) {
        Set<String> categories = userId == null ? Set.of() : interests(userId);
        LinkedHashSet<ProductCard> suggested = new LinkedHashSet<>();
        if (!categories.isEmpty()) {
            suggested.addAll(home.newArrivals(categories, limit));
        }
        if (suggested.size() < limit) {
            suggested.addAll(home.newArrivals(List.of(), limit));
        }
        return suggested.stream().limit(limit).toList();
    }

    private Set<String> interests(String userId) {
        Set<String> categories = new LinkedHashSet<>();
        Set<String> bought = redis.opsForSet().members(BOUGHT_CATEGORIES + userId);
        if (bought != null) {
            categories.addAll(bought);
        }
        Set<String> favorites = redis.opsForSet().members(FAVORITES + userId);
        if (favorites != null && !favorites.isEmpty()) {
            redis.opsForHash().multiGet(PRODUCT_CATEGORY, new ArrayList<>(favorites)).stream()
                    .filter(Objects::nonNull).forEach(category -> categories.add(category.toString()));
        }
        return categories;
    }
}
