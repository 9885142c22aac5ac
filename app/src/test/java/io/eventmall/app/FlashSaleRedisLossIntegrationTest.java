package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpMethod;

/**
 * Redis loses its data in the middle of a sale (FLUSHDB of the test database, as a restart without persistence
 * would): the sale still sells exactly its units, the home page is never shown without the sale while it runs
 * (503 with Retry-After while the read models are rebuilt), and it shows the sale again within a minute.
 */
@CrowdTest
class FlashSaleRedisLossIntegrationTest {

    private static final int UNITS = 300;
    private static final int BUYERS = 900;

    @Autowired
    TestApi api;
    @Autowired
    Buyers crowd;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    StoreProbe store;

    @Test
    void redisFlushedMidSaleKeepsTheTotalsAndTheHomePageComesBack() throws Exception {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 10_000, 0);
        Instant start = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS);
        String flashSaleId = api.post("/flash-sales", admin, Map.of("productId", productId, "price", 1_000,
                "quantity", UNITS, "perUserLimit", 1, "startsAt", start.toString(),
                "endsAt", start.plus(Duration.ofHours(1)).toString())).text("flashSaleId");
        api.eventually("/home", null, r -> r.status() == 200 && showsSale(r.body(), flashSaleId));

        // Home is watched all along: every answer shows the sale, or says to come back (never an empty page).
        AtomicBoolean watching = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> wrongHomePages = new ConcurrentLinkedQueue<>();
        AtomicInteger rebuildingAnswers = new AtomicInteger();
        Thread homeWatcher = new Thread(() -> {
            while (watching.get()) {
                TestApi.Response home = api.get("/home", null);
                if (home.status() == 503 && home.headers().getFirst("Retry-After") != null) {
                    rebuildingAnswers.incrementAndGet();
                } else if (home.status() != 200 || !showsSale(home.body(), flashSaleId)) {
                    wrongHomePages.add(home.status() + " " + home.body());
                }
            }
        });
        homeWatcher.start();

        ExecutorService pool = Executors.newFixedThreadPool(32);
        AtomicInteger answered = new AtomicInteger();
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < BUYERS; i++) {
            String token = crowd.newBuyer().token();
            answers.add(pool.submit(() -> {
                int status = api.call(HttpMethod.POST, "/flash-sales/" + flashSaleId + "/purchases", token,
                        Map.of("quantity", 1), Map.of()).status();
                answered.incrementAndGet();
                return status;
            }));
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() >= BUYERS / 5);
        redis.execute((RedisCallback<Void>) connection -> {
            flush(connection);
            return null;
        });
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        pool.shutdown();

        assertThat(statuses).allMatch(status -> status == 202 || status == 409);
        assertThat(statuses.stream().filter(status -> status == 202)).hasSize(UNITS);
        assertThat(store.eventsOf(flashSaleId, "FlashSaleUnitsPurchased")).isEqualTo(UNITS);

        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/home", null), r -> r.status() == 200 && showsSale(r.body(), flashSaleId));
        watching.set(false);
        homeWatcher.join();
        assertThat(wrongHomePages).isEmpty();
        // The rebuilt gate agrees with the sale: nothing left, nothing stranded.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                "0".equals(redis.opsForHash().get("mall:gate:{" + flashSaleId + "}:sale", "remaining")));
    }

    @SuppressWarnings("deprecation")
    private static void flush(RedisConnection connection) {
        connection.serverCommands().flushDb();
    }

    private static boolean showsSale(JsonNode home, String flashSaleId) {
        return home.path("flashSales").path("ongoing").findValuesAsText("flashSaleId").contains(flashSaleId);
    }
}
