package io.eventmall.command.flashsale;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The purchases of every flash sale, one row each, kept beside the event store in the same transaction as the
 * events that make and return them (set-based validation, as for usernames). The FlashSale aggregate asks it what it
 * would otherwise have to carry in its own state: whether a purchase id is a retry, and how many units a buyer holds.
 * That keeps the aggregate's state (window, limit, remaining) the same size whether it sold one unit or a million,
 * so loading and snapshotting a sold-out sale costs what a new one does. Axon injects it into the handlers.
 * <p>
 * It is asked by buyer only: a purchase id is derived from its buyer (and sale and Idempotency-Key), so a buyer's
 * purchases hold every retry of theirs, and one lookup per buyer answers both questions.
 */
public interface FlashSaleLedger {

    /** The purchases the sale made for each of {@code userIds} (returned or not); buyers who made none are absent. */
    Map<String, List<Purchase>> purchasesOf(String flashSaleId, Collection<String> userIds);

    record Purchase(String purchaseId, int quantity, boolean returned) {
    }
}
