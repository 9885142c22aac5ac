package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What auditors read: an event stored in an older revision, read through its upcaster by the live aggregate
 * and by past states; an order at three moments of its life; the global stream exported as NDJSON.
 */
@IntegrationTest
class AuditHistoryIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${local.server.port}")
    int port;

    private ShopFixture shop;
    private String auditor;

    @BeforeEach
    void auditor() {
        shop = new ShopFixture(api);
        auditor = api.newUserWithRoles(shop.admin(), "AUDITOR").token();
    }

    @Test
    void anEventStoredInRevisionOneIsReadThroughItsUpcasterEverywhere() {
        String merchantId = shop.merchant("Legacy shop");
        String categoryId = shop.category("Legacy");
        String productId = UUID.randomUUID().toString();
        Instant created = Instant.now().minusSeconds(60);
        store(productId, 0, "io.eventmall.api.product.ProductCreated", null, """
                {"productId":"%s","merchantId":"%s","categoryId":"%s","name":"Imported kettle","subtitle":null,
                 "description":null,"images":[],"price":1000}""".formatted(productId, merchantId, categoryId), created);
        // Revision 1 wrote prices as money objects.
        store(productId, 1, "io.eventmall.api.product.ProductPriceChanged", "1", """
                {"productId":"%s","oldPrice":{"amount":1000,"currency":"EUR"},"newPrice":{"amount":1250,"currency":"EUR"}}"""
                .formatted(productId), created.plusSeconds(10));

        JsonNode past = api.get("/audit/aggregates/" + productId + "/state?sequence=1", auditor).body();
        assertThat(past.path("state").path("price").asLong()).isEqualTo(1_250);
        assertThat(api.get("/audit/aggregates/" + productId + "/state?at=" + created.plusSeconds(5), auditor)
                .body().path("state").path("price").asLong()).isEqualTo(1_000);
        JsonNode stream = api.get("/audit/aggregates/" + productId + "/events", auditor).body();
        assertThat(stream.get(1).path("payload").path("newPrice").asLong()).isEqualTo(1_250);

        // The live aggregate decides from the upcast event: the old price of the next change is 1250.
        api.eventually("/products/" + productId, null, r -> r.status() == 200);
        TestApi.Response changed = api.put("/products/" + productId, shop.admin(), Map.of("price", 1_500));
        assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
        JsonNode next = api.get("/audit/aggregates/" + productId + "/events", auditor).body().get(2);
        assertThat(next.path("type").asText()).isEqualTo("ProductPriceChanged");
        assertThat(next.path("payload").path("oldPrice").asLong()).isEqualTo(1_250);
        assertThat(next.path("payload").path("newPrice").asLong()).isEqualTo(1_500);
        assertThat(jdbc.queryForObject("SELECT payload_revision FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND sequence_number = 2", String.class, productId)).isEqualTo("2");
        api.eventually("/products/" + productId, null, r -> r.body().path("price").asLong() == 1_500);
    }

    @Test
    void anOrderIsShownAsItWasAtThreeMomentsOfItsLife() {
        String productId = shop.product(shop.merchant("Moments"), shop.category("Clocks"), "Clock", 3_000, 5);
        TestApi.User customer = api.newCustomer();
        String orderId = shop.paidOrder(customer, Map.of(productId, 2));
        assertThat(api.post("/orders/" + orderId + "/ship", shop.admin(), null).status()).isEqualTo(200);

        JsonNode events = api.get("/audit/aggregates/" + orderId + "/events", auditor).body();
        assertThat(events.findValuesAsText("type")).contains("OrderPlaced", "OrderAccepted", "OrderPaid", "OrderShipped");
        // Placed and accepted in one commit: PENDING only between its first two events.
        assertThat(api.get("/audit/aggregates/" + orderId + "/state?sequence=0", auditor).body()
                .path("state").path("status").asText()).isEqualTo("PENDING");
        assertThat(statusAt(orderId, timestampOf(events, "OrderAccepted"))).isEqualTo("AWAITING_PAYMENT");
        assertThat(statusAt(orderId, timestampOf(events, "OrderPaid"))).isEqualTo("PAID");
        assertThat(statusAt(orderId, timestampOf(events, "OrderShipped"))).isEqualTo("SHIPPED");
        JsonNode placed = api.get("/audit/aggregates/" + orderId + "/state?sequence=0", auditor).body();
        assertThat(placed.path("state").path("totalAmount").asLong()).isEqualTo(6_000);
        assertThat(placed.path("type").asText()).isEqualTo("Order");
    }

    @Test
    void theGlobalStreamIsExportedAsOneJsonObjectALine() throws Exception {
        String productId = shop.product(shop.merchant("Export"), shop.category("Export"), "Lamp", 1_000, 0);
        api.put("/products/" + productId, shop.admin(), Map.of("price", 1_100));
        api.put("/products/" + productId, shop.admin(), Map.of("price", 1_200));

        HttpResponse<java.io.InputStream> export = exportRequest("/audit/events?type=ProductPriceChanged");
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith("application/x-ndjson");
        List<JsonNode> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(export.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(api.json().readTree(line));
            }
        }
        long stored = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE ?",
                Long.class, "%.ProductPriceChanged");
        assertThat((long) lines.size()).isEqualTo(stored);
        assertThat(lines).allSatisfy(line -> assertThat(line.path("type").asText()).isEqualTo("ProductPriceChanged"));
        assertThat(lines.stream().map(line -> line.path("position").asLong()).toList()).isSorted();
        assertThat(lines.stream().filter(line -> line.path("aggregateId").asText().equals(productId)).count()).isEqualTo(2);

        long all = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(exportRequest("/audit/events").body(),
                StandardCharsets.UTF_8))) {
            assertThat(reader.lines().count()).as("every event, beyond the JSON page limit of 1000").isGreaterThanOrEqualTo(all);
        }
    }

    private HttpResponse<java.io.InputStream> exportRequest(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
                .header("Authorization", "Bearer " + auditor).header("Accept", "application/x-ndjson").build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    private String statusAt(String orderId, String instant) {
        TestApi.Response state = api.get("/audit/aggregates/" + orderId + "/state?at=" + instant, auditor);
        assertThat(state.status()).as(state.body().toString()).isEqualTo(200);
        return state.body().path("state").path("status").asText();
    }

    private static String timestampOf(JsonNode events, String type) {
        for (JsonNode event : events) {
            if (event.path("type").asText().equals(type)) {
                return event.path("timestamp").asText();
            }
        }
        throw new AssertionError("no " + type + " in " + events);
    }

    private void store(String aggregateId, long sequence, String type, String revision, String payload, Instant at) {
        jdbc.update("""
                INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type, event_identifier,
                                                meta_data, payload, payload_revision, payload_type, time_stamp)
                VALUES (nextval('domain_event_global_index_seq'), ?, ?, 'Product', ?, ?, ?, ?, ?, ?)""",
                aggregateId, sequence, UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                payload.replace("\n", "").getBytes(StandardCharsets.UTF_8), revision, type, at.toString());
    }
}
