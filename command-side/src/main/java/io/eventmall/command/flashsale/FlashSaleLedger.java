package io.eventmall.command.flashsale;

import java.util.Collection;
import java.util.Map;

/**
 * The purchases of every flash sale, one row each, kept beside the event store in the same transaction as the
 * events that make and return them (set-based validation, as for usernames). The FlashSale aggregate asks it what it
 * would otherwise have to carry in its own state: whether a purchase id is a retry, and how many units a buyer holds.
 * That keeps the aggregate's state (window, limit, remaining) the same size whether it sold one unit or a million,
 * so loading and snapshotting a sold-out sale costs what a new one does. Axon injects it into the handlers.
 */
public interface FlashSaleLedger {

    /** The purchases among {@code purchaseIds} that the sale already made (returned or not). */
    Map<String, Purchase> purchases(String flashSaleId, Collection<String> purchaseIds);

    /** Units each of {@code userIds} holds in the sale (purchases not returned); users holding none are absent. */
    Map<String, Integer> unitsHeld(String flashSaleId, Collection<String> userIds);

    record Purchase(String userId, int quantity, boolean returned) {
    }
}
