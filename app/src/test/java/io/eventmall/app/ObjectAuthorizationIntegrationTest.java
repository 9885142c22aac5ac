package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;

/**
 * Every owned resource, tried by the ones who do not own it: another customer, another shop's merchant, an
 * AUDITOR and an ANALYST. Each is refused (403, or 404 where the resource is not theirs to see) and nothing changes.
 */
@IntegrationTest
class ObjectAuthorizationIntegrationTest {

    private static final String PASSWORD = "secret-pass-1";

    @Autowired
    TestApi api;
    @Autowired
    StoreProbe store;
    @Value("${local.server.port}")
    int port;

    private String admin;
    private TestApi.User owner;
    private TestApi.User merchantA;
    private Map<String, TestApi.User> outsiders;
    private String shopA;
    private String shopB;
    private String productA;
    private String productB;

    @BeforeEach
    void shops() {
        admin = api.adminToken();
        owner = api.newCustomer();
        merchantA = withRoles("MERCHANT");
        TestApi.User merchantB = withRoles("MERCHANT");
        outsiders = Map.of("another customer", api.newCustomer(), "another merchant", merchantB,
                "an auditor", withRoles("AUDITOR"), "an analyst", withRoles("ANALYST"));
        shopA = shop(merchantA);
        shopB = shop(merchantB);
        String category = new ShopFixture(api).category("Authz");
        productA = product(shopA, category, 1_000);
        productB = product(shopB, category, 2_000);
    }

    @Test
    void onlyTheOwnerActsOnAnOrderAndItsPaymentAndUpdates() {
        String orderId = api.awaitingPaymentOrder(owner, productA, 1);
        long events = store.eventCount();
        everyOutsider(user -> {
            assertRefused(api.post("/orders/" + orderId + "/cancel", user.token(), null));
            assertRefused(api.post("/orders/" + orderId + "/payments", user.token(), null));
            assertRefused(api.call(HttpMethod.GET, "/orders/" + orderId + "/updates", user.token(), null,
                    Map.of("Accept", "text/event-stream")));
            assertRefused(api.post("/orders/" + orderId + "/ship", user.token(), null));
        });
        // Reading an order is the owner's, an admin's and an auditor's (API.md); the others may not.
        assertRefused(api.get("/orders/" + orderId, outsiders.get("another customer").token()));
        assertRefused(api.get("/orders/" + orderId, outsiders.get("another merchant").token()));
        assertRefused(api.get("/orders/" + orderId, outsiders.get("an analyst").token()));
        assertThat(api.get("/orders/" + orderId, outsiders.get("an auditor").token()).status()).isEqualTo(200);
        assertThat(api.get("/orders?size=100", outsiders.get("another customer").token()).body().toString())
                .doesNotContain(orderId);
        assertThat(store.eventCount()).isEqualTo(events);
        assertThat(api.get("/orders/" + orderId, owner.token()).text("status")).isEqualTo("AWAITING_PAYMENT");
    }

    @Test
    void onlyTheShopOwnerAndAdminsShipAndCompleteAndTheOrderRecordsItsShop() {
        String orderId = paidOrder(List.of(productA));
        assertThat(api.get("/orders/" + orderId, owner.token()).body().path("items").get(0).path("merchantId").asText())
                .isEqualTo(shopA);
        long events = store.eventCount();
        everyOutsider(user -> assertThat(api.post("/orders/" + orderId + "/ship", user.token(), null).status())
                .isEqualTo(403));
        assertThat(api.post("/orders/" + orderId + "/ship", owner.token(), null).status()).isEqualTo(403);
        assertThat(store.eventCount()).isEqualTo(events);

        assertThat(api.post("/orders/" + orderId + "/ship", merchantA.token(), null).status()).isEqualTo(200);
        api.eventually("/orders/" + orderId, owner.token(), r -> "SHIPPED".equals(r.text("status")));
        everyOutsider(user -> assertThat(api.post("/orders/" + orderId + "/complete", user.token(), null).status())
                .isEqualTo(403));
        assertThat(api.post("/orders/" + orderId + "/complete", merchantA.token(), null).status()).isEqualTo(200);
    }

    @Test
    void anOrderFromTwoShopsIsFulfilledByAnAdminNotByEitherMerchantAlone() {
        String orderId = paidOrder(List.of(productA, productB));
        assertThat(api.post("/orders/" + orderId + "/ship", merchantA.token(), null).status()).isEqualTo(403);
        assertThat(api.post("/orders/" + orderId + "/ship", outsiders.get("another merchant").token(), null).status())
                .isEqualTo(403);
        assertThat(api.post("/orders/" + orderId + "/ship", admin, null).status()).isEqualTo(200);
    }

    @Test
    void aShopsOrdersAreListedForItsOwnerWithOnlyItsLinesNewestFirst() {
        String mixed = paidOrder(List.of(productA, productB));
        String onlyA = paidOrder(List.of(productA));
        api.awaitingPaymentOrder(api.newCustomer(), productB, 1);

        TestApi.Response first = api.eventually("/merchants/" + shopA + "/orders?size=1", merchantA.token(),
                r -> r.status() == 200 && r.body().path("items").size() == 1 && r.text("nextCursor") != null);
        assertThat(first.body().path("items").get(0).path("orderId").asText()).isEqualTo(onlyA);
        TestApi.Response second = api.get("/merchants/" + shopA + "/orders?size=1&cursor=" + first.text("nextCursor"),
                merchantA.token());
        assertThat(second.body().path("items").get(0).path("orderId").asText()).isEqualTo(mixed);
        assertThat(second.body().path("items").get(0).path("items").findValuesAsText("productId")).containsExactly(productA);
        assertThat(second.text("nextCursor")).isNull();
        assertThat(api.get("/merchants/" + shopA + "/orders?status=SHIPPED", merchantA.token()).body().path("items").size())
                .isZero();
        assertThat(api.get("/merchants/" + shopA + "/orders?status=PAID", admin).body().path("items").size()).isEqualTo(2);

        everyOutsider(user -> assertThat(api.get("/merchants/" + shopA + "/orders", user.token()).status()).isEqualTo(403));
        assertThat(api.get("/merchants/" + shopA + "/orders", owner.token()).status()).isEqualTo(403);
        assertThat(api.get("/merchants/" + shopA + "/orders", null).status()).isEqualTo(401);
        assertThat(api.get("/merchants/" + shopA + "/orders?size=101", merchantA.token()).status()).isEqualTo(400);
    }

    @Test
    void aShopAndItsProductsAreTheirMerchantsOnly() {
        long events = store.eventCount();
        everyOutsider(user -> {
            assertThat(api.post("/products", user.token(), Map.of("merchantId", shopA, "categoryId", "c", "name", "x",
                    "images", List.of(), "price", 100)).status()).isEqualTo(403);
            assertThat(api.put("/products/" + productA, user.token(), Map.of("price", 1)).status()).isEqualTo(403);
            assertThat(api.post("/products/" + productA + "/stock", user.token(), Map.of("quantity", 5)).status())
                    .isEqualTo(403);
            assertThat(api.post("/products/" + productA + "/delist", user.token(), null).status()).isEqualTo(403);
        });
        assertThat(store.eventCount()).isEqualTo(events);
        assertThat(api.put("/products/" + productA, merchantA.token(), Map.of("price", 1_100)).status()).isEqualTo(200);
    }

    @Test
    void addressesCartsFavoritesAndNotificationsAreTheirUsersOwn() {
        String addressId = api.newAddress(owner.token());
        assertThat(api.put("/cart/items/" + productA, owner.token(), Map.of("quantity", 2)).status()).isEqualTo(200);
        assertThat(api.put("/favorites/" + productA, owner.token(), null).status()).isIn(200, 204);
        paidOrder(List.of(productA));
        api.awaitNotification(owner, "PAYMENT_RECEIVED");
        long events = store.eventCount();
        Map<String, Object> address = Map.of("receiverName", "Mallory", "phone", "+44 20 7946 0001",
                "province", "London", "city", "London", "district", "Soho", "detailAddress", "2 Low St");
        everyOutsider(user -> {
            assertRefused(api.put("/addresses/" + addressId, user.token(), address));
            assertRefused(api.call(HttpMethod.DELETE, "/addresses/" + addressId, user.token(), null, Map.of()));
            assertThat(api.get("/addresses", user.token()).body().toString()).doesNotContain(addressId);
            assertThat(api.get("/cart", user.token()).body().path("items").size()).isZero();
            assertThat(api.get("/favorites", user.token()).body().toString()).doesNotContain(productA);
            assertThat(api.get("/notifications", user.token()).body().path("items").size()).isZero();
        });
        assertThat(store.eventCount()).isEqualTo(events);
        assertThat(api.get("/addresses", owner.token()).body().toString()).contains(addressId);
    }

    @Test
    void onlyABuyerReviewsAndOnlyTheBuyerSeesTheirPurchase() {
        long events = store.eventCount();
        everyOutsider(user -> assertThat(api.post("/products/" + productA + "/reviews", user.token(),
                Map.of("rating", 5, "content", "never bought it")).status()).isEqualTo(403));
        assertThat(store.eventCount()).isEqualTo(events);

        Instant now = Instant.now();
        String sale = api.post("/flash-sales", admin, Map.of("productId", productA, "price", 500, "quantity", 3,
                "perUserLimit", 1, "startsAt", now.minusSeconds(5).toString(),
                "endsAt", now.plusSeconds(3600).toString())).text("flashSaleId");
        TestApi.Response bought = api.post("/flash-sales/" + sale + "/purchases", owner.token(), Map.of("quantity", 1));
        assertThat(bought.status()).as(bought.body().toString()).isEqualTo(202);
        String purchase = "/flash-sales/" + sale + "/purchases/" + bought.text("purchaseId");
        api.eventually(purchase, owner.token(), r -> r.status() == 200);
        everyOutsider(user -> assertRefused(api.get(purchase, user.token())));
    }

    @Test
    void aUserHoldsAtMostFiveUpdateStreams() throws Exception {
        String orderId = api.awaitingPaymentOrder(owner, productA, 1);
        List<InputStream> open = new ArrayList<>();
        try {
            for (int stream = 0; stream < 5; stream++) {
                HttpResponse<InputStream> opened = stream(orderId, owner.token());
                assertThat(opened.statusCode()).isEqualTo(200);
                open.add(opened.body());
            }
            HttpResponse<InputStream> sixth = stream(orderId, owner.token());
            assertThat(sixth.statusCode()).isEqualTo(429);
            assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
            assertThat(new String(sixth.body().readAllBytes())).contains("RATE_LIMITED");
            // Another user's streams are counted for them alone.
            String theirs = api.awaitingPaymentOrder(outsiders.get("another customer"), productA, 1);
            HttpResponse<InputStream> other = stream(theirs, outsiders.get("another customer").token());
            assertThat(other.statusCode()).isEqualTo(200);
            open.add(other.body());
            // A stream that ends (the order reaches a final state) frees its place.
            assertThat(api.post("/orders/" + orderId + "/cancel", owner.token(), null).status()).isEqualTo(200);
            String next = api.awaitingPaymentOrder(owner, productA, 1);
            HttpResponse<InputStream> again = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> stream(next, owner.token()), ObjectAuthorizationIntegrationTest::openedOrDrained);
            open.add(again.body());
        } finally {
            for (InputStream stream : open) {
                stream.close();
            }
        }
    }

    /** True for an open stream; a refusal's body is read and closed so its connection is not left hanging. */
    private static boolean openedOrDrained(HttpResponse<InputStream> response) {
        if (response.statusCode() == 200) {
            return true;
        }
        try (InputStream refusal = response.body()) {
            refusal.readAllBytes();
        } catch (java.io.IOException ignoredClosedAnyway) {
            // The refusal is the answer that matters here; its body is only drained.
        }
        return false;
    }

    private HttpResponse<InputStream> stream(String orderId, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/orders/" + orderId + "/updates"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    private void everyOutsider(java.util.function.Consumer<TestApi.User> attempt) {
        outsiders.forEach((who, user) -> {
            try {
                attempt.accept(user);
            } catch (AssertionError refusedWrongly) {
                throw new AssertionError("as " + who + ": " + refusedWrongly.getMessage(), refusedWrongly);
            }
        });
    }

    /** Not theirs: 403, or 404 where the resource does not exist for them. Never a success. */
    private static void assertRefused(TestApi.Response response) {
        assertThat(response.status()).as(String.valueOf(response.body())).isIn(403, 404);
    }

    private String paidOrder(List<String> productIds) {
        List<Map<String, Object>> items = productIds.stream()
                .map(id -> Map.<String, Object>of("productId", id, "quantity", 1)).toList();
        TestApi.Response placed = api.post("/orders", owner.token(), Map.of("addressId", api.newAddress(owner.token()),
                "items", items));
        assertThat(placed.status()).as(placed.body().toString()).isEqualTo(202);
        String orderId = placed.text("orderId");
        api.eventually("/orders/" + orderId, owner.token(), r -> "AWAITING_PAYMENT".equals(r.text("status")));
        api.payThroughSandbox(owner, orderId);
        api.eventually("/orders/" + orderId, owner.token(), r -> "PAID".equals(r.text("status")));
        return orderId;
    }

    private TestApi.User withRoles(String role) {
        String username = "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String userId = api.post("/users/register", null, Map.of("username", username, "password", PASSWORD)).text("userId");
        assertThat(api.put("/users/" + userId + "/roles", admin, Map.of("roles", List.of(role))).status()).isEqualTo(200);
        return new TestApi.User(userId, api.login(username, PASSWORD));
    }

    private String shop(TestApi.User merchant) {
        TestApi.Response shop = api.post("/merchants", admin, Map.of("name", "Shop " + UUID.randomUUID(),
                "ownerUserId", merchant.userId()));
        assertThat(shop.status()).isEqualTo(201);
        return shop.text("merchantId");
    }

    private String product(String shop, String category, long price) {
        TestApi.Response product = api.post("/products", admin, Map.of("merchantId", shop, "categoryId", category,
                "name", "Thing", "images", List.of(), "price", price));
        assertThat(product.status()).as(product.body().toString()).isEqualTo(201);
        String productId = product.text("productId");
        assertThat(api.post("/products/" + productId + "/stock", admin, Map.of("quantity", 100)).status()).isEqualTo(200);
        api.eventually("/products/" + productId, null, r -> r.status() == 200);
        return productId;
    }
}
