package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;

/** Bad input, missing tokens and wrong roles get problem+json with stable codes, and change nothing. */
@IntegrationTest
class ApiContractIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void invalidBodiesAreRefusedWithValidationFailed() {
        String admin = api.adminToken();
        long eventsBefore = eventCount();

        TestApi.Response noName = api.post("/products", admin, Map.of("merchantId", "m", "categoryId", "c", "price", 5));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(noName.headers().getContentType().toString()).startsWith("application/problem+json");
        assertThat(noName.body().path("type").asText()).isNotBlank();
        assertThat(noName.body().path("title").asText()).isNotBlank();
        assertThat(noName.body().path("detail").asText()).contains("name");

        TestApi.Response negativePrice = api.post("/products", admin, Map.of("merchantId", "m", "categoryId", "c",
                "name", "x", "price", -1));
        assertThat(negativePrice.status()).isEqualTo(400);

        TestApi.Response malformed = api.post("/merchants", admin, "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("VALIDATION_FAILED");

        TestApi.Response wrongType = api.post("/products/some-id/stock", admin, Map.of("quantity", "lots"));
        assertThat(wrongType.status()).isEqualTo(400);

        TestApi.User customer = api.newCustomer();
        long afterCustomer = eventCount();
        TestApi.Response emptyOrder = api.post("/orders", customer.token(), Map.of("addressId", "a", "items", List.of()));
        assertThat(emptyOrder.status()).isEqualTo(400);
        TestApi.Response zeroQuantity = api.post("/orders", customer.token(), Map.of("addressId", "a",
                "items", List.of(Map.of("productId", "p", "quantity", 0))));
        assertThat(zeroQuantity.status()).isEqualTo(400);
        TestApi.Response badRole = api.put("/users/" + customer.userId() + "/roles", admin, Map.of("roles", List.of("KING")));
        assertThat(badRole.status()).isEqualTo(400);

        assertThat(eventCount()).isEqualTo(afterCustomer);
        assertThat(afterCustomer).isGreaterThan(eventsBefore);
    }

    @Test
    void unknownIdsAnswerNotFound() {
        TestApi.User customer = api.newCustomer();
        TestApi.Response order = api.get("/orders/no-such-order", customer.token());
        assertThat(order.status()).isEqualTo(404);
        assertThat(order.code()).isEqualTo("NOT_FOUND");
        TestApi.Response cancel = api.post("/orders/no-such-order/cancel", customer.token(), null);
        assertThat(cancel.status()).isEqualTo(404);
        TestApi.Response sale = api.get("/flash-sales/no-such-sale", null);
        assertThat(sale.status()).isEqualTo(404);
    }

    @Test
    void missingOrBadTokenIsUnauthorized() {
        TestApi.Response none = api.get("/users/me", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.code()).isEqualTo("UNAUTHORIZED");
        assertThat(api.get("/users/me", "not-a-jwt").status()).isEqualTo(401);
        assertThat(api.post("/orders", null, Map.of()).status()).isEqualTo(401);
        TestApi.Response badLogin = api.post("/users/login", null, Map.of("username", "nobody", "password", "whatever-1"));
        assertThat(badLogin.status()).isEqualTo(401);
        assertThat(badLogin.code()).isEqualTo("BAD_CREDENTIALS");
    }

    @Test
    void wrongRoleIsForbiddenAndChangesNothing() {
        TestApi.User customer = api.newCustomer();
        long before = eventCount();
        TestApi.Response merchant = api.post("/merchants", customer.token(), Map.of("name", "Mine"));
        assertThat(merchant.status()).isEqualTo(403);
        assertThat(merchant.code()).isEqualTo("FORBIDDEN");
        assertThat(api.put("/users/" + customer.userId() + "/roles", customer.token(),
                Map.of("roles", List.of("ADMIN"))).status()).isEqualTo(403);
        assertThat(api.post("/flash-sales", customer.token(), Map.of()).status()).isEqualTo(403);
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void adminGrantsRolesAndAMerchantManagesOnlyTheirOwnShop() {
        String admin = api.adminToken();
        TestApi.User seller = api.newCustomer();
        TestApi.Response granted = api.put("/users/" + seller.userId() + "/roles", admin,
                Map.of("roles", List.of("MERCHANT")));
        assertThat(granted.status()).as(granted.body().toString()).isEqualTo(200);
        assertThat(granted.body().path("roles").toString()).contains("MERCHANT", "CUSTOMER");

        String sellerToken = api.login(usernameOf(seller), "secret-pass-1");
        String ownShop = api.post("/merchants", admin, Map.of("name", "Own", "ownerUserId", seller.userId()))
                .text("merchantId");
        String otherShop = api.post("/merchants", admin, Map.of("name", "Other")).text("merchantId");
        String categoryId = api.post("/categories", admin, Map.of("name", "Cat")).text("categoryId");

        TestApi.Response own = awaitShopVisible(sellerToken, ownShop, categoryId);
        assertThat(own.status()).as(own.body().toString()).isEqualTo(201);
        TestApi.Response other = api.post("/products", sellerToken, Map.of("merchantId", otherShop,
                "categoryId", categoryId, "name", "Not mine", "price", 100));
        assertThat(other.status()).isEqualTo(403);
        TestApi.Response stock = api.post("/products/" + own.text("productId") + "/stock", sellerToken,
                Map.of("quantity", 7));
        assertThat(stock.status()).isEqualTo(200);
        assertThat(stock.body().path("available").asInt()).isEqualTo(7);
    }

    @Test
    void concurrentRegistrationsOfOneUsernameYieldOneUser() {
        Map<String, String> body = Map.of("username", "race-" + System.nanoTime(), "password", "secret-pass-1");
        List<CompletableFuture<TestApi.Response>> attempts = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> api.post("/users/register", null, body))).toList();
        List<Integer> statuses = attempts.stream().map(CompletableFuture::join).map(TestApi.Response::status).toList();
        assertThat(statuses).containsOnly(201, 409);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        TestApi.Response taken = api.post("/users/register", null, body);
        assertThat(taken.code()).isEqualTo("USERNAME_TAKEN");
    }

    @Test
    void healthShowsEachDependencyToAdminsOnly() {
        TestApi.Response publicView = api.get("/actuator/health", null);
        assertThat(publicView.status()).isEqualTo(200);
        assertThat(publicView.text("status")).isEqualTo("UP");
        assertThat(publicView.body().has("components")).isFalse();

        TestApi.Response adminView = api.get("/actuator/health", api.adminToken());
        assertThat(adminView.body().path("components").path("db").path("status").asText()).isEqualTo("UP");
        assertThat(adminView.body().path("components").path("redis").path("status").asText()).isEqualTo("UP");
        assertThat(adminView.body().path("components").path("eventProcessors").path("details").path("orders").asText())
                .isIn("RUNNING", "REPLAYING");
    }

    @Test
    void openApiDocumentIsServed() {
        TestApi.Response docs = api.call(HttpMethod.GET, "/v3/api-docs", null, null, Map.of());
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().path("paths").has("/api/v1/orders")).isTrue();
    }

    private TestApi.Response awaitShopVisible(String sellerToken, String shopId, String categoryId) {
        return org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> api.post("/products", sellerToken, Map.of("merchantId", shopId, "categoryId", categoryId,
                        "name", "Mine", "price", 100)), r -> r.status() != 404);
    }

    private String usernameOf(TestApi.User user) {
        return api.get("/users/me", user.token()).text("username");
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }
}
