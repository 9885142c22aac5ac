/**
 * Coupons: a fixed discount handed out in a limited quantity, claimed by users and applied by an order
 * ({@code couponClaimId} on {@code PlaceOrder}).
 */
package io.eventmall.api.coupon;
