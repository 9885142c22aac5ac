package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventmall.query.gate.SoldOutMemo;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

@IntegrationTest
class FlashSaleRaceIntegrationTest {

    private static final int BUYERS = 200;
    private static final int UNITS = 50;

    @Autowired
    TestApi api;
    @Autowired
    MeterRegistry meters;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    SoldOutMemo soldOut;

    private double gateOutcomes(String outcome) {
        return meters.find("mall.flash-sale.gate").tag("outcome", outcome).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    @Test
    void twoHundredBuyersRaceForFiftyUnitsAndExactlyFiftyWinNobodyTwice() throws Exception {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 10_000, 0);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TestApi.Response sale = api.post("/flash-sales", admin, Map.of("productId", productId, "price", 1_000,
                "quantity", UNITS, "perUserLimit", 1, "startsAt", now.minusSeconds(5).toString(),
                "endsAt", now.plusSeconds(3600).toString()));
        assertThat(sale.status()).as(sale.body().toString()).isEqualTo(201);
        String flashSaleId = sale.text("flashSaleId");

        List<TestApi.User> buyers = IntStream.range(0, BUYERS).parallel().mapToObj(i -> api.newCustomer()).toList();

        double admittedBefore = gateOutcomes("ADMITTED");
        double refusedBefore = gateOutcomes("SOLD_OUT") + gateOutcomes("LIMIT_REACHED");
        // Every buyer fires two purchases at once, with different keys: the per-user limit must hold too.
        ExecutorService pool = Executors.newFixedThreadPool(64);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Attempt>> attempts = new ArrayList<>();
        for (TestApi.User buyer : buyers) {
            for (int attempt = 0; attempt < 2; attempt++) {
                String key = buyer.userId() + "-" + attempt;
                attempts.add(pool.submit(() -> {
                    start.await();
                    TestApi.Response response = api.call(HttpMethod.POST, "/flash-sales/" + flashSaleId + "/purchases",
                            buyer.token(), Map.of("quantity", 1), Map.of("Idempotency-Key", key));
                    return new Attempt(buyer.userId(), response.status(), response.code(), response.text("purchaseId"));
                }));
            }
        }
        start.countDown();
        List<Attempt> results = new ArrayList<>();
        for (Future<Attempt> attempt : attempts) {
            results.add(attempt.get());
        }
        pool.shutdown();

        List<Attempt> admitted = results.stream().filter(a -> a.status() == 202).toList();
        assertThat(admitted).hasSize(UNITS);
        Map<String, Long> winsPerBuyer = admitted.stream()
                .collect(Collectors.groupingBy(Attempt::userId, Collectors.counting()));
        assertThat(winsPerBuyer.values()).allMatch(wins -> wins == 1);
        assertThat(results.stream().filter(a -> a.status() != 202).map(Attempt::code).distinct())
                .containsAnyOf("SOLD_OUT", "LIMIT_REACHED")
                .allMatch(code -> code.equals("SOLD_OUT") || code.equals("LIMIT_REACHED"));
        assertThat(results.stream().filter(a -> a.status() != 202)).allMatch(a -> a.status() == 409);

        TestApi.Response soldOut = api.eventually("/flash-sales/" + flashSaleId, null,
                r -> r.body().path("remaining").asInt() == 0);
        assertThat(soldOut.body().path("quantity").asInt()).isEqualTo(UNITS);
        // The Redis gate turned the rest away before the aggregate, and its count agrees with the aggregate's.
        assertThat(gateOutcomes("ADMITTED") - admittedBefore).isEqualTo(UNITS);
        assertThat(gateOutcomes("SOLD_OUT") + gateOutcomes("LIMIT_REACHED") - refusedBefore)
                .isEqualTo(2 * BUYERS - UNITS);
        assertThat(redis.opsForHash().get("mall:gate:{" + flashSaleId + "}:sale", "remaining")).isEqualTo("0");

        Attempt winner = admitted.get(0);
        TestApi.User winnerUser = buyers.stream().filter(b -> b.userId().equals(winner.userId())).findFirst().orElseThrow();
        TestApi.Response purchase = api.eventually("/flash-sales/" + flashSaleId + "/purchases/" + winner.purchaseId(),
                winnerUser.token(), r -> r.status() == 200);
        assertThat(purchase.text("status")).isIn("QUEUED", "RESERVED");
        TestApi.User someoneElse = buyers.stream().filter(b -> !b.userId().equals(winner.userId())).findFirst().orElseThrow();
        assertThat(api.get("/flash-sales/" + flashSaleId + "/purchases/" + winner.purchaseId(), someoneElse.token())
                .status()).isEqualTo(403);
    }

    @Test
    void aPurchaseRepeatedWithTheSameKeyIsOnePurchase() {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 10_000, 0);
        Instant now = Instant.now();
        String flashSaleId = api.post("/flash-sales", admin, Map.of("productId", productId, "price", 1_000,
                "quantity", 5, "perUserLimit", 2, "startsAt", now.minusSeconds(5).toString(),
                "endsAt", now.plusSeconds(3600).toString())).text("flashSaleId");
        TestApi.User buyer = api.newCustomer();
        Map<String, String> key = Map.of("Idempotency-Key", "buy-once");
        TestApi.Response first = api.call(HttpMethod.POST, "/flash-sales/" + flashSaleId + "/purchases", buyer.token(),
                Map.of("quantity", 1), key);
        TestApi.Response second = api.call(HttpMethod.POST, "/flash-sales/" + flashSaleId + "/purchases", buyer.token(),
                Map.of("quantity", 1), key);
        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.text("purchaseId")).isEqualTo(first.text("purchaseId"));
        api.eventually("/flash-sales/" + flashSaleId, null, r -> r.body().path("remaining").asInt() == 4);
    }

    @Test
    void purchasesOutsideTheWindowAreRefused() {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 10_000, 0);
        Instant now = Instant.now();
        String upcoming = api.post("/flash-sales", admin, Map.of("productId", productId, "price", 1_000,
                "quantity", 5, "perUserLimit", 1, "startsAt", now.plusSeconds(3600).toString(),
                "endsAt", now.plusSeconds(7200).toString())).text("flashSaleId");
        TestApi.User buyer = api.newCustomer();
        TestApi.Response early = api.post("/flash-sales/" + upcoming + "/purchases", buyer.token(), Map.of("quantity", 1));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.code()).isEqualTo("NOT_STARTED");
        TestApi.Response view = api.get("/flash-sales/" + upcoming, null);
        assertThat(view.text("state")).isEqualTo("UPCOMING");
        assertThat(view.body().path("remaining").asInt()).isEqualTo(5);
    }

    @Test
    void aBuyerHammeringThePurchaseButtonIsRateLimited() {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 10_000, 0);
        Instant now = Instant.now();
        String flashSaleId = api.post("/flash-sales", admin, Map.of("productId", productId, "price", 1_000,
                "quantity", 5, "perUserLimit", 1, "startsAt", now.plusSeconds(3600).toString(),
                "endsAt", now.plusSeconds(7200).toString())).text("flashSaleId");
        TestApi.User buyer = api.newCustomer();

        List<TestApi.Response> burst = IntStream.range(0, 20)
                .mapToObj(i -> api.post("/flash-sales/" + flashSaleId + "/purchases", buyer.token(), Map.of("quantity", 1)))
                .toList();

        List<TestApi.Response> limited = burst.stream().filter(r -> r.status() == 429).toList();
        assertThat(limited).isNotEmpty();
        assertThat(limited).allMatch(r -> "RATE_LIMITED".equals(r.code()) && r.headers().getFirst("Retry-After") != null);
        assertThat(burst.stream().filter(r -> r.status() == 409).count()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aSoldOutSaleAnswersNewPurchasesFromMemoryButARetryWithItsKeyStillFindsItsPurchase() {
        String flashSaleId = api.ongoingFlashSale(api.adminToken(), 1);
        String purchases = "/flash-sales/" + flashSaleId + "/purchases";
        TestApi.User winner = api.newCustomer();
        TestApi.User late = api.newCustomer();
        Map<String, String> key = Map.of("Idempotency-Key", "the-only-unit");
        TestApi.Response bought = api.call(HttpMethod.POST, purchases, winner.token(), Map.of("quantity", 1), key);
        assertThat(bought.status()).isEqualTo(202);

        // The gate answers the first late buyer and the node remembers; the next ones are answered from memory.
        double fromMemoryBefore = meters.counter(SoldOutMemo.ANSWERS).count();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            TestApi.Response refused = api.post(purchases, late.token(), Map.of("quantity", 1));
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.code()).isEqualTo("SOLD_OUT");
            assertThat(refused.headers().getContentType()).hasToString("application/problem+json");
            return meters.counter(SoldOutMemo.ANSWERS).count() > fromMemoryBefore;
        });

        // A purchase with an Idempotency-Key may be the retry of an admitted one: it is never answered from memory.
        soldOut.rememberSoldOut(flashSaleId);
        TestApi.Response retried = api.call(HttpMethod.POST, purchases, winner.token(), Map.of("quantity", 1), key);
        assertThat(retried.status()).isEqualTo(202);
        assertThat(retried.text("purchaseId")).isEqualTo(bought.text("purchaseId"));
        api.eventually("/flash-sales/" + flashSaleId, null, r -> r.body().path("remaining").asInt() == 0);
    }

    record Attempt(String userId, int status, String code, String purchaseId) {
    }
}
