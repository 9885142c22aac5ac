package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventmall.api.Refusal;
import io.eventmall.api.flashsale.FlashSalePurchaseDecision;
import io.eventmall.api.flashsale.FlashSaleUnitsPurchased;
import io.eventmall.api.flashsale.PurchaseFlashSaleUnits;
import io.eventmall.api.flashsale.PurchaseFlashSaleUnitsInBatch;
import io.eventmall.app.flashsale.FlashSaleWriter;
import io.eventmall.app.flashsale.GateReconciler;
import io.eventmall.query.gate.FlashSaleGate;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The purchase path under a crowd, through the REST API: the gate, the batched single writer and the FlashSale
 * aggregate together sell exactly the units there are, answer every buyer, and leave state that does not grow with
 * the crowd. Buyers get tokens of their own from the application's token issuer (the purchase path needs nothing
 * else of a user), so two thousand of them cost no registration.
 */
@CrowdTest
class FlashSaleSpikeIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    Buyers crowd;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    StoreProbe store;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    FlashSaleGate gate;
    @Autowired
    GateReconciler reconciler;
    @Autowired
    FlashSaleWriter writer;
    @Autowired
    MeterRegistry meters;

    @Test
    void twoThousandBuyersRaceForThreeHundredUnitsAndExactlyThreeHundredAreSold() throws Exception {
        String flashSaleId = newSale(300, 1, Instant.now().minusSeconds(5));
        List<TestApi.User> buyers = buyers(2_000);

        ExecutorService pool = Executors.newFixedThreadPool(64);
        List<Future<Answer>> answers = new ArrayList<>();
        for (TestApi.User buyer : buyers) {
            // Each buyer presses twice (two keys): the per-user limit must hold under the crowd too.
            for (int press = 0; press < 2; press++) {
                String key = "press-" + press;
                answers.add(pool.submit(() -> purchase(flashSaleId, buyer, key)));
            }
        }
        List<Answer> results = new ArrayList<>();
        for (Future<Answer> answer : answers) {
            results.add(answer.get());
        }
        pool.shutdown();

        List<Answer> accepted = results.stream().filter(a -> a.status() == 202).toList();
        assertThat(accepted).hasSize(300);
        assertThat(accepted.stream().map(Answer::userId).distinct()).hasSize(300);
        assertThat(results.stream().filter(a -> a.status() != 202))
                .allMatch(a -> a.status() == 409 && Set.of("SOLD_OUT", "LIMIT_REACHED").contains(a.code()));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM flash_sale_purchase WHERE flash_sale_id = ?",
                Integer.class, flashSaleId)).isEqualTo(300);
        assertThat(store.eventsOf(flashSaleId, "FlashSaleUnitsPurchased")).isEqualTo(300);
        api.eventually("/flash-sales/" + flashSaleId, null, r -> r.body().path("remaining").asInt() == 0);
        assertThat(redis.opsForHash().get(gateKey(flashSaleId, "sale"), "remaining")).isEqualTo("0");

        // A sold-out sale's snapshot is as small as a new sale's: nothing per buyer is kept in the aggregate.
        int snapshotBytes = store.latestSnapshotBytes(flashSaleId);
        assertThat(snapshotBytes).isLessThan(400);

        // Every reservation becomes an order awaiting payment.
        for (Answer sample : accepted.subList(0, 10)) {
            TestApi.User buyer = buyers.stream().filter(b -> b.userId().equals(sample.userId())).findFirst().orElseThrow();
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> api.get("/orders/" + sample.orderId(), buyer.token()),
                            r -> "AWAITING_PAYMENT".equals(r.text("status")));
        }
    }

    @Test
    void aBatchInWhichSomePurchasesAreRefusedAnswersEachOne() {
        String flashSaleId = newSale(3, 2, Instant.now().minusSeconds(5));
        List<PurchaseFlashSaleUnits> batch = List.of(
                purchaseOf(flashSaleId, "p1", "alice", 2),
                purchaseOf(flashSaleId, "p2", "alice", 1),
                purchaseOf(flashSaleId, "p3", "bob", 1),
                purchaseOf(flashSaleId, "p1", "alice", 2),
                purchaseOf(flashSaleId, "p4", "carol", 1));

        List<FlashSalePurchaseDecision> decisions =
                commands.sendAndWait(new PurchaseFlashSaleUnitsInBatch(flashSaleId, batch));

        assertThat(decisions).extracting(FlashSalePurchaseDecision::refusal)
                .containsExactly(null, Refusal.LIMIT_REACHED, null, null, Refusal.SOLD_OUT);
        assertThat(store.eventsOf(flashSaleId, "FlashSaleUnitsPurchased")).isEqualTo(2);
        assertThat(jdbc.queryForList("SELECT purchase_id FROM flash_sale_purchase WHERE flash_sale_id = ?"
                + " ORDER BY purchase_id", String.class, flashSaleId)).containsExactly(id(flashSaleId, "p1"),
                id(flashSaleId, "p3"));

        // The ledger the next batch reads is the committed one: alice is at her limit, a retry is still one purchase.
        List<FlashSalePurchaseDecision> next = commands.sendAndWait(new PurchaseFlashSaleUnitsInBatch(flashSaleId,
                List.of(purchaseOf(flashSaleId, "p5", "alice", 1), purchaseOf(flashSaleId, "p3", "bob", 1))));
        assertThat(next).extracting(FlashSalePurchaseDecision::refusal).containsExactly(Refusal.LIMIT_REACHED, null);
        assertThat(store.eventsOf(flashSaleId, "FlashSaleUnitsPurchased")).isEqualTo(2);
    }

    /**
     * Another node appends to the sale behind this node's cached aggregate: this node's next batch meets the event
     * store's unique (aggregate, sequence) index, rolls back, and is decided again on the fresh stream.
     */
    @Test
    void aBatchRacingAnotherNodesAppendIsDecidedAgainOnTheFreshStream() throws Exception {
        String flashSaleId = newSale(2, 1, Instant.now().minusSeconds(5));
        TestApi.User first = buyers(1).get(0);
        assertThat(purchase(flashSaleId, first, "k").status()).isEqualTo(202);

        long next = jdbc.queryForObject("SELECT max(sequence_number) + 1 FROM domain_event_entry"
                + " WHERE aggregate_identifier = ?", Long.class, flashSaleId);
        String otherNodesPurchase = UUID.randomUUID().toString();
        transactions.executeWithoutResult(tx -> eventStore.publish(new GenericDomainEventMessage<>("FlashSale",
                flashSaleId, next, new FlashSaleUnitsPurchased(flashSaleId, otherNodesPurchase,
                UUID.randomUUID().toString(), "someone-on-another-node", productOf(flashSaleId), 1, 1_000, 0))));

        // Straight to the writer: the gate may already have counted the other node's purchase. The cached aggregate
        // still has a unit left, so only a decision taken again on the fresh stream can say SOLD_OUT.
        FlashSalePurchaseDecision late = writer.submit(purchaseOf(flashSaleId, "late", "late-buyer", 1))
                .get(10, TimeUnit.SECONDS);
        assertThat(late.refusal()).isEqualTo(Refusal.SOLD_OUT);
        assertThat(store.eventsOf(flashSaleId, "FlashSaleUnitsPurchased")).isEqualTo(2);
    }

    @Test
    void anAdmissionWhosePurchaseNeverCommittedIsGivenBack() {
        String flashSaleId = newSale(1, 1, Instant.now().minusSeconds(60));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> redis.hasKey(gateKey(flashSaleId, "sale")));
        // Admitted half a minute ago, then the node died before its batch was written.
        Instant longAgo = Instant.now().minusSeconds(30);
        assertThat(gate.admit(flashSaleId, "lost-purchase", "ghost", 1, longAgo).ticketTaken()).isTrue();
        TestApi.User buyer = buyers(1).get(0);
        assertThat(purchase(flashSaleId, buyer, "k").code()).isEqualTo("SOLD_OUT");

        double givenBackBefore = meters.counter("mall.flash-sale.admissions.given-back").count();

        // The reconciler runs every few seconds anyway; calling it only makes the test quicker.
        reconciler.reconcile(flashSaleId);

        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> "1".equals(redis.opsForHash().get(gateKey(flashSaleId, "sale"), "remaining")));
        assertThat(meters.counter("mall.flash-sale.admissions.given-back").count()).isEqualTo(givenBackBefore + 1);
        assertThat(purchase(flashSaleId, buyer, "k2").status()).isEqualTo(202);
        assertThat(reconciler.reconcile(flashSaleId)).isZero();
    }

    @Test
    void gateKeysExpireADayAfterTheSaleEnds() {
        Instant startsAt = Instant.now().minusSeconds(5);
        String flashSaleId = newSale(5, 1, startsAt);
        // The gate learns of the sale from its events; only an admission it makes creates the ticket keys.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> redis.hasKey(gateKey(flashSaleId, "sale")));
        assertThat(purchase(flashSaleId, buyers(1).get(0), "k").status()).isEqualTo(202);
        Instant endsAt = startsAt.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        long expected = Duration.between(Instant.now(), endsAt.plus(Duration.ofDays(1))).toSeconds();
        for (String key : List.of("sale", "tickets", "held")) {
            assertThat(redis.getExpire(gateKey(flashSaleId, key))).as(key).isBetween(expected - 30, expected + 30);
        }
    }

    private String newSale(int quantity, int perUserLimit, Instant startsAt) {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 10_000, 0);
        Instant start = startsAt.truncatedTo(ChronoUnit.SECONDS);
        TestApi.Response sale = api.post("/flash-sales", admin, Map.of("productId", productId, "price", 1_000,
                "quantity", quantity, "perUserLimit", perUserLimit, "startsAt", start.toString(),
                "endsAt", start.plus(Duration.ofHours(1)).toString()));
        assertThat(sale.status()).as(sale.body().toString()).isEqualTo(201);
        return sale.text("flashSaleId");
    }

    private String productOf(String flashSaleId) {
        return api.get("/flash-sales/" + flashSaleId, null).text("productId");
    }

    private List<TestApi.User> buyers(int count) {
        return crowd.newBuyers(count);
    }

    private Answer purchase(String flashSaleId, TestApi.User buyer, String key) {
        TestApi.Response response = api.call(HttpMethod.POST, "/flash-sales/" + flashSaleId + "/purchases",
                buyer.token(), Map.of("quantity", 1), Map.of("Idempotency-Key", key));
        JsonNode body = response.body();
        return new Answer(buyer.userId(), response.status(), response.code(), body.path("orderId").asText(null));
    }

    private static PurchaseFlashSaleUnits purchaseOf(String flashSaleId, String purchase, String userId, int quantity) {
        return new PurchaseFlashSaleUnits(flashSaleId, id(flashSaleId, purchase), userId, quantity, "order-" + purchase);
    }

    private static String id(String flashSaleId, String purchase) {
        return flashSaleId + "-" + purchase;
    }

    private static String gateKey(String flashSaleId, String part) {
        return "mall:gate:{" + flashSaleId + "}:" + part;
    }

    record Answer(String userId, int status, String code, String orderId) {
    }
}
