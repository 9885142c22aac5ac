package io.eventmall.query.order;

import io.eventmall.api.order.FindOrder;
import io.eventmall.api.order.FindOrdersOfCustomer;
import io.eventmall.api.order.FindOrdersOfMerchant;
import io.eventmall.api.order.FindOrdersToReview;
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
import io.eventmall.api.order.OrderView;
import io.eventmall.query.paging.KeysetCursor;
import io.eventmall.api.order.OrderPage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;

/** Order details with their status history, as the customer, admins and auditors read them. */
@Component
@ProcessingGroup(OrderProjection.NAME)
public class OrderProjection {

    public static final String NAME = "orders";

    private final OrderViewRepository orders;
    private final QueryUpdateEmitter updates;

    OrderProjection(OrderViewRepository orders, QueryUpdateEmitter updates) {
        this.orders = orders;
        this.updates = updates;
    }

    @EventHandler
    void on(OrderPlaced event, @Timestamp Instant at) {
        // By id, not existsById: its count query would flush and dirty-check the batch's orders first.
        if (orders.findById(event.orderId()).isPresent()) {
            return;
        }
        OrderEntity order = new OrderEntity(event.orderId(), event.customerId(), event.lines(), event.totalAmount(),
                event.flashSaleId(), at);
        order.discountedBy(event.couponClaimId(), event.discountAmount());
        orders.save(order);
        publish(event.orderId());
    }

    @EventHandler
    void on(OrderAccepted event, @Timestamp Instant at) {
        change(event.orderId(), order -> {
            order.awaitPaymentUntil(event.paymentDeadline());
            order.moveTo(OrderStatus.AWAITING_PAYMENT, at, null);
        });
    }

    @EventHandler
    void on(OrderRejected event, @Timestamp Instant at) {
        change(event.orderId(), order -> order.moveTo(OrderStatus.REJECTED, at, event.reason()));
    }

    @EventHandler
    void on(OrderCancelled event, @Timestamp Instant at) {
        change(event.orderId(), order -> order.moveTo(OrderStatus.CANCELLED, at, null));
    }

    @EventHandler
    void on(OrderExpired event, @Timestamp Instant at) {
        change(event.orderId(), order -> order.moveTo(OrderStatus.EXPIRED, at, null));
    }

    @EventHandler
    void on(OrderPaid event, @Timestamp Instant at) {
        change(event.orderId(), order -> {
            order.paidAt(at);
            order.moveTo(OrderStatus.PAID, at, null);
        });
    }

    @EventHandler
    void on(OrderShipped event, @Timestamp Instant at) {
        change(event.orderId(), order -> order.moveTo(OrderStatus.SHIPPED, at, null));
    }

    @EventHandler
    void on(OrderCompleted event, @Timestamp Instant at) {
        change(event.orderId(), order -> order.moveTo(OrderStatus.COMPLETED, at, null));
    }

    @EventHandler
    void on(OrderRefunded event, @Timestamp Instant at) {
        change(event.orderId(), order -> order.moveTo(OrderStatus.REFUNDED, at, event.reason()));
    }

    @ResetHandler
    void reset() {
        orders.deleteAllInBatch();
    }

    @QueryHandler
    Optional<OrderView> handle(FindOrder query) {
        return orders.findById(query.orderId()).map(OrderEntity::toView);
    }

    @QueryHandler
    OrderPage handle(FindOrdersOfCustomer query) {
        int size = KeysetCursor.pageSize(query.size());
        KeysetCursor after = KeysetCursor.startingAt(query.cursor());
        Limit oneMore = Limit.of(size + 1);
        List<OrderEntity> rows = query.status() == null
                ? orders.pageOfCustomer(query.customerId(), after.at(), after.id(), oneMore)
                : orders.pageOfCustomerInStatus(query.customerId(), query.status(), after.at(), after.id(), oneMore);
        return KeysetCursor.pageOf(rows, size, OrderEntity::toView,
                order -> new KeysetCursor(order.createdAt(), order.orderId()), OrderPage::new);
    }

    @QueryHandler
    OrderPage handle(FindOrdersOfMerchant query) {
        int size = KeysetCursor.pageSize(query.size());
        KeysetCursor after = KeysetCursor.startingAt(query.cursor());
        List<OrderEntity> rows = orders.pageOfMerchant(query.merchantId(),
                query.status() == null ? null : query.status().name(), after.at(), after.id(), size + 1);
        return KeysetCursor.pageOf(rows, size, order -> order.toViewOfShop(query.merchantId()),
                order -> new KeysetCursor(order.createdAt(), order.orderId()), OrderPage::new);
    }

    @QueryHandler
    List<String> handle(FindOrdersToReview query) {
        return orders.paidOrdersContaining(query.customerId(), query.productId());
    }

    private void change(String orderId, Consumer<OrderEntity> change) {
        orders.findById(orderId).ifPresent(order -> {
            change.accept(order);
            publish(orderId);
        });
    }

    /** Live status for subscription queries (GET /orders/{id}/updates) on this node. */
    private void publish(String orderId) {
        orders.findById(orderId).ifPresent(order ->
                updates.emit(FindOrder.class, query -> query.orderId().equals(orderId), order.toView()));
    }
}
