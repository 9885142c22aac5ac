package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventmall.api.inventory.InventoryId;
import io.eventmall.api.inventory.StockReserved;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Placements reserve stock on an Inventory this node may hold in its aggregate cache. When another node has reserved
 * on the same inventory meanwhile, the stale copy meets the event store's unique (aggregate, sequence) index: the
 * placement rolls back, dropping the copy, and the command gateway places the order again on the fresh stream. The
 * other node's units are never sold twice.
 * <p>
 * A schema, Redis database and search indices of its own: the rolled-back placement leaves gaps in the global index,
 * and the integrity chain seals only up to the first gap, which Axon keeps open for a long time (docs/audit.md), so
 * in the shared schema it would hold back the audit tests' chain.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "spring.datasource.url=jdbc:postgresql://${mall.test.postgres.address:127.0.0.1:5432}/mall_test?currentSchema=nodes",
        "spring.flyway.schemas=nodes",
        "spring.data.redis.database=9",
        "mall.elasticsearch.index-prefix=mall-test-nodes"})
class OrderPlacementAcrossNodesIntegrationTest {

    @Autowired
    TestApi api;
    @Autowired
    StoreProbe store;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void aPlacementOnAStaleCachedInventoryIsDecidedAgainOnTheFreshStream() {
        String productId = api.newProduct(api.adminToken(), 1_000, 3);
        TestApi.User here = api.newCustomer();
        String firstOrder = api.awaitingPaymentOrder(here, productId, 1);
        assertThat(firstOrder).isNotBlank();

        // Another node, sharing the event store, reserves the last two units; this node's cached inventory still
        // has them.
        String inventoryId = InventoryId.of(productId);
        long next = jdbc.queryForObject("SELECT max(sequence_number) + 1 FROM domain_event_entry"
                + " WHERE aggregate_identifier = ?", Long.class, inventoryId);
        transactions.executeWithoutResult(tx -> eventStore.publish(new GenericDomainEventMessage<>("Inventory",
                inventoryId, next, new StockReserved(productId, "order-on-another-node-" + UUID.randomUUID(), 2, 0))));

        TestApi.User late = api.newCustomer();
        TestApi.Response placed = api.post("/orders", late.token(), Map.of("addressId", api.newAddress(late.token()),
                "items", List.of(Map.of("productId", productId, "quantity", 1))));

        assertThat(placed.status()).as(placed.body().toString()).isEqualTo(202);
        assertThat(placed.text("status")).as("decided on the fresh stream: nothing left").isEqualTo("REJECTED");
        assertThat(store.eventsOf(inventoryId, "StockReserved")).isEqualTo(2);
        assertThat(store.available(productId)).isZero();
    }
}
