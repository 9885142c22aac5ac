package io.eventmall.saga.order;

import io.eventmall.api.RuleViolation;
import io.eventmall.api.cart.SetCartItemQuantity;
import io.eventmall.api.flashsale.ReturnFlashSaleUnits;
import io.eventmall.api.inventory.CommitStock;
import io.eventmall.api.inventory.ReleaseStock;
import io.eventmall.api.inventory.ReserveStock;
import io.eventmall.api.order.AcceptOrder;
import io.eventmall.api.order.ExpireOrder;
import io.eventmall.api.order.OrderAccepted;
import io.eventmall.api.order.OrderCancelled;
import io.eventmall.api.order.OrderExpired;
import io.eventmall.api.order.OrderLine;
import io.eventmall.api.order.OrderPaid;
import io.eventmall.api.order.OrderPlaced;
import io.eventmall.api.order.OrderRejected;
import io.eventmall.api.order.RejectOrder;
import io.eventmall.saga.ProcessCommands;
import io.eventmall.saga.notification.Notification;
import io.eventmall.saga.notification.NotificationSender;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Takes a placed order to a final state: awaits payment until a durable deadline, then commits the stock when
 * paid or gives the units back when the order is rejected, cancelled or expires. An order's stock is reserved
 * by its placement (accepted or rejected in the same commit), a flash-sale order's units by the sale; only an
 * order placed before placements reserved ({@code stockDecidedAtPlacement} false) is reserved and accepted here.
 * <p>
 * A command refused because the world moved on (the customer cancelled meanwhile) is an outcome handled
 * here, never an exception; every command it sends acts once per order, so an event delivered twice has
 * the effect of one delivery (see docs/processes.md).
 */
@Saga
public class OrderFulfilment {

    static final String PAYMENT_DEADLINE = "payment-deadline";
    /** Operators watch this: each payment deadline that fired, by what it found. */
    public static final String DEADLINES_FIRED = "mall.order.payment.deadlines";
    private static final String ORDER_ID = "orderId";
    private static final Logger log = LoggerFactory.getLogger(OrderFulfilment.class);

    @Autowired
    private transient ProcessCommands commands;
    @Autowired
    private transient DeadlineManager deadlines;
    @Autowired
    private transient PaymentTimeout paymentTimeout;
    @Autowired
    private transient NotificationSender notifications;
    @Autowired
    private transient MeterRegistry meters;

    private String orderId;
    private String customerId;
    private List<OrderLine> lines;
    private String flashSaleId;
    private String purchaseId;
    private boolean fromCart;
    private boolean stockDecidedAtPlacement;
    private List<String> reservedProductIds = new ArrayList<>();
    private String deadlineId;

    @StartSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderPlaced order, @Timestamp Instant placedAt) {
        orderId = order.orderId();
        customerId = order.customerId();
        lines = order.lines();
        flashSaleId = order.flashSaleId();
        purchaseId = order.purchaseId();
        fromCart = order.fromCart();
        stockDecidedAtPlacement = order.stockDecidedAtPlacement();
        if (flashSaleId != null || stockDecidedAtPlacement) {
            // Placed already accepted or rejected (by the sale or by the placement): the next event says which.
            return;
        }
        Optional<RuleViolation> shortage = reserveEveryLine();
        if (shortage.isPresent()) {
            reject(shortage.get().refusal() + ": " + shortage.get().getMessage());
            return;
        }
        // The customer's time to pay counts from placing the order, however late this saga handles it, and
        // the same deadline again is how a redelivered OrderPlaced finds the order accepted (a no-op).
        Instant deadline = placedAt.plus(paymentTimeout.duration());
        commands.trySend(new AcceptOrder(orderId, deadline)).ifPresent(refused -> log.info(
                "order {} was not accepted ({}); its cancellation releases its stock", orderId, refused.getMessage()));
    }

    /** The deadline is scheduled once per saga: a redelivered OrderAccepted finds it scheduled and does nothing. */
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderAccepted accepted) {
        if (deadlineId != null) {
            return;
        }
        if (stockDecidedAtPlacement) {
            reservedProductIds = new ArrayList<>(lines.stream().map(OrderLine::productId).toList());
        }
        deadlineId = deadlines.schedule(accepted.paymentDeadline(), PAYMENT_DEADLINE);
        log.debug("order {}: payment deadline {} scheduled for {}", orderId, deadlineId, accepted.paymentDeadline());
        if (fromCart) {
            lines.forEach(line -> tolerate(new SetCartItemQuantity(customerId, line.productId(), 0)));
        }
        if (flashSaleId != null) {
            notifications.send(new Notification(customerId, "FLASH_SALE_RESERVED", "Your flash-sale order is reserved",
                    "Order " + orderId + " holds your units; pay before " + accepted.paymentDeadline() + "."));
        } else {
            notifications.send(new Notification(customerId, "ORDER_ACCEPTED", "Order accepted",
                    "Order " + orderId + " is reserved for you; pay before " + accepted.paymentDeadline() + "."));
        }
    }

    @DeadlineHandler(deadlineName = PAYMENT_DEADLINE)
    public void paymentDeadlinePassed() {
        Optional<RuleViolation> refused = commands.trySend(new ExpireOrder(orderId));
        refused.ifPresentOrElse(
                why -> log.info("order {}: payment deadline {} fired, the order did not expire: {}", orderId, deadlineId,
                        why.getMessage()),
                () -> log.info("order {}: payment deadline {} fired, the order expired", orderId, deadlineId));
        meters.counter(DEADLINES_FIRED, "outcome", refused.isPresent() ? "already-settled" : "expired").increment();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderPaid paid) {
        cancelDeadline();
        reservedProductIds.forEach(productId -> tolerate(new CommitStock(productId, orderId)));
        notifications.send(new Notification(customerId, "PAYMENT_RECEIVED", "Payment received",
                "We received " + paid.amount() + " for order " + orderId + " (payment " + paid.paymentId() + ")."));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderExpired expired) {
        giveBackUnits();
        notifications.send(new Notification(customerId, "ORDER_EXPIRED", "Order expired",
                "Order " + orderId + " was not paid in time and has been closed."));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderCancelled cancelled) {
        cancelDeadline();
        giveBackUnits();
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ORDER_ID)
    public void on(OrderRejected rejected) {
        // Rejected by its placement (nothing was reserved), by this saga (nothing left to release) or by an
        // operator before acceptance.
        if (stockDecidedAtPlacement) {
            notifyRejected(rejected.reason());
        }
        giveBackUnits();
    }

    /** The lines' reservations are independent (one inventory each), so they are asked for at once. */
    private Optional<RuleViolation> reserveEveryLine() {
        List<Optional<RuleViolation>> outcomes = commands.trySendAll(lines.stream()
                .map(line -> new ReserveStock(line.productId(), orderId, line.quantity())).toList());
        Optional<RuleViolation> shortage = Optional.empty();
        for (int i = 0; i < lines.size(); i++) {
            if (outcomes.get(i).isEmpty() && !reservedProductIds.contains(lines.get(i).productId())) {
                reservedProductIds.add(lines.get(i).productId());
            } else if (shortage.isEmpty()) {
                shortage = outcomes.get(i);
            }
        }
        return shortage;
    }

    /**
     * A rejection the order refuses means the customer cancelled it meanwhile: an outcome, not a failure.
     * Either way the units are back and this saga is done (a later OrderCancelled finds it ended).
     */
    private void reject(String reason) {
        giveBackUnits();
        commands.trySend(new RejectOrder(orderId, reason)).ifPresentOrElse(
                refused -> log.info("order {} could not be rejected ({}): it was cancelled meanwhile, its stock is released",
                        orderId, refused.getMessage()),
                () -> notifyRejected(reason));
        SagaLifecycle.end();
    }

    private void notifyRejected(String reason) {
        notifications.send(new Notification(customerId, "ORDER_REJECTED", "Order rejected",
                "Order " + orderId + " could not be fulfilled: " + reason));
    }

    /** Releasing and returning twice are harmless (each acts once per order), so redelivery is safe. */
    private void giveBackUnits() {
        reservedProductIds.forEach(productId -> tolerate(new ReleaseStock(productId, orderId)));
        reservedProductIds = new ArrayList<>();
        if (flashSaleId != null) {
            tolerate(new ReturnFlashSaleUnits(flashSaleId, purchaseId, customerId));
        }
    }

    /** A refusal of a follow-up command means the world moved on (e.g. stock already settled): logged, not retried. */
    private void tolerate(Object command) {
        commands.trySend(command).ifPresent(refused -> log.warn("order {}: {} refused ({}); nothing left to do",
                orderId, command.getClass().getSimpleName(), refused.getMessage()));
    }

    private void cancelDeadline() {
        if (deadlineId != null) {
            deadlines.cancelSchedule(PAYMENT_DEADLINE, deadlineId);
        }
    }
}
