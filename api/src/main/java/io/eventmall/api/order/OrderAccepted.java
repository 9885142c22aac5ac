package io.eventmall.api.order;

import java.time.Instant;

/**
 * The order awaits payment until {@code paymentDeadline}. {@code flashSaleOrder}: whether it is a flash sale's order
 * (readers of sales skip the others without looking them up); null in events stored before it was recorded.
 */
public record OrderAccepted(String orderId, Instant paymentDeadline, Boolean flashSaleOrder) {

    /** An acceptance that does not say whether the order is a flash sale's (as stored before it was recorded). */
    public OrderAccepted(String orderId, Instant paymentDeadline) {
        this(orderId, paymentDeadline, null);
    }
}
