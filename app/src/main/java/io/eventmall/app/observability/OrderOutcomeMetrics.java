package io.eventmall.app.observability;

import io.eventmall.api.order.OrderAccepted;
import io.eventmall.api.order.OrderCancelled;
import io.eventmall.api.order.OrderCompleted;
import io.eventmall.api.order.OrderExpired;
import io.eventmall.api.order.OrderPaid;
import io.eventmall.api.order.OrderPlaced;
import io.eventmall.api.order.OrderRefunded;
import io.eventmall.api.order.OrderRejected;
import io.eventmall.api.order.OrderShipped;
import io.eventmall.api.order.OrderStatus;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Counter {@code mall.orders} ({@code mall_orders_total{status}}): orders reaching each status (placed orders count as PENDING), counted on the node
 * whose command produced the event. A subscribing processor (AxonConfig registers it), so it never replays history
 * and costs nothing but the increment; summed over the nodes it is the shop's order rate by outcome.
 */
@Component
@ProcessingGroup(OrderOutcomeMetrics.PROCESSING_GROUP)
public class OrderOutcomeMetrics {

    public static final String PROCESSING_GROUP = "order-metrics";
    static final String METER = "mall.orders";

    private final MeterRegistry meters;

    OrderOutcomeMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    @EventHandler
    void on(OrderPlaced event) {
        count(OrderStatus.PENDING);
    }

    @EventHandler
    void on(OrderAccepted event) {
        count(OrderStatus.AWAITING_PAYMENT);
    }

    @EventHandler
    void on(OrderRejected event) {
        count(OrderStatus.REJECTED);
    }

    @EventHandler
    void on(OrderPaid event) {
        count(OrderStatus.PAID);
    }

    @EventHandler
    void on(OrderShipped event) {
        count(OrderStatus.SHIPPED);
    }

    @EventHandler
    void on(OrderCompleted event) {
        count(OrderStatus.COMPLETED);
    }

    @EventHandler
    void on(OrderCancelled event) {
        count(OrderStatus.CANCELLED);
    }

    @EventHandler
    void on(OrderExpired event) {
        count(OrderStatus.EXPIRED);
    }

    @EventHandler
    void on(OrderRefunded event) {
        count(OrderStatus.REFUNDED);
    }

    private void count(OrderStatus status) {
        meters.counter(METER, "status", status.name()).increment();
    }
}
