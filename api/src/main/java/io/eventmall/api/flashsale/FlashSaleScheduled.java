package io.eventmall.api.flashsale;

import java.time.Instant;

public record FlashSaleScheduled(String flashSaleId, String productId, long price, int quantity, int perUserLimit, Instant startsAt, Instant endsAt) {
}
