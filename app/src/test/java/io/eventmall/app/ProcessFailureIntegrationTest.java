package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Process managers are never a single point of failure: a command refused because the world moved on is an
 * outcome, and an instance that keeps failing is parked while every other order keeps flowing.
 */
@IntegrationTest
class ProcessFailureIntegrationTest {

    private static final String ORDER_FULFILMENT = "OrderFulfilmentProcessor";

    @Autowired
    TestApi api;
    @Autowired
    StoreProbe store;
    @Autowired
    JdbcTemplate jdbc;

    /**
     * The race of the issue, made certain, cannot stall anything any more: an order for more than the stock is
     * rejected by its own placement, in the same commit, so the customer's cancel right after the 202 finds it
     * REJECTED (409) instead of racing a process that would reject it. (The process still treats such a refused
     * command as an outcome, for orders placed before placements reserved: OrderFulfilmentTest.)
     */
    @Test
    void anOrderForMoreThanTheStockIsRejectedAtOnceSoACancelFindsItRejectedAndNothingStalls() {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 1_500, 1);
        TestApi.User racer = api.newCustomer();
        TestApi.Response placed = api.post("/orders", racer.token(), Map.of("addressId", api.newAddress(racer.token()),
                "items", List.of(Map.of("productId", productId, "quantity", 5))));
        assertThat(placed.status()).as(placed.body().toString()).isEqualTo(202);
        assertThat(placed.text("status")).as("decided by the placement itself").isEqualTo("REJECTED");
        String orderId = placed.text("orderId");
        TestApi.Response cancelled = api.post("/orders/" + orderId + "/cancel", racer.token(), null);
        assertThat(cancelled.status()).as(cancelled.body().toString()).isEqualTo(409);
        assertThat(cancelled.text("code")).isEqualTo("INVALID_STATE");

        TestApi.User next = api.newCustomer();
        String nextOrder = api.awaitingPaymentOrder(next, productId, 1);

        api.eventually("/orders/" + orderId, racer.token(), r -> "REJECTED".equals(r.text("status")));
        assertThat(store.eventsOf(orderId, "OrderCancelled")).isZero();
        assertThat(store.available(productId)).isZero();
        assertThat(api.get("/orders/" + nextOrder, next.token()).text("status")).isEqualTo("AWAITING_PAYMENT");
        awaitCaughtUp(ORDER_FULFILMENT);
        assertThat(status(ORDER_FULFILMENT).path("deadLetters").asLong()).isZero();
    }

    /** The same race with cancels sent while the order is placed, as a customer would try it. */
    @Test
    void racingCancelsOfAnOrderForMoreThanTheStockStallNothing() throws Exception {
        String productId = api.newProduct(api.adminToken(), 1_500, 2);
        for (int round = 0; round < 3; round++) {
            TestApi.User racer = api.newCustomer();
            String key = "race-" + round;
            String orderId = io.eventmall.app.web.IdempotencyKeys.idFor("order", racer.userId(), key);
            String address = api.newAddress(racer.token());
            List<Thread> cancels = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Thread cancel = new Thread(() -> {
                    for (int attempt = 0; attempt < 20; attempt++) {
                        api.post("/orders/" + orderId + "/cancel", racer.token(), null);
                    }
                });
                cancel.start();
                cancels.add(cancel);
            }
            TestApi.Response placed = api.call(org.springframework.http.HttpMethod.POST, "/orders", racer.token(),
                    Map.of("addressId", address, "items", List.of(Map.of("productId", productId, "quantity", 5))),
                    Map.of("Idempotency-Key", key));
            assertThat(placed.status()).as(placed.body().toString()).isEqualTo(202);
            for (Thread cancel : cancels) {
                cancel.join();
            }
        }
        TestApi.User next = api.newCustomer();
        api.awaitingPaymentOrder(next, productId, 1);
        assertThat(store.available(productId)).isEqualTo(1);
    }

    /**
     * An unexpected failure in one saga instance (here: the notification store refuses this customer's row) is
     * retried a bounded number of times, then parked; other orders flow meanwhile, the operator sees the dead
     * letter and retries it once the cause is gone, and the instance finishes its work.
     */
    @Test
    void aSagaInstanceThatKeepsFailingIsParkedAndRetriedByTheOperator() {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 2_000, 10);
        TestApi.User unlucky = api.newCustomer();
        String orderId = api.awaitingPaymentOrder(unlucky, productId, 1);
        api.awaitNotification(unlucky, "ORDER_ACCEPTED");
        refuseNotificationsOf(unlucky);
        try {
            api.payThroughSandbox(unlucky, orderId);
            api.eventually("/orders/" + orderId, unlucky.token(), r -> "PAID".equals(r.text("status")));
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> status(ORDER_FULFILMENT).path("deadLetters").asLong() >= 1);

            TestApi.User other = api.newCustomer();
            String otherOrder = api.awaitingPaymentOrder(other, productId, 2);
            api.payThroughSandbox(other, otherOrder);
            api.awaitNotification(other, "PAYMENT_RECEIVED");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM notification WHERE user_id = ? AND kind = 'PAYMENT_RECEIVED'",
                    Integer.class, unlucky.userId())).isZero();

            TestApi.Response stillFailing = api.post("/admin/projections/" + ORDER_FULFILMENT + "/dead-letters/retry",
                    admin, null);
            assertThat(stillFailing.status()).as(stillFailing.body().toString()).isEqualTo(200);
            assertThat(stillFailing.body().path("handled").asInt()).isZero();
            assertThat(stillFailing.body().path("deadLetters").asLong()).isPositive();
        } finally {
            jdbc.execute("DROP TRIGGER IF EXISTS refuse_notification ON notification");
        }

        TestApi.Response retried = api.post("/admin/projections/" + ORDER_FULFILMENT + "/dead-letters/retry", admin, null);
        assertThat(retried.status()).as(retried.body().toString()).isEqualTo(200);
        assertThat(retried.body().path("handled").asInt()).isPositive();
        assertThat(retried.body().path("deadLetters").asLong()).isZero();
        assertThat(status(ORDER_FULFILMENT).path("deadLetters").asLong()).isZero();
        api.awaitNotification(unlucky, "PAYMENT_RECEIVED");
        assertThat(store.eventsOf("stock-" + productId, "StockCommitted")).isEqualTo(2);
    }

    /**
     * The failure hits the saga's first events (the order's OrderAccepted, committed with its OrderPlaced and
     * usually handled in the same batch): parking it must not lose the saga that the batch started, nor anything
     * else of the batch. Once the cause is gone, the operator's retry finds the saga and it does its work.
     */
    @Test
    void anEventParkedInTheBatchThatStartedItsSagaLosesNothingOfThatBatch() {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 2_000, 10);
        TestApi.User unlucky = api.newCustomer();
        TestApi.User other = api.newCustomer();
        String unluckyAddress = api.newAddress(unlucky.token());
        refuseNotificationsOf(unlucky);
        String orderId;
        try {
            TestApi.Response placed = api.post("/orders", unlucky.token(), Map.of("addressId", unluckyAddress,
                    "items", List.of(Map.of("productId", productId, "quantity", 1))));
            assertThat(placed.status()).as(placed.body().toString()).isEqualTo(202);
            assertThat(placed.text("status")).isEqualTo("AWAITING_PAYMENT");
            orderId = placed.text("orderId");
            String otherOrder = api.awaitingPaymentOrder(other, productId, 1);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> status(ORDER_FULFILMENT).path("deadLetters").asLong() >= 1);
            api.awaitNotification(other, "ORDER_ACCEPTED");
            api.payThroughSandbox(other, otherOrder);
            api.awaitNotification(other, "PAYMENT_RECEIVED");
        } finally {
            jdbc.execute("DROP TRIGGER IF EXISTS refuse_notification ON notification");
        }

        TestApi.Response retried = api.post("/admin/projections/" + ORDER_FULFILMENT + "/dead-letters/retry", admin, null);
        assertThat(retried.status()).as(retried.body().toString()).isEqualTo(200);
        assertThat(retried.body().path("deadLetters").asLong()).isZero();
        api.awaitNotification(unlucky, "ORDER_ACCEPTED");
        api.payThroughSandbox(unlucky, orderId);
        api.awaitNotification(unlucky, "PAYMENT_RECEIVED");
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> store.eventsOf("stock-" + productId, "StockCommitted") == 2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification WHERE user_id = ? AND kind = 'ORDER_ACCEPTED'",
                Integer.class, unlucky.userId())).isEqualTo(1);
    }

    /** A database trigger makes the notification store refuse every row of this user. */
    private void refuseNotificationsOf(TestApi.User user) {
        jdbc.execute("""
                CREATE OR REPLACE FUNCTION refuse_notification() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'notification store refuses user %', NEW.user_id; END $$ LANGUAGE plpgsql""");
        jdbc.execute("CREATE TRIGGER refuse_notification BEFORE INSERT ON notification FOR EACH ROW WHEN (NEW.user_id = '"
                + user.userId() + "') EXECUTE FUNCTION refuse_notification()");
    }

    @Test
    void retryingTheDeadLettersOfAnUnknownProcessorIsNotFound() {
        TestApi.Response unknown = api.post("/admin/projections/no-such-thing/dead-letters/retry", api.adminToken(), null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("NOT_FOUND");
        TestApi.User customer = api.newCustomer();
        assertThat(api.post("/admin/projections/" + ORDER_FULFILMENT + "/dead-letters/retry", customer.token(), null)
                .status()).isEqualTo(403);
    }

    private void awaitCaughtUp(String name) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> status(name).path("lag").asLong(-1) == 0);
    }

    private JsonNode status(String name) {
        return ProjectionReplayIntegrationTest.status(api.get("/admin/projections", api.adminToken()).body(), name);
    }
}
