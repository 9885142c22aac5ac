package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Unpaid orders close at their deadline (3 seconds here) and give everything back. A schema, Redis
 * database and search indices of its own keep its processors, with their short deadlines, away from the other tests' orders.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "mall.order.payment-timeout=PT3S",
        "spring.datasource.url=jdbc:postgresql://${mall.test.postgres.address:127.0.0.1:5432}/mall_test?currentSchema=expiry",
        "spring.flyway.schemas=expiry",
        "spring.data.redis.database=4",
        "mall.elasticsearch.index-prefix=mall-test-expiry"})
class OrderExpiryIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    StoreProbe store;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void anUnpaidOrderExpiresAndItsStockIsBackWhereItWas() {
        String productId = api.newProduct(api.adminToken(), 1_000, 6);
        TestApi.User customer = api.newCustomer();
        String orderId = api.awaitingPaymentOrder(customer, productId, 4);
        assertThat(store.available(productId)).isEqualTo(2);

        TestApi.Response expired = api.eventually("/orders/" + orderId, customer.token(),
                r -> "EXPIRED".equals(r.text("status")));
        Instant deadline = Instant.parse(expired.text("paymentDeadline"));
        Instant closedAt = Instant.parse(expired.body().path("history").get(2).path("at").asText());
        assertThat(closedAt).isAfterOrEqualTo(deadline).isBefore(deadline.plusSeconds(5));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> store.available(productId) == 6);
        api.awaitNotification(customer, "ORDER_EXPIRED");
    }

    @Test
    void anExpiredFlashSaleOrderGivesItsUnitBackForSomeoneElseToBuy() {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 9_000, 0);
        Instant now = Instant.now();
        String flashSaleId = api.post("/flash-sales", admin, Map.of("productId", productId, "price", 900,
                "quantity", 1, "perUserLimit", 1, "startsAt", now.minusSeconds(5).toString(),
                "endsAt", now.plusSeconds(3600).toString())).text("flashSaleId");
        TestApi.User first = api.newCustomer();
        TestApi.User second = api.newCustomer();

        TestApi.Response bought = api.post("/flash-sales/" + flashSaleId + "/purchases", first.token(), Map.of("quantity", 1));
        assertThat(bought.status()).isEqualTo(202);
        String purchase = "/flash-sales/" + flashSaleId + "/purchases/" + bought.text("purchaseId");
        api.eventually(purchase, first.token(), r -> "RESERVED".equals(r.text("status")));
        TestApi.Response order = api.eventually("/orders/" + bought.text("orderId"), first.token(), r -> r.status() == 200);
        assertThat(order.body().path("totalAmount").asLong()).isEqualTo(900);
        assertThat(api.post("/flash-sales/" + flashSaleId + "/purchases", second.token(), Map.of("quantity", 1)).code())
                .isEqualTo("SOLD_OUT");

        api.eventually("/orders/" + bought.text("orderId"), first.token(), r -> "EXPIRED".equals(r.text("status")));
        api.eventually(purchase, first.token(), r -> "REJECTED".equals(r.text("status")));
        api.eventually("/flash-sales/" + flashSaleId, null, r -> r.body().path("remaining").asInt() == 1);
        // The purchase gate (its own read model) may see the returned unit a moment after the sale's page does;
        // until then the second buyer is answered SOLD_OUT, which changes nothing.
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() ->
                api.post("/flash-sales/" + flashSaleId + "/purchases", second.token(), Map.of("quantity", 1)).status() == 202);
    }

    @Test
    void aPaymentArrivingAfterExpiryIsRefundedAutomatically() {
        String productId = api.newProduct(api.adminToken(), 1_000, 5);
        TestApi.User customer = api.newCustomer();
        String orderId = api.awaitingPaymentOrder(customer, productId, 1);
        TestApi.Response payment = api.post("/orders/" + orderId + "/payments", customer.token(), null);
        api.eventually("/orders/" + orderId, customer.token(), r -> "EXPIRED".equals(r.text("status")));

        api.post("/sandbox/payments/" + payment.text("providerReference") + "/pay", null, Map.of("outcome", "SUCCESS"));

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> store.eventsOf(payment.text("paymentId"), "PaymentRefunded") == 1);
        api.awaitNotification(customer, "PAYMENT_REFUNDED");
        assertThat(api.get("/orders/" + orderId, customer.token()).text("status")).isEqualTo("EXPIRED");
        assertThat(store.eventsOf(orderId, "OrderPaid")).isZero();
    }


}
