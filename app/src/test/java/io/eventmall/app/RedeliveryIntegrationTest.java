package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A crash between a process's commands and its token update: the commands committed, the saga's state and the
 * token did not, and the events come again to a saga that knows nothing. Simulated by deleting the sagas of one
 * order and rewinding the saga processors to just before its first event; everything must come out as after
 * one delivery.
 */
@IntegrationTest
class RedeliveryIntegrationTest {

    private static final List<String> SAGA_PROCESSORS = List.of("OrderFulfilmentProcessor", "PaymentSettlementProcessor");

    @Autowired
    TestApi api;
    @Autowired
    StoreProbe store;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void aPaidOrdersEventsDeliveredTwiceRefundNothingAndNotifyOnce() {
        String productId = api.newProduct(api.adminToken(), 2_500, 10);
        TestApi.User customer = api.newCustomer();
        String orderId = api.awaitingPaymentOrder(customer, productId, 2);
        String paymentId = api.payThroughSandbox(customer, orderId).text("paymentId");
        api.eventually("/orders/" + orderId, customer.token(), r -> "PAID".equals(r.text("status")));
        api.awaitNotification(customer, "PAYMENT_RECEIVED");
        awaitSagasCaughtUp();
        long deadlines = jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks", Long.class);

        redeliverFromTheFirstEventOf(orderId, orderId, paymentId);

        assertThat(api.get("/orders/" + orderId, customer.token()).text("status")).isEqualTo("PAID");
        assertThat(store.eventsOf(orderId, "OrderAccepted")).isEqualTo(1);
        assertThat(store.eventsOf(orderId, "OrderPaid")).isEqualTo(1);
        assertThat(store.eventsOf(paymentId, "PaymentRefunded")).isZero();
        assertThat(store.eventsOf("stock-" + productId, "StockReserved")).isEqualTo(1);
        assertThat(store.eventsOf("stock-" + productId, "StockCommitted")).isEqualTo(1);
        assertThat(store.eventsOf("stock-" + productId, "StockReleased")).isZero();
        assertThat(store.available(productId)).isEqualTo(8);
        assertThat(notifications(customer, "PAYMENT_RECEIVED")).isEqualTo(1);
        assertThat(sagasOf(orderId)).as("the redelivered OrderPaid ended the saga again").isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks", Long.class))
                .as("the redelivered deadline was cancelled again").isEqualTo(deadlines);
    }

    @Test
    void anAcceptedOrdersEventsDeliveredTwiceStillLeaveItsPaymentDeadline() throws Exception {
        String productId = api.newProduct(api.adminToken(), 1_000, 10);
        TestApi.User customer = api.newCustomer();
        String orderId = api.awaitingPaymentOrder(customer, productId, 1);
        awaitSagasCaughtUp();

        redeliverFromTheFirstEventOf(orderId, orderId);

        assertThat(api.get("/orders/" + orderId, customer.token()).text("status")).isEqualTo("AWAITING_PAYMENT");
        assertThat(store.eventsOf(orderId, "OrderAccepted")).isEqualTo(1);
        assertThat(store.eventsOf("stock-" + productId, "StockReserved")).isEqualTo(1);
        assertThat(store.available(productId)).isEqualTo(9);
        List<String> sagas = sagasOf(orderId);
        assertThat(sagas).hasSize(1);
        byte[] saga = jdbc.queryForObject("SELECT serialized_saga FROM saga_entry WHERE saga_id = ?", byte[].class,
                sagas.get(0));
        String deadlineId = new ObjectMapper().readTree(new String(saga, StandardCharsets.UTF_8)).path("deadlineId").asText();
        assertThat(deadlineId).as("the new saga scheduled the deadline").isNotBlank();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE task_instance = ?", Long.class,
                deadlineId)).isEqualTo(1);
    }

    private void redeliverFromTheFirstEventOf(String orderId, String... associatedIds) {
        long first = jdbc.queryForObject("SELECT min(global_index) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, orderId);
        List<StreamingEventProcessor> processors = SAGA_PROCESSORS.stream()
                .map(name -> processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow()).toList();
        processors.forEach(StreamingEventProcessor::shutDown);
        try {
            transactions.executeWithoutResult(status -> {
                for (String associated : associatedIds) {
                    List<String> sagaIds = jdbc.queryForList(
                            "SELECT saga_id FROM association_value_entry WHERE association_value = ?", String.class, associated);
                    sagaIds.forEach(sagaId -> {
                        jdbc.update("DELETE FROM association_value_entry WHERE saga_id = ?", sagaId);
                        jdbc.update("DELETE FROM saga_entry WHERE saga_id = ?", sagaId);
                    });
                }
                for (String name : SAGA_PROCESSORS) {
                    for (int segment : tokenStore.fetchSegments(name)) {
                        tokenStore.storeToken(GapAwareTrackingToken.newInstance(first - 1, Set.of()), name, segment);
                        tokenStore.releaseClaim(name, segment);
                    }
                }
            });
        } finally {
            processors.forEach(StreamingEventProcessor::start);
        }
        awaitSagasCaughtUp();
    }

    private void awaitSagasCaughtUp() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            var statuses = api.get("/admin/projections", api.adminToken()).body();
            return SAGA_PROCESSORS.stream().allMatch(name ->
                    ProjectionReplayIntegrationTest.status(statuses, name).path("lag").asLong(-1) == 0);
        });
    }

    private List<String> sagasOf(String orderId) {
        return jdbc.queryForList("""
                SELECT saga_id FROM association_value_entry
                WHERE association_key = 'orderId' AND association_value = ? AND saga_type LIKE '%OrderFulfilment'""",
                String.class, orderId);
    }

    private int notifications(TestApi.User customer, String kind) {
        return jdbc.queryForObject("SELECT count(*) FROM notification WHERE user_id = ? AND kind = ?", Integer.class,
                customer.userId(), kind);
    }
}
