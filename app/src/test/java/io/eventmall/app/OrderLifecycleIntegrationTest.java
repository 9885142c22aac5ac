package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmall.saga.payment.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;

/** The order fulfilment and payment processes, end to end through the REST API. */
@IntegrationTest
class OrderLifecycleIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    StoreProbe store;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${mall.payment.webhook-secret}")
    String webhookSecret;
    @Value("${local.server.port}")
    int port;

    @Test
    void placePayThroughTheSandboxAndTheOrderIsPaidWithItsStockCommitted() {
        String productId = api.newProduct(api.adminToken(), 2_000, 10);
        TestApi.User customer = api.newCustomer();
        String orderId = api.awaitingPaymentOrder(customer, productId, 3);
        assertThat(store.available(productId)).isEqualTo(7);
        assertThat(api.get("/orders/" + orderId, customer.token()).text("paymentDeadline")).isNotBlank();

        TestApi.Response payment = api.post("/orders/" + orderId + "/payments", customer.token(), null);
        assertThat(payment.status()).as(payment.body().toString()).isEqualTo(201);
        assertThat(payment.body().path("amount").asLong()).isEqualTo(6_000);
        assertThat(payment.text("payUrl")).contains(payment.text("providerReference"));

        TestApi.Response paid = api.post("/sandbox/payments/" + payment.text("providerReference") + "/pay", null,
                Map.of("outcome", "SUCCESS"));
        assertThat(paid.status()).isEqualTo(202);

        TestApi.Response order = api.eventually("/orders/" + orderId, customer.token(), r -> "PAID".equals(r.text("status")));
        assertThat(order.text("paidAt")).isNotBlank();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> store.eventsOf("stock-" + productId, "StockCommitted") == 1);
        assertThat(store.available(productId)).isEqualTo(7);
        api.awaitNotification(customer, "PAYMENT_RECEIVED");
    }

    @Test
    void aBadSignatureIsRefusedAndChangesNothing() throws Exception {
        String productId = api.newProduct(api.adminToken(), 1_000, 5);
        TestApi.User customer = api.newCustomer();
        String orderId = api.awaitingPaymentOrder(customer, productId, 1);
        String paymentId = api.post("/orders/" + orderId + "/payments", customer.token(), null).text("paymentId");
        byte[] body = callbackBody(paymentId, 1_000, "SUCCESS");

        HttpResponse<String> unsigned = postCallback(body, null);
        HttpResponse<String> forged = postCallback(body, new WebhookSignature("not-the-secret").sign(body));
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.body()).contains("BAD_SIGNATURE");
        assertThat(store.eventsOf(paymentId, "PaymentSucceeded")).isZero();
        assertThat(api.get("/orders/" + orderId, customer.token()).text("status")).isEqualTo("AWAITING_PAYMENT");
    }

    @Test
    void aNotificationMoreThanFiveMinutesOffIsRefusedAndChangesNothing() throws Exception {
        String productId = api.newProduct(api.adminToken(), 1_000, 5);
        TestApi.User customer = api.newCustomer();
        String orderId = api.awaitingPaymentOrder(customer, productId, 1);
        String paymentId = api.post("/orders/" + orderId + "/payments", customer.token(), null).text("paymentId");

        for (Instant occurredAt : new Instant[] {Instant.now().minusSeconds(6 * 60), Instant.now().plusSeconds(6 * 60), null}) {
            byte[] replayed = callbackBody(paymentId, 1_000, "SUCCESS", occurredAt);
            HttpResponse<String> refused = postCallback(replayed, sign(replayed));
            assertThat(refused.statusCode()).as(String.valueOf(occurredAt)).isEqualTo(400);
            assertThat(refused.body()).contains("STALE_NOTIFICATION");
        }
        assertThat(store.eventsOf(paymentId, "PaymentSucceeded")).isZero();
        assertThat(api.get("/orders/" + orderId, customer.token()).text("status")).isEqualTo("AWAITING_PAYMENT");

        byte[] fresh = callbackBody(paymentId, 1_000, "SUCCESS", Instant.now().minusSeconds(4 * 60));
        assertThat(postCallback(fresh, sign(fresh)).statusCode()).isEqualTo(200);
        api.eventually("/orders/" + orderId, customer.token(), r -> "PAID".equals(r.text("status")));
    }

    @Test
    void aWrongAmountFailsThePaymentIsPaidBackAndTheOrderStaysPayable() throws Exception {
        String productId = api.newProduct(api.adminToken(), 1_000, 5);
        TestApi.User customer = api.newCustomer();
        String orderId = api.awaitingPaymentOrder(customer, productId, 2);
        String paymentId = api.post("/orders/" + orderId + "/payments", customer.token(), null).text("paymentId");

        byte[] shortPaid = callbackBody(paymentId, 1_999, "SUCCESS");
        assertThat(postCallback(shortPaid, sign(shortPaid)).statusCode()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> store.eventsOf(paymentId, "PaymentFailed") == 1);
        api.awaitNotification(customer, "PAYMENT_FAILED");
        // The 1,999 that did arrive is not kept: it goes back through the provider.
        assertThat(store.eventsOf(paymentId, "PaymentRefunded")).isEqualTo(1);
        api.awaitNotification(customer, "PAYMENT_REFUNDED");
        assertThat(api.get("/orders/" + orderId, customer.token()).text("status")).isEqualTo("AWAITING_PAYMENT");

        api.payThroughSandbox(customer, orderId);
        api.eventually("/orders/" + orderId, customer.token(), r -> "PAID".equals(r.text("status")));
    }

    @Test
    void theSameCallbackTwiceIsOnePayment() throws Exception {
        String productId = api.newProduct(api.adminToken(), 1_000, 5);
        TestApi.User customer = api.newCustomer();
        String orderId = api.awaitingPaymentOrder(customer, productId, 1);
        String paymentId = api.post("/orders/" + orderId + "/payments", customer.token(), null).text("paymentId");
        byte[] body = callbackBody(paymentId, 1_000, "SUCCESS");

        assertThat(postCallback(body, sign(body)).statusCode()).isEqualTo(200);
        assertThat(postCallback(body, sign(body)).statusCode()).isEqualTo(200);

        api.eventually("/orders/" + orderId, customer.token(), r -> "PAID".equals(r.text("status")));
        assertThat(store.eventsOf(paymentId, "PaymentSucceeded")).isEqualTo(1);
        assertThat(store.eventsOf(orderId, "OrderPaid")).isEqualTo(1);
    }

    @Test
    void anOrderWhoseStockRunsOutMidwayIsRejectedAndLeaksNoUnits() {
        String admin = api.adminToken();
        String plenty = api.newProduct(admin, 1_000, 5);
        String scarce = api.newProduct(admin, 1_000, 1);
        TestApi.User customer = api.newCustomer();
        TestApi.Response placed = api.post("/orders", customer.token(), Map.of("addressId", api.newAddress(customer.token()),
                "items", List.of(Map.of("productId", plenty, "quantity", 2), Map.of("productId", scarce, "quantity", 3))));
        String orderId = placed.text("orderId");

        TestApi.Response order = api.eventually("/orders/" + orderId, customer.token(),
                r -> "REJECTED".equals(r.text("status")));
        assertThat(order.body().path("history").findValuesAsText("note").toString()).contains("INSUFFICIENT", "available");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> store.available(plenty) == 5);
        assertThat(store.available(scarce)).isEqualTo(1);
        api.awaitNotification(customer, "ORDER_REJECTED");
    }

    @Test
    void theStatusStreamDeliversAwaitingPaymentThenPaid() throws Exception {
        String productId = api.newProduct(api.adminToken(), 1_500, 5);
        TestApi.User customer = api.newCustomer();
        String orderId = api.awaitingPaymentOrder(customer, productId, 1);

        List<String> statuses = new ArrayList<>();
        HttpRequest stream = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/orders/" + orderId + "/updates"))
                .header("Authorization", "Bearer " + customer.token()).header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> response = HttpClient.newHttpClient()
                .sendAsync(stream, HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<Void> reading = response.thenAccept(lines -> lines.body()
                .filter(line -> line.startsWith("id:"))
                .map(line -> line.substring(3).trim())
                .forEach(status -> {
                    synchronized (statuses) {
                        statuses.add(status);
                    }
                }));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> snapshot(statuses).contains("AWAITING_PAYMENT"));

        api.payThroughSandbox(customer, orderId);

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> snapshot(statuses).contains("PAID"));
        assertThat(snapshot(statuses)).containsSubsequence("AWAITING_PAYMENT", "PAID");
        assertThat(response.join().statusCode()).isEqualTo(200);
        response.join().body().close();
        reading.cancel(true);
    }

    @Test
    void anotherCustomerCannotFollowMyOrder() {
        String productId = api.newProduct(api.adminToken(), 1_500, 5);
        String orderId = api.awaitingPaymentOrder(api.newCustomer(), productId, 1);
        assertThat(api.get("/orders/" + orderId + "/updates", api.newCustomer().token()).status()).isEqualTo(403);
        assertThat(api.post("/orders/" + orderId + "/payments", api.newCustomer().token(), null).status()).isEqualTo(403);
    }

    @Test
    void aRefundedOrderPutsItsUnitsBackAndRefundsItsPayment() {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 1_000, 4);
        TestApi.User customer = api.newCustomer();
        String orderId = api.awaitingPaymentOrder(customer, productId, 3);
        String reference = api.payThroughSandbox(customer, orderId).text("providerReference");
        api.eventually("/orders/" + orderId, customer.token(), r -> "PAID".equals(r.text("status")));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> store.eventsOf("stock-" + productId, "StockCommitted") == 1);

        assertThat(api.post("/orders/" + orderId + "/refund", customer.token(), null).status()).isEqualTo(403);
        TestApi.Response refunded = api.post("/orders/" + orderId + "/refund", admin, Map.of("reason", "damaged in transit"));
        assertThat(refunded.status()).isEqualTo(200);

        api.eventually("/orders/" + orderId, customer.token(), r -> "REFUNDED".equals(r.text("status")));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> store.available(productId) == 4);
        api.awaitNotification(customer, "PAYMENT_REFUNDED");
        assertThat(jdbc.queryForObject("SELECT refunded_amount FROM sandbox_payment WHERE provider_reference = ?",
                Long.class, reference)).isEqualTo(3_000);
    }

    /**
     * An OrderPlaced stored before placements reserved their stock (no stockDecidedAtPlacement in its JSON) is still
     * a PENDING order whose fulfilment process reserves its lines and accepts it.
     */
    @Test
    void anOrderStoredBeforePlacementsReservedIsReservedAndAcceptedByItsProcess() {
        String productId = api.newProduct(api.adminToken(), 1_200, 5);
        TestApi.User customer = api.newCustomer();
        String orderId = UUID.randomUUID().toString();
        String payload = "{\"orderId\":\"" + orderId + "\",\"customerId\":\"" + customer.userId() + "\","
                + "\"lines\":[{\"productId\":\"" + productId + "\",\"productName\":\"Stored before\","
                + "\"unitPrice\":1200,\"quantity\":2,\"merchantId\":null}],\"totalAmount\":2400,"
                + "\"shippingAddress\":null,\"flashSaleId\":null,\"purchaseId\":null,\"fromCart\":false,"
                + "\"couponClaimId\":null,\"discountAmount\":0}";
        jdbc.update("INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type,"
                        + " event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp)"
                        + " VALUES (nextval('domain_event_global_index_seq'), ?, 0, 'Order', ?, ?, ?, NULL, ?, ?)",
                orderId, UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8), "io.eventmall.api.order.OrderPlaced", Instant.now().toString());

        api.eventually("/orders/" + orderId, customer.token(), r -> "AWAITING_PAYMENT".equals(r.text("status")));
        assertThat(store.eventsOf(orderId, "OrderAccepted")).isEqualTo(1);
        assertThat(store.available(productId)).isEqualTo(3);
        api.awaitNotification(customer, "ORDER_ACCEPTED");
    }

    @Test
    void checkoutEmptiesTheCartOnceTheOrderIsAccepted() {
        String productId = api.newProduct(api.adminToken(), 800, 5);
        TestApi.User customer = api.newCustomer();
        api.put("/cart/items/" + productId, customer.token(), Map.of("quantity", 2));
        api.eventually("/cart", customer.token(), r -> r.body().path("items").size() == 1);
        String orderId = api.post("/cart/checkout", customer.token(), Map.of("addressId", api.newAddress(customer.token())))
                .text("orderId");
        api.eventually("/orders/" + orderId, customer.token(), r -> "AWAITING_PAYMENT".equals(r.text("status")));
        api.eventually("/cart", customer.token(), r -> r.body().path("items").isEmpty());
    }

    private static List<String> snapshot(List<String> statuses) {
        synchronized (statuses) {
            return List.copyOf(statuses);
        }
    }



    private byte[] callbackBody(String paymentId, long amount, String outcome) throws Exception {
        return callbackBody(paymentId, amount, outcome, Instant.now());
    }

    private byte[] callbackBody(String paymentId, long amount, String outcome, Instant occurredAt) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("providerReference", "test-provider");
        body.put("paymentId", paymentId);
        body.put("amount", amount);
        body.put("outcome", outcome);
        body.put("occurredAt", occurredAt == null ? null : occurredAt.toString());
        return new ObjectMapper().writeValueAsBytes(body);
    }

    private String sign(byte[] body) {
        return new WebhookSignature(webhookSecret).sign(body);
    }

    private HttpResponse<String> postCallback(byte[] body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/payments/callback"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(WebhookSignature.HEADER, signature);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
