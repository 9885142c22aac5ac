package io.eventmall.command.inventory;

import java.util.Optional;

/**
 * Every order's reservation of a product's stock, one row each in {@code stock_reservation}, written in the same
 * transaction as the events that move it (set-based validation, like the flash sales' ledger). The Inventory aggregate
 * asks it instead of carrying every reservation it ever made: its state is what is available, so a product sold a
 * million times loads like a new one, while reserve, release, commit and return stay exactly-once per order.
 */
public interface InventoryLedger {

    Optional<Reservation> reservation(String productId, String orderId);

    record Reservation(int quantity, ReservationStage stage) {
    }
}
