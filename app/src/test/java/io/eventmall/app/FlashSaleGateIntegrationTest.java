package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventmall.api.Refusal;
import io.eventmall.query.gate.FlashSaleGate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The Redis gate in front of the FlashSale aggregate, against the real Redis. */
@IntegrationTest
class FlashSaleGateIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    FlashSaleGate gate;
    @Autowired
    StringRedisTemplate redis;

    @Test
    void theGateAppliesTheSaleRulesAndGivesBackWhatTheAggregateRefused() {
        Instant now = Instant.now();
        String sale = scheduledSale(2, 1, now.minusSeconds(5), now.plusSeconds(3600));

        assertThat(gate.admit(sale, "p1", "ann", 1, now)).isEqualTo(new FlashSaleGate.Decision(null, true));
        assertThat(gate.admit(sale, "p1", "ann", 1, now).refused()).as("a repeated purchase").isFalse();
        assertThat(gate.admit(sale, "p2", "ann", 1, now).refusal()).isEqualTo(Refusal.LIMIT_REACHED);
        assertThat(gate.admit(sale, "p3", "bob", 1, now).ticketTaken()).isTrue();
        assertThat(gate.admit(sale, "p4", "cat", 1, now).refusal()).isEqualTo(Refusal.SOLD_OUT);

        gate.cancel(sale, "p3", "bob", 1);
        gate.cancel(sale, "p3", "bob", 1);
        assertThat(gate.admit(sale, "p4", "cat", 1, now).ticketTaken()).isTrue();
        assertThat(gate.admit(sale, "p5", "dan", 1, now).refusal()).isEqualTo(Refusal.SOLD_OUT);

        assertThat(gate.admit(sale, "p6", "eve", 1, now.minusSeconds(60)).refusal()).isEqualTo(Refusal.NOT_STARTED);
        assertThat(gate.admit(sale, "p7", "eve", 1, now.plusSeconds(7200)).refusal()).isEqualTo(Refusal.ENDED);
    }

    @Test
    void theReconcilerFindsLiveSalesInTheGatesRegisterAndSalesWhoseKeysExpiredLeaveIt() {
        Instant now = Instant.now();
        String sale = scheduledSale(2, 1, now.minusSeconds(5), now.plusSeconds(3600));
        redis.opsForZSet().add("mall:gate:sales", "long-gone-sale", now.minusSeconds(60).toEpochMilli());

        assertThat(gate.liveSales()).contains(sale).doesNotContain("long-gone-sale");
        assertThat(redis.opsForZSet().score("mall:gate:sales", "long-gone-sale")).isNull();
        assertThat(redis.opsForZSet().score("mall:gate:sales", sale))
                .isEqualTo((double) Long.parseLong((String) redis.opsForHash().get("mall:gate:{" + sale + "}:sale", "expiresAt")));
    }

    @Test
    void anUnknownSalePassesToTheAggregate() {
        FlashSaleGate.Decision decision = gate.admit("no-such-sale", "p1", "ann", 1, Instant.now());
        assertThat(decision.refused()).isFalse();
        assertThat(decision.ticketTaken()).isFalse();
    }

    @Test
    void purchasesTheAggregateMadeAreCountedOnceAndReturnedUnitsComeBackOnce() {
        Instant now = Instant.now();
        String sale = scheduledSale(3, 2, now.minusSeconds(5), now.plusSeconds(3600));
        TestApi.User buyer = api.newCustomer();
        assertThat(api.post("/flash-sales/" + sale + "/purchases", buyer.token(), Map.of("quantity", 2)).status())
                .isEqualTo(202);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> api.get("/flash-sales/" + sale, null).body().path("remaining").asInt() == 1);
        assertThat(remainingAtTheGate(sale)).isEqualTo(1);
        assertThat(gate.admit(sale, "other", buyer.userId(), 1, now).refusal()).isEqualTo(Refusal.LIMIT_REACHED);
    }

    @Test
    void theSalesPagesShowTheUnitsTheGateHasLeftAndTheReadModelsWhereTheGateDoesNotHoldTheSale() {
        Instant now = Instant.now();
        String sale = scheduledSale(5, 5, now.minusSeconds(5), now.plusSeconds(3600));

        // An admission the aggregate has not decided yet: no event, so only the gate knows of it.
        assertThat(gate.admit(sale, "pending", "ann", 2, now).ticketTaken()).isTrue();
        assertThat(api.get("/flash-sales/" + sale, null).body().path("remaining").asInt()).isEqualTo(3);
        assertThat(StreamSupport.stream(api.get("/flash-sales?state=ongoing&limit=100", null).body().spliterator(), false)
                .filter(listed -> listed.path("flashSaleId").asText().equals(sale))
                .map(listed -> listed.path("remaining").asInt())).containsExactly(3);

        gate.cancel(sale, "pending", "ann", 2);
        assertThat(api.get("/flash-sales/" + sale, null).body().path("remaining").asInt()).isEqualTo(5);
        redis.opsForHash().put(saleKey(sale), "remaining", "1");
        assertThat(api.get("/flash-sales/" + sale, null).body().path("remaining").asInt()).isEqualTo(1);
        redis.delete(saleKey(sale));
        assertThat(api.get("/flash-sales/" + sale, null).body().path("remaining").asInt())
                .as("the read model's figure once the gate no longer holds the sale").isEqualTo(5);
    }

    private String scheduledSale(int quantity, int perUserLimit, Instant startsAt, Instant endsAt) {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 5_000, 0);
        String sale = api.post("/flash-sales", admin, Map.of("productId", productId, "price", 500,
                "quantity", quantity, "perUserLimit", perUserLimit, "startsAt", startsAt.toString(),
                "endsAt", endsAt.toString())).text("flashSaleId");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> redis.hasKey(saleKey(sale)));
        return sale;
    }

    private int remainingAtTheGate(String sale) {
        return Integer.parseInt((String) redis.opsForHash().get(saleKey(sale), "remaining"));
    }

    private static String saleKey(String sale) {
        return "mall:gate:{" + sale + "}:sale";
    }
}
