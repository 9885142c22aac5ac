package io.eventmall.query.order;

import io.eventmall.api.order.OrderHistoryEntry;
import io.eventmall.api.order.OrderLine;
import io.eventmall.api.order.OrderStatus;
import io.eventmall.api.order.OrderView;
import io.eventmall.query.jpa.AssignedIdEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of the order read model. It says itself whether it is new ({@link AssignedIdEntity}): its id is the order's, so
 * Spring Data would otherwise take every new order for an existing one and merge it (a SELECT before each insert).
 */
@Entity
@Table(name = "order_view")
class OrderEntity extends AssignedIdEntity {

    @Id
    private String orderId;
    @Column(nullable = false)
    private String customerId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private OrderStatus status;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private List<OrderLine> items;
    private long totalAmount;
    @Column(nullable = false)
    private Instant createdAt;
    private Instant paymentDeadline;
    private Instant paidAt;
    private String flashSaleId;
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private List<OrderHistoryEntry> history;
    private long discountAmount;
    private String couponClaimId;

    protected OrderEntity() {
    }

    OrderEntity(String orderId, String customerId, List<OrderLine> items, long totalAmount, String flashSaleId,
                Instant createdAt) {
        this.orderId = orderId;
        this.customerId = customerId;
        this.items = List.copyOf(items);
        this.totalAmount = totalAmount;
        this.flashSaleId = flashSaleId;
        this.createdAt = createdAt;
        this.status = OrderStatus.PENDING;
        this.history = new ArrayList<>(List.of(new OrderHistoryEntry(OrderStatus.PENDING, createdAt, null)));
        markNew();
    }

    @Override
    public String getId() {
        return orderId;
    }


    void discountedBy(String couponClaimId, long discountAmount) {
        this.couponClaimId = couponClaimId;
        this.discountAmount = discountAmount;
    }

    void moveTo(OrderStatus newStatus, Instant at, String note) {
        this.status = newStatus;
        List<OrderHistoryEntry> updated = new ArrayList<>(history);
        updated.add(new OrderHistoryEntry(newStatus, at, note));
        this.history = updated;
    }

    void awaitPaymentUntil(Instant deadline) {
        this.paymentDeadline = deadline;
    }

    void paidAt(Instant at) {
        this.paidAt = at;
    }

    String customerId() {
        return customerId;
    }

    /** The order as a shop sees it: only the lines of that shop's products. */
    OrderView toViewOfShop(String merchantId) {
        List<OrderLine> shopLines = items.stream().filter(line -> merchantId.equals(line.merchantId())).toList();
        return new OrderView(orderId, customerId, status, shopLines, totalAmount, createdAt, paymentDeadline, paidAt,
                flashSaleId, List.copyOf(history), discountAmount, couponClaimId);
    }

    OrderView toView() {
        return new OrderView(orderId, customerId, status, items, totalAmount, createdAt, paymentDeadline, paidAt,
                flashSaleId, List.copyOf(history), discountAmount, couponClaimId);
    }
}
