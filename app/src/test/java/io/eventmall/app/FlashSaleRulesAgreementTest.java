package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventmall.api.RuleViolation;
import io.eventmall.api.flashsale.PurchaseFlashSaleUnits;
import io.eventmall.api.flashsale.ScheduleFlashSale;
import io.eventmall.query.gate.FlashSaleGate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis gate mirrors the FlashSale aggregate's rules (window, per-user limit, units left, and which refusal wins).
 * One table of cases runs against both, each on a sale of its own built from real events: the aggregate through the
 * command bus, the gate's Lua script from the state its event handlers built. Should either change alone, a case fails.
 */
@IntegrationTest
class FlashSaleRulesAgreementTest {

    private static final String BUYER = "buyer";

    @Autowired
    CommandGateway commands;
    @Autowired
    FlashSaleGate gate;
    @Autowired
    StringRedisTemplate redis;
    @Autowired
    TestApi api;

    /** A real product: its sales' purchases become orders, which keep the units they took. */
    private static String productId;

    /** When the purchase comes, relative to the sale's window. */
    enum When { BEFORE, DURING, AFTER }

    /**
     * A sale of {@code units} with {@code limit} per user, in which the buyer already holds {@code held} units and other
     * buyers {@code others}; the buyer then asks for {@code asked} (or repeats an earlier purchase: {@code retry}).
     */
    record Case(String name, int units, int limit, int held, int others, int asked, When when, boolean retry,
                String expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> rules() {
        return Stream.of(
                new Case("a unit while the sale runs", 5, 2, 0, 0, 1, When.DURING, false, "ACCEPTED"),
                new Case("up to the limit", 5, 2, 1, 0, 1, When.DURING, false, "ACCEPTED"),
                new Case("the last unit", 3, 5, 0, 2, 1, When.DURING, false, "ACCEPTED"),
                new Case("before the start", 5, 2, 0, 0, 1, When.BEFORE, false, "NOT_STARTED"),
                new Case("after the end", 5, 2, 0, 0, 1, When.AFTER, false, "ENDED"),
                new Case("nothing asked", 5, 2, 0, 0, 0, When.DURING, false, "VALIDATION_FAILED"),
                new Case("more than the limit at once", 5, 2, 0, 0, 3, When.DURING, false, "LIMIT_REACHED"),
                new Case("over the limit across purchases", 5, 2, 2, 0, 1, When.DURING, false, "LIMIT_REACHED"),
                new Case("sold out", 2, 5, 0, 2, 1, When.DURING, false, "SOLD_OUT"),
                new Case("more than is left", 3, 5, 0, 2, 2, When.DURING, false, "SOLD_OUT"),
                new Case("over the limit and sold out: the limit wins", 2, 1, 1, 1, 1, When.DURING, false, "LIMIT_REACHED"),
                new Case("a retried purchase, even once sold out", 1, 1, 1, 0, 1, When.DURING, true, "ACCEPTED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void theGateAndTheAggregateDecideAlike(Case rule) {
        Sale sale = saleFor(rule);
        String purchaseId = rule.retry() ? sale.buyersPurchase() : UUID.randomUUID().toString();

        FlashSaleGate.Decision admission = gate.admit(sale.id(), purchaseId, BUYER, rule.asked(), Instant.now());
        String gateSays = admission.refused() ? admission.refusal().name() : "ACCEPTED";
        if (admission.ticketTaken()) {
            gate.cancel(sale.id(), purchaseId, BUYER, rule.asked());
        }
        String aggregateSays;
        try {
            commands.sendAndWait(new PurchaseFlashSaleUnits(sale.id(), purchaseId, BUYER, rule.asked(), "order-" + purchaseId));
            aggregateSays = "ACCEPTED";
        } catch (RuleViolation refused) {
            aggregateSays = refused.refusal().name();
        }

        assertThat(List.of(gateSays, aggregateSays)).as("gate, aggregate").containsExactly(rule.expected(), rule.expected());
    }

    private record Sale(String id, String buyersPurchase) {
    }

    /** Schedules the sale, makes the earlier purchases while it runs, then moves its window as the case needs. */
    private Sale saleFor(Case rule) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        boolean purchasesFirst = rule.held() + rule.others() > 0;
        Instant startsAt = switch (rule.when()) {
            case BEFORE -> now.plus(Duration.ofHours(1));
            case DURING -> now.minus(Duration.ofMinutes(1));
            case AFTER -> now.minus(Duration.ofHours(2));
        };
        Instant endsAt = rule.when() == When.AFTER ? now.minus(Duration.ofHours(1)) : startsAt.plus(Duration.ofHours(2));
        assertThat(purchasesFirst && rule.when() != When.DURING).as("earlier purchases need a running sale").isFalse();
        if (productId == null) {
            productId = api.newProduct(api.adminToken(), 10_000, 0);
        }
        commands.sendAndWait(new ScheduleFlashSale(id, productId, 1_000, rule.units(), rule.limit(), startsAt, endsAt));
        String buyersPurchase = null;
        for (int i = 0; i < rule.held(); i++) {
            buyersPurchase = UUID.randomUUID().toString();
            commands.sendAndWait(new PurchaseFlashSaleUnits(id, buyersPurchase, BUYER, 1, "order-" + buyersPurchase));
        }
        for (int i = 0; i < rule.others(); i++) {
            String other = UUID.randomUUID().toString();
            commands.sendAndWait(new PurchaseFlashSaleUnits(id, other, "other-" + i, 1, "order-" + other));
        }
        String remaining = Integer.toString(rule.units() - rule.held() - rule.others());
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                remaining.equals(redis.opsForHash().get("mall:gate:{" + id + "}:sale", "remaining"))
                        && (rule.held() == 0 || Integer.toString(rule.held()).equals(
                        redis.opsForHash().get("mall:gate:{" + id + "}:held", BUYER))));
        return new Sale(id, buyersPurchase);
    }
}
