package io.eventmall.api.flashsale;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.time.Instant;

/**
 * Schedules a flash sale. {@code requirePurchaseToken} makes buyers fetch a purchase token first (the hidden purchase
 * path); {@code proofOfWorkBits} > 0 hands that token out only for a solved proof of work.
 */
public record ScheduleFlashSale(@TargetAggregateIdentifier String flashSaleId, String productId, long price, int quantity,
                                int perUserLimit, Instant startsAt, Instant endsAt, boolean requirePurchaseToken,
                                int proofOfWorkBits) {

    /** A sale anyone may buy from without a purchase token. */
    public ScheduleFlashSale(String flashSaleId, String productId, long price, int quantity, int perUserLimit,
                             Instant startsAt, Instant endsAt) {
        this(flashSaleId, productId, price, quantity, perUserLimit, startsAt, endsAt, false, 0);
    }
}
