package io.eventmall.api.coupon;

/** The user's claims, newest first, keyset-paged. */
public record FindCouponClaimsOfUser(String userId, String cursor, int size) {
}
