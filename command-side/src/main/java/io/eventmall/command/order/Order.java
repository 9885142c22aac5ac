package io.eventmall.command.order;

import io.eventmall.api.Money;
import io.eventmall.api.Refusal;
import io.eventmall.api.RuleViolation;
import io.eventmall.api.address.ShippingAddress;
import io.eventmall.api.order.AcceptOrder;
import io.eventmall.api.order.CancelOrder;
import io.eventmall.api.order.CompleteOrder;
import io.eventmall.api.order.ExpireOrder;
import io.eventmall.api.order.MarkOrderPaid;
import io.eventmall.api.order.OrderAccepted;
import io.eventmall.api.order.OrderCancelled;
import io.eventmall.api.order.OrderCompleted;
import io.eventmall.api.order.OrderExpired;
import io.eventmall.api.order.OrderLine;
import io.eventmall.api.order.OrderPaid;
import io.eventmall.api.order.OrderPlaced;
import io.eventmall.api.order.OrderRefunded;
import io.eventmall.api.order.OrderRejected;
import io.eventmall.api.order.OrderShipped;
import io.eventmall.api.order.OrderStatus;
import io.eventmall.api.order.RefundOrder;
import io.eventmall.api.order.RejectOrder;
import io.eventmall.api.order.ShipOrder;
import io.eventmall.api.review.ReviewIds;
import io.eventmall.api.review.ReviewWritten;
import io.eventmall.api.review.WriteReview;
import io.eventmall.command.Required;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.eventmall.api.order.OrderStatus.AWAITING_PAYMENT;
import static io.eventmall.api.order.OrderStatus.CANCELLED;
import static io.eventmall.api.order.OrderStatus.COMPLETED;
import static io.eventmall.api.order.OrderStatus.EXPIRED;
import static io.eventmall.api.order.OrderStatus.PAID;
import static io.eventmall.api.order.OrderStatus.PENDING;
import static io.eventmall.api.order.OrderStatus.REFUNDED;
import static io.eventmall.api.order.OrderStatus.REJECTED;
import static io.eventmall.api.order.OrderStatus.SHIPPED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Placed by {@link OrderPlacement}, which needs the catalog, the address book and the stock to price, address and
 * reserve the order.
 */
@Aggregate(cache = "aggregateCache", snapshotTriggerDefinition = "snapshotTrigger")
public class Order {

    private static final Map<OrderStatus, Set<OrderStatus>> REACHABLE_FROM = new EnumMap<>(Map.of(
            AWAITING_PAYMENT, EnumSet.of(PENDING),
            REJECTED, EnumSet.of(PENDING),
            CANCELLED, EnumSet.of(PENDING, AWAITING_PAYMENT),
            EXPIRED, EnumSet.of(AWAITING_PAYMENT),
            PAID, EnumSet.of(AWAITING_PAYMENT),
            SHIPPED, EnumSet.of(PAID),
            COMPLETED, EnumSet.of(SHIPPED),
            REFUNDED, EnumSet.of(PAID, SHIPPED, COMPLETED)));

    private static final Set<OrderStatus> REVIEWABLE = EnumSet.of(PAID, SHIPPED, COMPLETED);

    @AggregateIdentifier
    private String orderId;
    private String customerId;
    private long totalAmount;
    private OrderStatus status;
    private List<OrderLine> lines;
    private String flashSaleId;
    private String paymentId;
    private Instant paymentDeadline;
    private Set<String> reviewedProductIds = new HashSet<>();

    /** An order as {@link OrderPlacement} priced and addressed it, before its stock is decided. */
    record Placement(String orderId, String customerId, List<OrderLine> lines, ShippingAddress shippingAddress,
                     boolean fromCart, String couponClaimId, long discountAmount) {
    }

    /** Placed with every line reserved: it awaits payment until the deadline. */
    static Order placedAndAccepted(Placement placement, Instant paymentDeadline) {
        Required.value("paymentDeadline", paymentDeadline);
        Order order = new Order(placement);
        apply(new OrderAccepted(placement.orderId(), paymentDeadline, false));
        return order;
    }

    /** Placed with a line short of stock: nothing was reserved, and the order ends here (its claim goes back). */
    static Order placedAndRejected(Placement placement, String reason) {
        Order order = new Order(placement);
        apply(new OrderRejected(placement.orderId(), reason));
        return order;
    }

    /** The customer pays the lines' total less the coupon's discount (0 without one). */
    private Order(Placement placement) {
        long linesTotal = totalOf(placement.lines());
        if (placement.discountAmount() < 0 || placement.discountAmount() > linesTotal) {
            throw RuleViolation.invalid("a discount of " + placement.discountAmount() + " does not fit a total of "
                    + linesTotal);
        }
        apply(new OrderPlaced(placement.orderId(), placement.customerId(), List.copyOf(placement.lines()),
                linesTotal - placement.discountAmount(), placement.shippingAddress(), null, null, placement.fromCart(),
                placement.couponClaimId(), placement.discountAmount(), true, true));
    }

    /**
     * A flash-sale order: one line at the sale price. Its units were admitted by the sale, not reserved from
     * stock, so nothing stands between placing and accepting it: it awaits payment from the start.
     */
    Order(String orderId, String customerId, OrderLine line, String flashSaleId, String purchaseId,
          Instant paymentDeadline) {
        Required.value("paymentDeadline", paymentDeadline);
        apply(new OrderPlaced(orderId, customerId, List.of(line), totalOf(List.of(line)), null, flashSaleId,
                purchaseId, false, null, 0, false, true));
        apply(new OrderAccepted(orderId, paymentDeadline, true));
    }

    private static long totalOf(List<OrderLine> lines) {
        return lines.stream().mapToLong(OrderLine::lineAmount).reduce(0L, Money::sum);
    }

    protected Order() {
    }

    /**
     * Accepting again with the same deadline is the redelivered command of a process that already accepted
     * the order: it changes nothing and succeeds, so the process goes on (schedules its deadline).
     */
    @CommandHandler
    public void handle(AcceptOrder command) {
        Required.value("paymentDeadline", command.paymentDeadline());
        if (status == AWAITING_PAYMENT && command.paymentDeadline().equals(paymentDeadline)) {
            return;
        }
        requireCanBecome(AWAITING_PAYMENT);
        apply(new OrderAccepted(orderId, command.paymentDeadline(), flashSaleId != null));
    }

    /** Rejecting a rejected order again is a redelivered command: no-op success. */
    @CommandHandler
    public void handle(RejectOrder command) {
        if (status == REJECTED) {
            return;
        }
        requireCanBecome(REJECTED);
        apply(new OrderRejected(orderId, command.reason()));
    }

    @CommandHandler
    public void handle(CancelOrder command) {
        if (!customerId.equals(command.requestedBy())) {
            throw new RuleViolation(Refusal.FORBIDDEN, "only the customer who placed order " + orderId + " may cancel it");
        }
        requireCanBecome(CANCELLED);
        apply(new OrderCancelled(orderId, command.requestedBy()));
    }

    /** Expiring an expired order again (a deadline fired twice) is a no-op success. */
    @CommandHandler
    public void handle(ExpireOrder command) {
        if (status == EXPIRED) {
            return;
        }
        requireCanBecome(EXPIRED);
        apply(new OrderExpired(orderId));
    }

    /**
     * The provider reports what the customer actually paid; anything but the total must not settle the order.
     * The payment that already paid this order, reported again (a redelivered PaymentSucceeded), is a no-op
     * success: it must not look like money for an order that cannot take it, which would be refunded.
     */
    @CommandHandler
    public void handle(MarkOrderPaid command) {
        if (paymentId != null && paymentId.equals(command.paymentId())) {
            return;
        }
        requireCanBecome(PAID);
        if (command.amount() != totalAmount) {
            throw RuleViolation.invalid("payment " + command.paymentId() + " of " + command.amount()
                    + " does not match the total " + totalAmount + " of order " + orderId);
        }
        apply(new OrderPaid(orderId, command.paymentId(), command.amount(), customerId, lines, flashSaleId));
    }

    @CommandHandler
    public void handle(ShipOrder command) {
        requireCanBecome(SHIPPED);
        apply(new OrderShipped(orderId));
    }

    @CommandHandler
    public void handle(CompleteOrder command) {
        requireCanBecome(COMPLETED);
        apply(new OrderCompleted(orderId));
    }

    /** Refunded units go back on the shelf, except a flash sale's: those were a separate allotment. */
    @CommandHandler
    public void handle(RefundOrder command) {
        requireCanBecome(REFUNDED);
        apply(new OrderRefunded(orderId, totalAmount, command.reason(), paymentId,
                flashSaleId == null ? lines : List.of()));
    }

    /**
     * Whether a payment of this amount by this customer may be taken for the order: used by
     * {@code PaymentInitiation} before a payment is requested. Applies nothing.
     */
    public void requirePayable(String payerId, long amount) {
        if (!customerId.equals(payerId)) {
            throw new RuleViolation(Refusal.FORBIDDEN, "only the customer who placed order " + orderId + " may pay it");
        }
        if (status != AWAITING_PAYMENT) {
            throw RuleViolation.invalidState("order " + orderId + " is " + status + ", it cannot be paid");
        }
        if (amount != totalAmount) {
            throw RuleViolation.invalid("a payment of " + amount + " does not match the total " + totalAmount);
        }
    }

    /**
     * One review per order line, only by the customer who bought it, only once the order was paid (a refunded
     * or unpaid order does not count as bought).
     */
    @CommandHandler
    public void handle(WriteReview command) {
        if (!customerId.equals(command.customerId())) {
            throw new RuleViolation(Refusal.FORBIDDEN, "only the customer who placed order " + orderId + " may review it");
        }
        if (!REVIEWABLE.contains(status)) {
            throw new RuleViolation(Refusal.FORBIDDEN, "order " + orderId + " is " + status + ", not a paid order");
        }
        if (lines.stream().noneMatch(line -> line.productId().equals(command.productId()))) {
            throw new RuleViolation(Refusal.FORBIDDEN, "order " + orderId + " has no line for product " + command.productId());
        }
        if (reviewedProductIds.contains(command.productId())) {
            throw new RuleViolation(Refusal.DUPLICATE_REQUEST,
                    "product " + command.productId() + " of order " + orderId + " is already reviewed");
        }
        if (command.rating() < 1 || command.rating() > 5) {
            throw RuleViolation.invalid("rating must be between 1 and 5, was " + command.rating());
        }
        Required.text("content", command.content());
        apply(new ReviewWritten(ReviewIds.of(orderId, command.productId()), orderId, command.productId(), customerId,
                command.rating(), command.content()));
    }

    /** Where the order is now: what a repeated placement answers. */
    OrderStatus status() {
        return status;
    }

    private void requireCanBecome(OrderStatus next) {
        if (!REACHABLE_FROM.get(next).contains(status)) {
            throw RuleViolation.invalidState("order " + orderId + " is " + status + ", it cannot become " + next);
        }
    }

    @EventSourcingHandler
    void on(OrderPlaced event) {
        orderId = event.orderId();
        customerId = event.customerId();
        totalAmount = event.totalAmount();
        lines = event.lines();
        flashSaleId = event.flashSaleId();
        status = PENDING;
    }

    @EventSourcingHandler
    void on(ReviewWritten event) {
        reviewedProductIds.add(event.productId());
    }

    @EventSourcingHandler
    void on(OrderAccepted event) {
        status = AWAITING_PAYMENT;
        paymentDeadline = event.paymentDeadline();
    }

    @EventSourcingHandler
    void on(OrderRejected event) {
        status = REJECTED;
    }

    @EventSourcingHandler
    void on(OrderCancelled event) {
        status = CANCELLED;
    }

    @EventSourcingHandler
    void on(OrderExpired event) {
        status = EXPIRED;
    }

    @EventSourcingHandler
    void on(OrderPaid event) {
        paymentId = event.paymentId();
        status = PAID;
    }

    @EventSourcingHandler
    void on(OrderShipped event) {
        status = SHIPPED;
    }

    @EventSourcingHandler
    void on(OrderCompleted event) {
        status = COMPLETED;
    }

    @EventSourcingHandler
    void on(OrderRefunded event) {
        status = REFUNDED;
    }
}
