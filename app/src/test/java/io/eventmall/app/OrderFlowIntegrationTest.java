package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;

@IntegrationTest
class OrderFlowIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void customerPlacesReadsAndCancelsAnOrderPricedByTheServer() {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 2_500, 10);
        TestApi.User customer = api.newCustomer();
        String addressId = api.newAddress(customer.token());

        TestApi.Response me = api.get("/users/me", customer.token());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("userId")).isEqualTo(customer.userId());
        assertThat(me.body().path("roles").toString()).contains("CUSTOMER");

        // A client-sent price is not part of the contract and is ignored: the catalog price counts.
        TestApi.Response placed = api.post("/orders", customer.token(), Map.of("addressId", addressId,
                "items", List.of(Map.of("productId", productId, "quantity", 3, "price", 1))));
        assertThat(placed.status()).as(placed.body().toString()).isEqualTo(202);
        String orderId = placed.text("orderId");
        assertThat(placed.text("status")).isNotBlank();

        TestApi.Response order = api.eventually("/orders/" + orderId, customer.token(), r -> r.status() == 200);
        assertThat(order.body().path("totalAmount").asLong()).isEqualTo(7_500);
        assertThat(order.body().path("items").get(0).path("unitPrice").asLong()).isEqualTo(2_500);
        assertThat(order.body().path("items").get(0).path("quantity").asInt()).isEqualTo(3);
        assertThat(order.body().path("createdAt").asText()).isNotBlank();

        TestApi.Response cancelled = api.post("/orders/" + orderId + "/cancel", customer.token(), null);
        assertThat(cancelled.status()).as(cancelled.body().toString()).isEqualTo(200);
        TestApi.Response after = api.eventually("/orders/" + orderId, customer.token(),
                r -> "CANCELLED".equals(r.text("status")));
        assertThat(after.body().path("history").findValuesAsText("status")).contains("PENDING", "CANCELLED");

        TestApi.Response again = api.post("/orders/" + orderId + "/cancel", customer.token(), null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("INVALID_STATE");
    }

    @Test
    void anotherCustomerCannotReadOrCancelMyOrder() {
        String productId = api.newProduct(api.adminToken(), 1_000, 5);
        TestApi.User owner = api.newCustomer();
        TestApi.User stranger = api.newCustomer();
        String orderId = api.post("/orders", owner.token(), Map.of("addressId", api.newAddress(owner.token()),
                "items", List.of(Map.of("productId", productId, "quantity", 1)))).text("orderId");
        api.eventually("/orders/" + orderId, owner.token(), r -> r.status() == 200);

        TestApi.Response read = api.get("/orders/" + orderId, stranger.token());
        assertThat(read.status()).isEqualTo(403);
        assertThat(read.code()).isEqualTo("FORBIDDEN");
        TestApi.Response cancel = api.post("/orders/" + orderId + "/cancel", stranger.token(), null);
        assertThat(cancel.status()).isEqualTo(403);
        assertThat(api.get("/orders/" + orderId, owner.token()).text("status")).isNotEqualTo("CANCELLED");
    }

    @Test
    void aCustomerCannotShipFromSomeoneElsesAddressBook() {
        String productId = api.newProduct(api.adminToken(), 1_000, 5);
        TestApi.User owner = api.newCustomer();
        TestApi.User other = api.newCustomer();
        TestApi.Response placed = api.post("/orders", other.token(), Map.of("addressId", api.newAddress(owner.token()),
                "items", List.of(Map.of("productId", productId, "quantity", 1))));
        assertThat(placed.status()).isEqualTo(403);
    }

    @Test
    void repeatedIdempotencyKeyReturnsTheFirstOrderAndPlacesNothingNew() {
        String productId = api.newProduct(api.adminToken(), 1_000, 5);
        TestApi.User customer = api.newCustomer();
        Map<String, Object> body = Map.of("addressId", api.newAddress(customer.token()),
                "items", List.of(Map.of("productId", productId, "quantity", 1)));
        Map<String, String> key = Map.of("Idempotency-Key", "checkout-42");

        TestApi.Response first = api.call(HttpMethod.POST, "/orders", customer.token(), body, key);
        TestApi.Response second = api.call(HttpMethod.POST, "/orders", customer.token(), body, key);
        TestApi.Response withoutKey = api.post("/orders", customer.token(), body);

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.text("orderId")).isEqualTo(first.text("orderId"));
        assertThat(withoutKey.text("orderId")).isNotEqualTo(first.text("orderId"));
        Integer placedEvents = jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%OrderPlaced'",
                Integer.class, first.text("orderId"));
        assertThat(placedEvents).isEqualTo(1);
    }

    @Test
    void theSameKeyFromAnotherUserIsAnotherOrder() {
        String productId = api.newProduct(api.adminToken(), 1_000, 5);
        TestApi.User a = api.newCustomer();
        TestApi.User b = api.newCustomer();
        Map<String, String> key = Map.of("Idempotency-Key", "same-key");
        String orderA = api.call(HttpMethod.POST, "/orders", a.token(), Map.of("addressId", api.newAddress(a.token()),
                "items", List.of(Map.of("productId", productId, "quantity", 1))), key).text("orderId");
        String orderB = api.call(HttpMethod.POST, "/orders", b.token(), Map.of("addressId", api.newAddress(b.token()),
                "items", List.of(Map.of("productId", productId, "quantity", 1))), key).text("orderId");
        assertThat(orderA).isNotEqualTo(orderB);
    }

    @Test
    void delistedProductsCannotBeOrdered() {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 1_000, 5);
        assertThat(api.post("/products/" + productId + "/delist", admin, null).status()).isEqualTo(200);
        TestApi.User customer = api.newCustomer();
        TestApi.Response placed = api.post("/orders", customer.token(), Map.of("addressId",
                api.newAddress(customer.token()), "items", List.of(Map.of("productId", productId, "quantity", 1))));
        assertThat(placed.status()).isEqualTo(409);
        assertThat(placed.code()).isEqualTo("NOT_LISTED");
    }

    @Test
    void cartCheckoutPlacesTheCartAndEmptiesIt() {
        String productId = api.newProduct(api.adminToken(), 1_200, 5);
        TestApi.User customer = api.newCustomer();
        assertThat(api.put("/cart/items/" + productId, customer.token(), Map.of("quantity", 2)).status()).isEqualTo(200);
        TestApi.Response cart = api.eventually("/cart", customer.token(), r -> r.body().path("items").size() == 1);
        assertThat(cart.body().path("total").asLong()).isEqualTo(2_400);

        TestApi.Response checkout = api.post("/cart/checkout", customer.token(),
                Map.of("addressId", api.newAddress(customer.token())));
        assertThat(checkout.status()).as(checkout.body().toString()).isEqualTo(202);
        TestApi.Response order = api.eventually("/orders/" + checkout.text("orderId"), customer.token(),
                r -> r.status() == 200);
        assertThat(order.body().path("totalAmount").asLong()).isEqualTo(2_400);
        api.eventually("/cart", customer.token(), r -> r.body().path("items").isEmpty());
    }
}
