package io.eventmall.api.coupon;

public record FindCoupon(String couponId) {
}
