package io.eventmall.api.home;

import java.time.Instant;

public record FlashSaleCard(String flashSaleId, String productId, String productName, long price, int quantity,
                            int remaining, Instant startsAt, Instant endsAt) {
}
