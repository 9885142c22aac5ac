package io.eventmall.query.catalog;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.eventmall.api.product.FindProductDetail;
import io.eventmall.api.product.ProductDetail;
import io.eventmall.query.redis.RedisJson;
import io.eventmall.query.redis.RedisKeyspace;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Cache-aside for the product page, in two layers: a small in-process Caffeine cache for the hottest keys in
 * front of Redis, in front of the PostgreSQL read model.
 * <ul>
 * <li>Single flight: a miss is computed inside Caffeine's per-key {@code get(key, loader)}, so any number of
 * concurrent misses on one product on this node cause one Redis read and at most one PostgreSQL load.</li>
 * <li>Penetration: an unknown product is cached as "absent" for a short time in both layers.</li>
 * <li>Avalanche: Redis entries live for the TTL plus a random jitter, so entries written together expire apart.</li>
 * <li>Redis is an optimisation here: when it is down the page is served from PostgreSQL.</li>
 * </ul>
 * Every event that changes what the page shows evicts both layers once it is committed ({@link ProductPageEvictions});
 * the eviction is broadcast on a Redis channel so that every node drops its in-process copy too (a node that missed
 * the message, say while disconnected, still drops it within {@code local-ttl}).
 */
@Component
public class ProductDetailCache {

    static final String KEY_PREFIX = "mall:product-detail:";
    private static final String ABSENT = "absent";
    private static final Logger log = LoggerFactory.getLogger(ProductDetailCache.class);

    private final StringRedisTemplate redis;
    private final RedisKeyspace keyspace;
    private final RedisJson json;
    private final QueryGateway queries;
    private final Duration ttl;
    private final Duration ttlJitter;
    private final Duration absentTtl;
    private final String evictionChannel;
    private final Cache<String, Optional<ProductDetail>> local;
    private final AtomicLong storeLoads = new AtomicLong();

    ProductDetailCache(StringRedisTemplate redis, RedisKeyspace keyspace, RedisJson json, QueryGateway queries,
                       @Value("${mall.product-cache.ttl:PT10M}") Duration ttl,
                       @Value("${mall.product-cache.ttl-jitter:PT2M}") Duration ttlJitter,
                       @Value("${mall.product-cache.absent-ttl:PT30S}") Duration absentTtl,
                       @Value("${mall.product-cache.local-ttl:PT5S}") Duration localTtl,
                       @Value("${mall.product-cache.local-size:1000}") long localSize,
                       @Value("${mall.product-cache.eviction-channel:mall:product-detail:evicted}") String evictionChannel) {
        this.redis = redis;
        this.keyspace = keyspace;
        this.json = json;
        this.queries = queries;
        this.ttl = ttl;
        this.ttlJitter = ttlJitter;
        this.absentTtl = absentTtl;
        this.evictionChannel = evictionChannel;
        Duration localAbsentTtl = absentTtl.compareTo(localTtl) < 0 ? absentTtl : localTtl;
        this.local = Caffeine.newBuilder()
                .maximumSize(localSize)
                .expireAfter(new Expiry<String, Optional<ProductDetail>>() {
                    @Override
                    public long expireAfterCreate(String key, Optional<ProductDetail> value, long currentTime) {
                        return (value.isPresent() ? localTtl : localAbsentTtl).toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Optional<ProductDetail> value, long currentTime,
                                                  long currentDuration) {
                        return expireAfterCreate(key, value, currentTime);
                    }

                    @Override
                    public long expireAfterRead(String key, Optional<ProductDetail> value, long currentTime,
                                                long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    public Optional<ProductDetail> get(String productId) {
        return local.get(productId, this::throughRedis);
    }

    /** Both layers, on every node. Throws when Redis is unreachable, so that the eviction is retried. */
    void evict(String productId) {
        local.invalidate(productId);
        redis.delete(KEY_PREFIX + productId);
        redis.convertAndSend(evictionChannel, productId);
    }

    /** Another node (or this one) evicted the page: drop the in-process copy. */
    void evictedElsewhere(String productId) {
        local.invalidate(productId);
    }

    String evictionChannel() {
        return evictionChannel;
    }

    /** Both layers, everything: a replay rebuilds the read model behind the cache. */
    void evictAll() {
        local.invalidateAll();
        keyspace.deleteAllStartingWith(KEY_PREFIX);
    }

    /** How many times the page was loaded from PostgreSQL (misses of both layers). */
    public long storeLoads() {
        return storeLoads.get();
    }

    private Optional<ProductDetail> throughRedis(String productId) {
        String key = KEY_PREFIX + productId;
        try {
            String cached = redis.opsForValue().get(key);
            if (cached != null) {
                return ABSENT.equals(cached) ? Optional.empty() : Optional.of(json.read(cached, ProductDetail.class));
            }
        } catch (DataAccessException | UncheckedIOException redisUnusable) {
            log.warn("product cache: Redis read failed for {}, loading from the read model: {}", productId,
                    redisUnusable.getMessage());
            return load(productId);
        }
        Optional<ProductDetail> loaded = load(productId);
        try {
            if (loaded.isPresent()) {
                redis.opsForValue().set(key, json.write(loaded.get()), jittered(ttl));
            } else {
                redis.opsForValue().set(key, ABSENT, absentTtl);
            }
        } catch (DataAccessException | UncheckedIOException redisUnusable) {
            log.warn("product cache: Redis write failed for {}: {}", productId, redisUnusable.getMessage());
        }
        return loaded;
    }

    private Optional<ProductDetail> load(String productId) {
        storeLoads.incrementAndGet();
        return queries.query(new FindProductDetail(productId), ResponseTypes.optionalInstanceOf(ProductDetail.class))
                .join();
    }

    private Duration jittered(Duration base) {
        long jitterMillis = ttlJitter.toMillis() <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ttlJitter.toMillis() + 1);
        return base.plusMillis(jitterMillis);
    }
}
