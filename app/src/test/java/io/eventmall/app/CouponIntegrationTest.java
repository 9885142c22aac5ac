package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventmall.api.order.ExpireOrder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Coupons through the REST API: the claim race, the discount at order placement, and the claim's give-back. */
@IntegrationTest
class CouponIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    StoreProbe store;
    @Autowired
    CommandGateway commands;

    @Test
    void fortyUsersRacingForTenClaimsGetExactlyTen() throws Exception {
        String admin = api.adminToken();
        String couponId = coupon(admin, 500, 0, 10, null);
        List<TestApi.User> users = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            users.add(api.newCustomer());
        }
        ExecutorService crowd = Executors.newFixedThreadPool(40);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<CompletableFuture<TestApi.Response>> claims = users.stream()
                    .map(user -> CompletableFuture.supplyAsync(() -> {
                        await(start);
                        return api.post("/coupons/" + couponId + "/claims", user.token(), null);
                    }, crowd)).toList();
            start.countDown();
            Map<Integer, Integer> byStatus = new HashMap<>();
            for (CompletableFuture<TestApi.Response> claim : claims) {
                TestApi.Response response = claim.get();
                byStatus.merge(response.status(), 1, Integer::sum);
                if (response.status() == 409) {
                    assertThat(response.code()).isEqualTo("SOLD_OUT");
                }
            }
            assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of(201, 10, 409, 30));
        } finally {
            crowd.shutdownNow();
        }
        assertThat(store.eventsOf(couponId, "CouponClaimed")).isEqualTo(10);
        api.eventually("/coupons/" + couponId, admin, r -> r.body().path("remaining").asInt() == 0);
    }

    @Test
    void aUserBeyondTheLimitGetsLimitReachedAndARetriedClaimIsTheSameClaim() {
        String couponId = coupon(api.adminToken(), 500, 0, 1, null);
        TestApi.User customer = api.newCustomer();
        TestApi.Response first = api.call(org.springframework.http.HttpMethod.POST, "/coupons/" + couponId + "/claims",
                customer.token(), null, Map.of("Idempotency-Key", "claim-once"));
        TestApi.Response retried = api.call(org.springframework.http.HttpMethod.POST, "/coupons/" + couponId + "/claims",
                customer.token(), null, Map.of("Idempotency-Key", "claim-once"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.text("claimId")).isEqualTo(first.text("claimId"));

        TestApi.Response again = api.post("/coupons/" + couponId + "/claims", customer.token(), null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("LIMIT_REACHED");
        assertThat(store.eventsOf(couponId, "CouponClaimed")).isEqualTo(1);
    }

    @Test
    void claimsOnlyWithinTheValidityWindow() {
        String admin = api.adminToken();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String upcoming = coupon(admin, 500, 0, 5, null, now.plusSeconds(3600), now.plusSeconds(7200));
        TestApi.User customer = api.newCustomer();
        TestApi.Response early = api.post("/coupons/" + upcoming + "/claims", customer.token(), null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.code()).isEqualTo("NOT_STARTED");
        assertThat(api.post("/coupons/unknown-coupon/claims", customer.token(), null).status()).isEqualTo(404);
    }

    @Test
    void theOrderPaysItsTotalLessTheDiscountAndAPaidOrderKeepsTheClaim() {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 3_000, 10);
        String couponId = coupon(admin, 500, 2_000, 5, null);
        TestApi.User customer = api.newCustomer();
        String claimId = claim(customer, couponId);

        String orderId = awaitingPayment(customer, productId, 1, claimId);
        JsonNode order = api.get("/orders/" + orderId, customer.token()).body();
        assertThat(order.path("discountAmount").asLong()).isEqualTo(500);
        assertThat(order.path("totalAmount").asLong()).isEqualTo(2_500);
        assertThat(claimStatus(customer, claimId).path("status").asText()).isEqualTo("USED");
        assertThat(claimStatus(customer, claimId).path("orderId").asText()).isEqualTo(orderId);

        TestApi.Response second = placeOrder(customer, productId, 1, claimId);
        assertThat(second.status()).as(second.body().toString()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("COUPON_NOT_APPLICABLE");

        TestApi.Response payment = api.payThroughSandbox(customer, orderId);
        assertThat(payment.body().path("amount").asLong()).isEqualTo(2_500);
        api.eventually("/orders/" + orderId, customer.token(), r -> "PAID".equals(r.text("status")));
        assertThat(claimStatus(customer, claimId).path("status").asText()).isEqualTo("USED");

        TestApi.Response refunded = api.post("/orders/" + orderId + "/refund", admin, null);
        assertThat(refunded.status()).as(refunded.body().toString()).isEqualTo(200);
        api.eventually("/orders/" + orderId, customer.token(), r -> "REFUNDED".equals(r.text("status")));
        assertThat(claimStatus(customer, claimId).path("status").asText()).isEqualTo("USED");
        TestApi.Response refundedPayment = api.eventually("/audit/aggregates/" + payment.text("paymentId") + "/events",
                admin, r -> r.body().findValuesAsText("type").stream().anyMatch(t -> t.endsWith("PaymentRefunded")));
        assertThat(refundedPayment.body().findValues("payload").stream()
                .filter(p -> p.has("reason") && p.has("amount")).map(p -> p.path("amount").asLong()).toList())
                .containsOnly(2_500L);
    }

    @Test
    void aCancelledOrderGivesTheClaimBackForTheNextOrder() {
        String productId = api.newProduct(api.adminToken(), 3_000, 10);
        String couponId = coupon(api.adminToken(), 500, 0, 5, null);
        TestApi.User customer = api.newCustomer();
        String claimId = claim(customer, couponId);
        String orderId = awaitingPayment(customer, productId, 1, claimId);

        assertThat(api.post("/orders/" + orderId + "/cancel", customer.token(), null).status()).isEqualTo(200);
        awaitNewestClaim(customer, "AVAILABLE");
        String nextOrder = awaitingPayment(customer, productId, 1, claimId);
        assertThat(api.get("/orders/" + nextOrder, customer.token()).body().path("discountAmount").asLong()).isEqualTo(500);
    }

    @Test
    void anExpiredOrderGivesTheClaimBack() {
        String productId = api.newProduct(api.adminToken(), 3_000, 10);
        String couponId = coupon(api.adminToken(), 500, 0, 5, null);
        TestApi.User customer = api.newCustomer();
        String claimId = claim(customer, couponId);
        String orderId = awaitingPayment(customer, productId, 1, claimId);

        // What the payment deadline sends when it fires (OrderExpiryIntegrationTest lets a short deadline fire).
        commands.sendAndWait(new ExpireOrder(orderId));
        api.eventually("/orders/" + orderId, customer.token(), r -> "EXPIRED".equals(r.text("status")));
        awaitNewestClaim(customer, "AVAILABLE");
        assertThat(placeOrder(customer, productId, 1, claimId).status()).isEqualTo(202);
    }

    @Test
    void aRejectedOrderGivesTheClaimBack() {
        String outOfStock = api.newProduct(api.adminToken(), 3_000, 0);
        String couponId = coupon(api.adminToken(), 500, 0, 5, null);
        TestApi.User customer = api.newCustomer();
        String claimId = claim(customer, couponId);
        TestApi.Response placed = placeOrder(customer, outOfStock, 1, claimId);
        assertThat(placed.status()).isEqualTo(202);

        api.eventually("/orders/" + placed.text("orderId"), customer.token(), r -> "REJECTED".equals(r.text("status")));
        awaitNewestClaim(customer, "AVAILABLE");
        String productId = api.newProduct(api.adminToken(), 3_000, 10);
        assertThat(placeOrder(customer, productId, 1, claimId).status()).isEqualTo(202);
    }

    @Test
    void anotherUsersClaimOrAnOrderBelowTheMinimumIsRefusedAndPlacesNothing() {
        String productId = api.newProduct(api.adminToken(), 1_000, 10);
        String couponId = coupon(api.adminToken(), 500, 2_000, 5, null);
        TestApi.User owner = api.newCustomer();
        TestApi.User other = api.newCustomer();
        String claimId = claim(owner, couponId);

        TestApi.Response stolen = placeOrder(other, productId, 3, claimId);
        assertThat(stolen.status()).isEqualTo(404);
        assertThat(stolen.code()).isEqualTo("NOT_FOUND");

        TestApi.Response belowMinimum = placeOrder(owner, productId, 1, claimId);
        assertThat(belowMinimum.status()).isEqualTo(409);
        assertThat(belowMinimum.code()).isEqualTo("COUPON_NOT_APPLICABLE");
        assertThat(api.get("/orders", owner.token()).body().path("items").size()).isZero();
        assertThat(claimStatus(owner, claimId).path("status").asText()).isEqualTo("AVAILABLE");
    }

    @Test
    void aShopsCouponDiscountsOnlyThatShopsLinesAtMostTheirTotal() {
        String admin = api.adminToken();
        TestApi.User merchantOwner = api.newUserWithRoles(admin, "CUSTOMER", "MERCHANT");
        TestApi.Response shop = api.post("/merchants", admin, Map.of("name", "Tea house", "ownerUserId",
                merchantOwner.userId()));
        String merchantId = shop.text("merchantId");
        api.eventually("/merchants/" + merchantId, null, r -> r.status() == 200);
        String category = api.post("/categories", admin, Map.of("name", "Tea")).text("categoryId");
        TestApi.Response tea = api.post("/products", merchantOwner.token(), Map.of("merchantId", merchantId,
                "categoryId", category, "name", "Longjing", "images", List.of(), "price", 800));
        assertThat(tea.status()).as(tea.body().toString()).isEqualTo(201);
        String teaId = tea.text("productId");
        assertThat(api.post("/products/" + teaId + "/stock", admin, Map.of("quantity", 10)).status()).isEqualTo(200);
        String elsewhere = api.newProduct(admin, 5_000, 10);

        String otherShop = api.post("/merchants", admin, Map.of("name", "Not theirs")).text("merchantId");
        api.eventually("/merchants/" + otherShop, null, r -> r.status() == 200);
        TestApi.Response foreign = api.post("/coupons", merchantOwner.token(), couponBody(500, 0, 5, otherShop));
        assertThat(foreign.status()).isEqualTo(403);
        TestApi.Response customerCoupon = api.post("/coupons", api.newCustomer().token(), couponBody(500, 0, 5, null));
        assertThat(customerCoupon.status()).isEqualTo(403);

        TestApi.Response created = api.post("/coupons", merchantOwner.token(), couponBody(1_000, 600, 5, merchantId));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        TestApi.User customer = api.newCustomer();
        String claimId = claim(customer, created.text("couponId"));

        TestApi.Response placed = api.post("/orders", customer.token(), Map.of("addressId", api.newAddress(customer.token()),
                "couponClaimId", claimId, "items", List.of(Map.of("productId", teaId, "quantity", 1),
                        Map.of("productId", elsewhere, "quantity", 1))));
        assertThat(placed.status()).as(placed.body().toString()).isEqualTo(202);
        JsonNode order = api.eventually("/orders/" + placed.text("orderId"), customer.token(), r -> r.status() == 200).body();
        assertThat(order.path("discountAmount").asLong()).isEqualTo(800);
        assertThat(order.path("totalAmount").asLong()).isEqualTo(5_000);

        JsonNode view = api.get("/coupons/" + created.text("couponId"), null).body();
        assertThat(view.path("merchantId").asText()).isEqualTo(merchantId);
    }

    @Test
    void checkoutTakesTheCouponToo() {
        String productId = api.newProduct(api.adminToken(), 3_000, 10);
        String couponId = coupon(api.adminToken(), 700, 0, 5, null);
        TestApi.User customer = api.newCustomer();
        String claimId = claim(customer, couponId);
        assertThat(api.put("/cart/items/" + productId, customer.token(), Map.of("quantity", 2)).status()).isEqualTo(200);
        api.eventually("/cart", customer.token(), r -> r.body().path("items").size() == 1);

        TestApi.Response checkout = api.post("/cart/checkout", customer.token(),
                Map.of("addressId", api.newAddress(customer.token()), "couponClaimId", claimId));
        assertThat(checkout.status()).as(checkout.body().toString()).isEqualTo(202);
        JsonNode order = api.eventually("/orders/" + checkout.text("orderId"), customer.token(), r -> r.status() == 200).body();
        assertThat(order.path("totalAmount").asLong()).isEqualTo(5_300);
        assertThat(order.path("discountAmount").asLong()).isEqualTo(700);
    }

    @Test
    void anOrderWithoutACouponHasNoDiscount() {
        String productId = api.newProduct(api.adminToken(), 3_000, 10);
        TestApi.User customer = api.newCustomer();
        String orderId = api.awaitingPaymentOrder(customer, productId, 1);
        JsonNode order = api.get("/orders/" + orderId, customer.token()).body();
        assertThat(order.path("discountAmount").asLong()).isZero();
        assertThat(order.path("totalAmount").asLong()).isEqualTo(3_000);
    }

    private String coupon(String token, long discount, long minimum, int quantity, String merchantId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return coupon(token, discount, minimum, quantity, merchantId, now.minusSeconds(5), now.plusSeconds(3600));
    }

    private String coupon(String token, long discount, long minimum, int quantity, String merchantId, Instant from,
                          Instant to) {
        Map<String, Object> body = new HashMap<>(couponBody(discount, minimum, quantity, merchantId));
        body.put("validFrom", from.toString());
        body.put("validTo", to.toString());
        TestApi.Response created = api.post("/coupons", token, body);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.text("couponId");
    }

    private static Map<String, Object> couponBody(long discount, long minimum, int quantity, String merchantId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> body = new HashMap<>(Map.of("name", "Coupon", "discountAmount", discount,
                "minOrderAmount", minimum, "quantity", quantity, "perUserLimit", 1,
                "validFrom", now.minusSeconds(5).toString(), "validTo", now.plusSeconds(3600).toString()));
        if (merchantId != null) {
            body.put("merchantId", merchantId);
        }
        return body;
    }

    private String claim(TestApi.User user, String couponId) {
        TestApi.Response claimed = api.post("/coupons/" + couponId + "/claims", user.token(), null);
        assertThat(claimed.status()).as(claimed.body().toString()).isEqualTo(201);
        String claimId = claimed.text("claimId");
        api.eventually("/coupons/claims", user.token(), r -> r.body().path("items").findValuesAsText("claimId").contains(claimId));
        return claimId;
    }

    private JsonNode claimStatus(TestApi.User user, String claimId) {
        for (JsonNode claim : api.get("/coupons/claims", user.token()).body().path("items")) {
            if (claimId.equals(claim.path("claimId").asText())) {
                return claim;
            }
        }
        throw new AssertionError("no claim " + claimId);
    }

    private TestApi.Response placeOrder(TestApi.User customer, String productId, int quantity, String claimId) {
        return api.post("/orders", customer.token(), Map.of("addressId", api.newAddress(customer.token()),
                "couponClaimId", claimId, "items", List.of(Map.of("productId", productId, "quantity", quantity))));
    }

    private String awaitingPayment(TestApi.User customer, String productId, int quantity, String claimId) {
        TestApi.Response placed = placeOrder(customer, productId, quantity, claimId);
        assertThat(placed.status()).as(placed.body().toString()).isEqualTo(202);
        String orderId = placed.text("orderId");
        api.eventually("/orders/" + orderId, customer.token(), r -> "AWAITING_PAYMENT".equals(r.text("status")));
        awaitNewestClaim(customer, "USED");
        return orderId;
    }

    private void awaitNewestClaim(TestApi.User customer, String status) {
        api.eventually("/coupons/claims", customer.token(),
                r -> status.equals(r.body().path("items").path(0).path("status").asText()));
    }

    private static void await(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
