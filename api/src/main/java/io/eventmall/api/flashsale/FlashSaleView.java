package io.eventmall.api.flashsale;

import java.time.Instant;

public record FlashSaleView(String flashSaleId, String productId, long price, int quantity, int remaining,
                            FlashSaleState state, Instant startsAt, Instant endsAt, boolean requirePurchaseToken,
                            int proofOfWorkBits) {

    /** The same sale with another count of units left. */
    public FlashSaleView withRemaining(int units) {
        return new FlashSaleView(flashSaleId, productId, price, quantity, units, state, startsAt, endsAt,
                requirePurchaseToken, proofOfWorkBits);
    }
}
