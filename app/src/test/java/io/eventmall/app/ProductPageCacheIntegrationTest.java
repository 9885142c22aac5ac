package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventmall.api.product.FindProduct;
import io.eventmall.api.product.ProductView;
import io.eventmall.query.catalog.ProductDetailCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/** GET /products/{id}: cache-aside in Caffeine and Redis, single flight, absent caching, eviction on change. */
@IntegrationTest
class ProductPageCacheIntegrationTest {

    private static final String KEY = "mall:product-detail:";

    @Autowired
    TestApi api;
    @Autowired
    javax.sql.DataSource dataSource;
    @Autowired
    ProductDetailCache cache;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    QueryGateway queries;

    @Test
    void aThousandConcurrentMissesOnOneProductLoadItOnce() throws Exception {
        String productId = api.newProduct(api.adminToken(), 1_999, 5);
        awaitProjectionQuiet(productId, 5);
        long before = cache.storeLoads();
        ExecutorService callers = Executors.newFixedThreadPool(64);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Long>> prices = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                prices.add(callers.submit(() -> {
                    start.await();
                    return cache.get(productId).orElseThrow().price();
                }));
            }
            start.countDown();
            for (Future<Long> price : prices) {
                assertThat(price.get()).isEqualTo(1_999);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(cache.storeLoads() - before).isEqualTo(1);
        Long ttl = redis.getExpire(KEY + productId);
        assertThat(ttl).as("ten minutes plus up to two of jitter").isBetween(590L, 720L);
    }

    @Test
    void aPriceChangeEvictsBothLayersAtOnce() {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 1_000, 5);
        assertThat(api.eventually("/products/" + productId, null, r -> r.status() == 200).body().path("price").asLong())
                .isEqualTo(1_000);
        assertThat(redis.hasKey(KEY + productId)).isTrue();

        assertThat(api.put("/products/" + productId, admin, Map.of("price", 1_250)).status()).isEqualTo(200);
        // Well inside the local TTL (5 s) and the Redis TTL (10 min): only eviction explains the new price.
        Awaitility.await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get("/products/" + productId, null).body().path("price").asLong() == 1_250);
        assertThat(api.put("/products/" + productId, admin, Map.of("name", "Renamed shoe")).status()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> "Renamed shoe".equals(api.get("/products/" + productId, null).text("name")));
    }

    @Test
    void anEvictionBroadcastDropsTheInProcessCopyOnEveryNode() {
        String productId = api.newProduct(api.adminToken(), 3_300, 2);
        awaitProjectionQuiet(productId, 2);
        assertThat(cache.get(productId).orElseThrow().price()).isEqualTo(3_300);
        // Another node's view of Redis: a newer page. This node still answers from its in-process copy...
        String newer = redis.opsForValue().get(KEY + productId).replace("\"price\":3300", "\"price\":3400");
        redis.opsForValue().set(KEY + productId, newer);
        assertThat(cache.get(productId).orElseThrow().price()).isEqualTo(3_300);
        // ...until that node broadcasts its eviction.
        redis.convertAndSend("mall:product-detail:evicted", productId);
        Awaitility.await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                .until(() -> cache.get(productId).orElseThrow().price() == 3_400);
    }

    @Test
    void anUnknownProductIsCachedAsAbsentForAShortTime() {
        String unknown = "no-such-product-" + System.nanoTime();
        long before = cache.storeLoads();
        for (int i = 0; i < 5; i++) {
            TestApi.Response missing = api.get("/products/" + unknown, null);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.code()).isEqualTo("NOT_FOUND");
        }
        assertThat(cache.storeLoads() - before).isEqualTo(1);
        assertThat(redis.opsForValue().get(KEY + unknown)).isEqualTo("absent");
        assertThat(redis.getExpire(KEY + unknown)).isBetween(1L, 30L);
    }

    @Test
    void aProductPageHitTakesNoDatabaseConnection() {
        String productId = api.newProduct(api.adminToken(), 4_200, 3);
        api.eventually("/products/" + productId, null, r -> r.status() == 200);
        String path = "/api/v1/products/" + productId;
        long before = RequestThreadJdbcCounter.connectionsTakenByRequestsTo(dataSource, path);
        for (int i = 0; i < 20; i++) {
            assertThat(api.get("/products/" + productId, null).body().path("price").asLong()).isEqualTo(4_200);
        }
        assertThat(RequestThreadJdbcCounter.connectionsTakenByRequestsTo(dataSource, path)).isEqualTo(before);
    }

    /** The product projection has handled the product's events, so no eviction races the measurement. */
    private void awaitProjectionQuiet(String productId, int stock) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> queries.query(new FindProduct(productId), ResponseTypes.optionalInstanceOf(ProductView.class))
                        .join().map(product -> product.available() == stock).orElse(false));
        assertThat(redis.hasKey(KEY + productId)).isFalse();
    }
}
