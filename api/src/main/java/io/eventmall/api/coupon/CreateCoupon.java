package io.eventmall.api.coupon;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A coupon of {@code quantity} claims; {@code merchantId} set makes it one shop's (it discounts only that shop's lines). */
public record CreateCoupon(@TargetAggregateIdentifier String couponId, String name, long discountAmount,
                           long minOrderAmount, int quantity, int perUserLimit, Instant validFrom, Instant validTo,
                           String merchantId) {
}
