package io.eventmall.command.inventory;

import io.eventmall.api.inventory.StockCommitted;
import io.eventmall.api.inventory.StockReleased;
import io.eventmall.api.inventory.StockReserved;
import io.eventmall.api.inventory.StockReturned;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger a fixture's given events would have left in {@code stock_reservation} (the fixture does not run the
 * subscribing handler that writes it). {@code InventoryLedgerIntegrationTest} holds the real table to the same rules.
 */
public final class LedgerOfStockEvents implements InventoryLedger {

    private final Map<String, Reservation> reservations = new HashMap<>();

    public void record(Object... events) {
        for (Object event : events) {
            if (event instanceof StockReserved reserved) {
                reservations.put(key(reserved.productId(), reserved.orderId()),
                        new Reservation(reserved.quantity(), ReservationStage.RESERVED));
            } else if (event instanceof StockReleased released) {
                move(released.productId(), released.orderId(), ReservationStage.RELEASED);
            } else if (event instanceof StockCommitted committed) {
                move(committed.productId(), committed.orderId(), ReservationStage.COMMITTED);
            } else if (event instanceof StockReturned returned) {
                move(returned.productId(), returned.orderId(), ReservationStage.RETURNED);
            }
        }
    }

    @Override
    public Optional<Reservation> reservation(String productId, String orderId) {
        return Optional.ofNullable(reservations.get(key(productId, orderId)));
    }

    private void move(String productId, String orderId, ReservationStage stage) {
        reservations.computeIfPresent(key(productId, orderId), (key, reservation) -> new Reservation(reservation.quantity(), stage));
    }

    private static String key(String productId, String orderId) {
        return productId + "\n" + orderId;
    }
}
