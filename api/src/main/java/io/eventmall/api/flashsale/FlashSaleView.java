package io.eventmall.api.flashsale;

import java.time.Instant;

public record FlashSaleView(String flashSaleId, String productId, long price, int quantity, int remaining,
                            FlashSaleState state, Instant startsAt, Instant endsAt, boolean requirePurchaseToken,
                            int proofOfWorkBits) {
}
