package io.eventmall.api.coupon;

/** AVAILABLE: not held by an order; USED: held by an order that is placed, awaits payment or was paid. */
public enum CouponClaimStatus {
    AVAILABLE, USED
}
