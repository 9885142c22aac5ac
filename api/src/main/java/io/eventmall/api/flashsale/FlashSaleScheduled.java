package io.eventmall.api.flashsale;

import java.time.Instant;

/** Events stored before the purchase-token fields existed read as a sale without a token (false, 0). */
public record FlashSaleScheduled(String flashSaleId, String productId, long price, int quantity, int perUserLimit,
                                 Instant startsAt, Instant endsAt, boolean requirePurchaseToken, int proofOfWorkBits) {

    /** A sale anyone may buy from without a purchase token. */
    public FlashSaleScheduled(String flashSaleId, String productId, long price, int quantity, int perUserLimit,
                              Instant startsAt, Instant endsAt) {
        this(flashSaleId, productId, price, quantity, perUserLimit, startsAt, endsAt, false, 0);
    }
}
