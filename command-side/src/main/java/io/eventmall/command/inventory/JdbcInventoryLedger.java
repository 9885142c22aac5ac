package io.eventmall.command.inventory;

import io.eventmall.api.inventory.StockCommitted;
import io.eventmall.api.inventory.StockReleased;
import io.eventmall.api.inventory.StockReserved;
import io.eventmall.api.inventory.StockReturned;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link InventoryLedger} in {@code stock_reservation}, kept by a subscribing handler in the events' transaction. */
@Component
@ProcessingGroup(JdbcInventoryLedger.PROCESSING_GROUP)
public class JdbcInventoryLedger implements InventoryLedger {

    public static final String PROCESSING_GROUP = "inventory-ledger";

    private final JdbcTemplate jdbc;

    JdbcInventoryLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Reservation> reservation(String productId, String orderId) {
        return jdbc.query("SELECT quantity, stage FROM stock_reservation WHERE product_id = ? AND order_id = ?",
                (row, i) -> new Reservation(row.getInt(1), ReservationStage.valueOf(row.getString(2))),
                productId, orderId).stream().findFirst();
    }

    @EventHandler
    void on(StockReserved event) {
        jdbc.update("INSERT INTO stock_reservation (product_id, order_id, quantity, stage) VALUES (?, ?, ?, ?)",
                event.productId(), event.orderId(), event.quantity(), ReservationStage.RESERVED.name());
    }

    @EventHandler
    void on(StockReleased event) {
        moved(event.productId(), event.orderId(), ReservationStage.RELEASED);
    }

    @EventHandler
    void on(StockCommitted event) {
        moved(event.productId(), event.orderId(), ReservationStage.COMMITTED);
    }

    @EventHandler
    void on(StockReturned event) {
        moved(event.productId(), event.orderId(), ReservationStage.RETURNED);
    }

    private void moved(String productId, String orderId, ReservationStage stage) {
        jdbc.update("UPDATE stock_reservation SET stage = ? WHERE product_id = ? AND order_id = ?", stage.name(),
                productId, orderId);
    }
}
