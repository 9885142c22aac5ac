package io.eventmall.api.coupon;

import java.time.Instant;

public record CouponClaimView(String claimId, String couponId, CouponClaimStatus status, String orderId,
                              Instant claimedAt) {
}
