package io.eventmall.api.coupon;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The claim id derives from the user's Idempotency-Key when given, so a retried claim is the same claim. */
public record ClaimCoupon(@TargetAggregateIdentifier String couponId, String claimId, String userId) {
}
