package io.eventmall.api.coupon;

import java.time.Instant;

public record CouponCreated(String couponId, String name, long discountAmount, long minOrderAmount, int quantity,
                            int perUserLimit, Instant validFrom, Instant validTo, String merchantId) {
}
