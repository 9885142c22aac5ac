package io.eventmall.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import io.eventmall.api.inventory.AddStock;
import io.eventmall.api.inventory.CommitStock;
import io.eventmall.api.inventory.ReleaseStock;
import io.eventmall.api.inventory.ReserveStock;
import io.eventmall.api.inventory.ReturnStock;
import io.eventmall.api.inventory.InventoryId;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Inventory aggregate over its reservation ledger in PostgreSQL: each order's reservation moves through its stages
 * exactly once however often a command is redelivered, and the aggregate's own state does not grow with the orders
 * it served (its snapshot after a hundred orders is as small as a new one's).
 */
@IntegrationTest
class InventoryLedgerIntegrationTest {

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    StoreProbe store;

    @Test
    void eachReservationMovesThroughItsStagesOnceWhateverIsRedelivered() {
        String product = UUID.randomUUID().toString();
        commands.sendAndWait(new AddStock(product, 10));
        commands.sendAndWait(new ReserveStock(product, "paid", 3));
        commands.sendAndWait(new ReserveStock(product, "paid", 3));
        commands.sendAndWait(new ReserveStock(product, "abandoned", 2));
        commands.sendAndWait(new CommitStock(product, "paid"));
        commands.sendAndWait(new CommitStock(product, "paid"));
        commands.sendAndWait(new ReleaseStock(product, "abandoned"));
        commands.sendAndWait(new ReleaseStock(product, "abandoned"));
        commands.sendAndWait(new ReleaseStock(product, "never-reserved"));
        assertThatThrownBy(() -> commands.sendAndWait(new ReleaseStock(product, "paid")))
                .isInstanceOfSatisfying(RuleViolation.class, refused -> assertThat(refused.refusal()).isEqualTo(Refusal.INVALID_STATE));
        commands.sendAndWait(new ReturnStock(product, "paid"));
        commands.sendAndWait(new ReturnStock(product, "paid"));

        assertThat(jdbc.queryForList("SELECT order_id || ' ' || quantity || ' ' || stage FROM stock_reservation"
                + " WHERE product_id = ? ORDER BY order_id", String.class, product))
                .containsExactly("abandoned 2 RELEASED", "paid 3 RETURNED");
        // 10, less 3 and 2 reserved, plus 2 released and 3 returned: every unit is back, none twice.
        int available = commands.sendAndWait(new AddStock(product, 1));
        assertThat(available).isEqualTo(11);
    }

    @Test
    void anInventoryThatServedAHundredOrdersSnapshotsAsSmallAsANewOne() {
        String product = UUID.randomUUID().toString();
        commands.sendAndWait(new AddStock(product, 1_000));
        for (int order = 0; order < 60; order++) {
            commands.sendAndWait(new ReserveStock(product, "order-" + order, 1));
            commands.sendAndWait(new CommitStock(product, "order-" + order));
        }
        int snapshotBytes = store.latestSnapshotBytes(InventoryId.of(product));
        assertThat(snapshotBytes).isLessThan(300);
    }
}
