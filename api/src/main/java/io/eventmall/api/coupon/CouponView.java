package io.eventmall.api.coupon;

import java.time.Instant;

public record CouponView(String couponId, String name, long discountAmount, long minOrderAmount, int quantity,
                         int remaining, int perUserLimit, Instant validFrom, Instant validTo, String merchantId) {
}
