package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventmall.command.flashsale.FlashSale;
import io.eventmall.command.product.Product;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Snapshots are aggregates serialized with Jackson. These tests take a snapshot, empty the aggregate
 * cache so the next command must load from it, and check the aggregate still decides correctly.
 */
@IntegrationTest
class SnapshotIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    Snapshotter snapshotter;
    @Autowired
    Cache aggregateCache;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;

    @Test
    void aFlashSaleRestoredFromItsSnapshotRemembersBuyersAndRemainingUnits() {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 5_000, 0);
        Instant now = Instant.now();
        String flashSaleId = api.post("/flash-sales", admin, Map.of("productId", productId, "price", 500,
                "quantity", 3, "perUserLimit", 1, "startsAt", now.minusSeconds(5).toString(),
                "endsAt", now.plusSeconds(3600).toString())).text("flashSaleId");
        TestApi.User first = api.newCustomer();
        TestApi.User second = api.newCustomer();
        assertThat(purchase(flashSaleId, first).status()).isEqualTo(202);
        assertThat(purchase(flashSaleId, second).status()).isEqualTo(202);

        snapshotAndForget(FlashSale.class, flashSaleId);

        assertThat(purchase(flashSaleId, first).code()).isEqualTo("LIMIT_REACHED");
        assertThat(purchase(flashSaleId, api.newCustomer()).status()).isEqualTo(202);
        assertThat(purchase(flashSaleId, api.newCustomer()).code()).isEqualTo("SOLD_OUT");
    }

    @Test
    void aProductRestoredFromItsSnapshotQuotesItsCurrentPriceAndShelfState() {
        String admin = api.adminToken();
        String productId = api.newProduct(admin, 1_000, 10);
        assertThat(api.put("/products/" + productId, admin, Map.of("price", 1_750)).status()).isEqualTo(200);

        snapshotAndForget(Product.class, productId);

        TestApi.User customer = api.newCustomer();
        String addressId = api.newAddress(customer.token());
        String orderId = api.post("/orders", customer.token(), Map.of("addressId", addressId,
                "items", List.of(Map.of("productId", productId, "quantity", 2)))).text("orderId");
        TestApi.Response order = api.eventually("/orders/" + orderId, customer.token(), r -> r.status() == 200);
        assertThat(order.body().path("totalAmount").asLong()).isEqualTo(3_500);
        assertThat(order.body().path("items").get(0).path("productName").asText()).isEqualTo("Trail shoe");

        assertThat(api.post("/products/" + productId + "/delist", admin, null).status()).isEqualTo(200);
        snapshotAndForget(Product.class, productId);
        TestApi.Response refused = api.post("/orders", customer.token(), Map.of("addressId", addressId,
                "items", List.of(Map.of("productId", productId, "quantity", 1))));
        assertThat(refused.code()).isEqualTo("NOT_LISTED");
    }

    private void snapshotAndForget(Class<?> aggregateType, String aggregateId) {
        // Snapshots are taken on a thread of their own, off the committing one.
        snapshotter.scheduleSnapshot(aggregateType, aggregateId);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Integer.class, aggregateId))
                .isEqualTo(1));
        // The store falls back to the full stream when a snapshot cannot be read: make sure this one can.
        Object restored = eventStore.readEvents(aggregateId).peek().getPayload();
        assertThat(restored).isInstanceOf(aggregateType);
        aggregateCache.removeAll();
    }

    private TestApi.Response purchase(String flashSaleId, TestApi.User buyer) {
        return api.post("/flash-sales/" + flashSaleId + "/purchases", buyer.token(), Map.of("quantity", 1));
    }
}
