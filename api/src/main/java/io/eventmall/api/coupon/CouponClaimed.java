package io.eventmall.api.coupon;

/** One of the coupon's claims now belongs to the user; {@code remaining} claims are left. */
public record CouponClaimed(String couponId, String claimId, String userId, int remaining) {
}
