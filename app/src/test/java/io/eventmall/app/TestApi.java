package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** A small HTTP client for driving the REST API end to end as a front end would. */
public class TestApi {

    private final RestClient http;
    private final String root;
    private final ObjectMapper json = new ObjectMapper();
    private final String adminUsername;
    private final String adminPassword;

    TestApi(int port, String adminUsername, String adminPassword) {
        this.root = "http://127.0.0.1:" + port;
        this.http = RestClient.builder()
                .baseUrl(root + "/api/v1")
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
    }

    public record Response(int status, JsonNode body, HttpHeaders headers) {

        public String text(String field) {
            return body.path(field).asText(null);
        }

        public String code() {
            return body.path("code").asText(null);
        }
    }

    public Response call(HttpMethod method, String path, String token, Object body, Map<String, String> headers) {
        // Paths outside the API (actuator, OpenAPI) are given from the server root.
        RestClient.RequestBodySpec spec = path.startsWith("/api/") || path.startsWith("/actuator") || path.startsWith("/v3")
                ? http.method(method).uri(root + path) : http.method(method).uri(path);
        if (token != null) {
            spec.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        headers.forEach(spec::header);
        if (body instanceof String raw) {
            spec.contentType(MediaType.APPLICATION_JSON).body(raw);
        } else if (body != null) {
            spec.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return spec.exchange((request, response) -> read(response));
    }

    public Response get(String path, String token) {
        return call(HttpMethod.GET, path, token, null, Map.of());
    }

    /** A GET whose API path and query are already percent-encoded (taken as is, not as a URI template). */
    public Response getEncoded(String encodedPathAndQuery, String token) {
        RestClient.RequestHeadersSpec<?> spec = http.get().uri(java.net.URI.create(root + "/api/v1" + encodedPathAndQuery));
        if (token != null) {
            spec.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return spec.exchange((request, response) -> read(response));
    }

    private Response read(org.springframework.http.client.ClientHttpResponse response) throws java.io.IOException {
        byte[] bytes = response.getBody().readAllBytes();
        JsonNode node = bytes.length == 0 ? json.nullNode() : json.readTree(bytes);
        return new Response(response.getStatusCode().value(), node, response.getHeaders());
    }

    public ObjectMapper json() {
        return json;
    }

    public Response post(String path, String token, Object body) {
        return call(HttpMethod.POST, path, token, body, Map.of());
    }

    public Response put(String path, String token, Object body) {
        return call(HttpMethod.PUT, path, token, body, Map.of());
    }

    /** Registers a fresh user and logs in: returns the user id and its bearer token. */
    public User newCustomer() {
        String username = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Response registered = post("/users/register", null, Map.of("username", username, "password", "secret-pass-1"));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        return new User(registered.text("userId"), login(username, "secret-pass-1"));
    }

    public String login(String username, String password) {
        Response login = post("/users/login", null, Map.of("username", username, "password", password));
        assertThat(login.status()).as(login.body().toString()).isEqualTo(200);
        return login.text("accessToken");
    }

    public String adminToken() {
        return login(adminUsername, adminPassword);
    }

    /** Polls a read endpoint until the projection shows what the test waits for. */
    public Response eventually(String path, String token, Predicate<Response> condition) {
        return Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> get(path, token), condition);
    }

    public record User(String userId, String token) {
    }

    /** A new user given exactly these roles by the admin, logged in again so that its token carries them. */
    public User newUserWithRoles(String adminToken, String... roles) {
        User user = newCustomer();
        Response granted = put("/users/" + user.userId() + "/roles", adminToken, Map.of("roles", java.util.List.of(roles)));
        assertThat(granted.status()).as(granted.body().toString()).isEqualTo(200);
        return new User(user.userId(), login(get("/users/me", user.token()).text("username"), "secret-pass-1"));
    }

    /** Waits until the user's notifications include one of this kind. */
    public Response awaitNotification(User user, String kind) {
        return eventually("/notifications", user.token(),
                r -> r.body().path("items").findValuesAsText("kind").contains(kind));
    }

    /** As admin: a shop, a category and a listed product with the given price and stock. */
    public String newProduct(String adminToken, long price, int stock) {
        Response merchant = post("/merchants", adminToken, Map.of("name", "Shop " + UUID.randomUUID()));
        assertThat(merchant.status()).as(merchant.body().toString()).isEqualTo(201);
        Response category = post("/categories", adminToken, Map.of("name", "Category"));
        assertThat(category.status()).as(category.body().toString()).isEqualTo(201);
        Response product = post("/products", adminToken, Map.of("merchantId", merchant.text("merchantId"),
                "categoryId", category.text("categoryId"), "name", "Trail shoe", "images", java.util.List.of(),
                "price", price));
        assertThat(product.status()).as(product.body().toString()).isEqualTo(201);
        String productId = product.text("productId");
        if (stock > 0) {
            Response stocked = post("/products/" + productId + "/stock", adminToken, Map.of("quantity", stock));
            assertThat(stocked.status()).as(stocked.body().toString()).isEqualTo(200);
        }
        return productId;
    }

    /** As admin: a flash sale of a new product that started 5 s ago and runs for an hour, limit 1 per buyer. */
    public String ongoingFlashSale(String adminToken, int units) {
        String productId = newProduct(adminToken, 10_000, 0);
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Response sale = post("/flash-sales", adminToken, Map.of("productId", productId, "price", 1_000,
                "quantity", units, "perUserLimit", 1, "startsAt", now.minusSeconds(5).toString(),
                "endsAt", now.plusSeconds(3600).toString()));
        assertThat(sale.status()).as(sale.body().toString()).isEqualTo(201);
        return sale.text("flashSaleId");
    }

    /** Places an order of one product and waits until its stock is reserved and it awaits payment. */
    public String awaitingPaymentOrder(User customer, String productId, int quantity) {
        Response placed = post("/orders", customer.token(), Map.of("addressId", newAddress(customer.token()),
                "items", java.util.List.of(Map.of("productId", productId, "quantity", quantity))));
        assertThat(placed.status()).as(placed.body().toString()).isEqualTo(202);
        String orderId = placed.text("orderId");
        eventually("/orders/" + orderId, customer.token(), r -> "AWAITING_PAYMENT".equals(r.text("status")));
        return orderId;
    }

    /** Opens a payment for the order and has the sandbox provider report it paid; returns the payment. */
    public Response payThroughSandbox(User customer, String orderId) {
        Response payment = post("/orders/" + orderId + "/payments", customer.token(), null);
        assertThat(payment.status()).as(payment.body().toString()).isEqualTo(201);
        Response paid = post("/sandbox/payments/" + payment.text("providerReference") + "/pay", null,
                Map.of("outcome", "SUCCESS"));
        assertThat(paid.status()).isEqualTo(202);
        return payment;
    }

    public String newAddress(String token) {
        Response address = post("/addresses", token, Map.of("receiverName", "Ada", "phone", "+44 20 7946 0000",
                "province", "London", "city", "London", "district", "Camden", "detailAddress", "1 High St"));
        assertThat(address.status()).as(address.body().toString()).isEqualTo(201);
        return address.text("addressId");
    }

    @TestConfiguration
    public static class Config {

        @Bean
        @Lazy
        TestApi testApi(@Value("${local.server.port}") int port,
                        @Value("${mall.security.bootstrap-admin.username}") String username,
                        @Value("${mall.security.bootstrap-admin.password}") String password) {
            return new TestApi(port, username, password);
        }
    }
}
