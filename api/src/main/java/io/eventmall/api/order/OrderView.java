package io.eventmall.api.order;

import java.time.Instant;
import java.util.List;

/** {@code totalAmount} is after the coupon's {@code discountAmount} (0 without a coupon). */
public record OrderView(String orderId, String customerId, OrderStatus status, List<OrderLine> items, long totalAmount,
                        Instant createdAt, Instant paymentDeadline, Instant paidAt, String flashSaleId,
                        List<OrderHistoryEntry> history, long discountAmount, String couponClaimId) {
}
