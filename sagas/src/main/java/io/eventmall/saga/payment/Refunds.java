package io.eventmall.saga.payment;

import io.eventmall.api.inventory.ReturnStock;
import io.eventmall.api.order.OrderRefunded;
import io.eventmall.api.payment.PaymentRefunded;
import io.eventmall.api.payment.RefundPayment;
import io.eventmall.saga.ProcessCommands;
import io.eventmall.saga.notification.Notification;
import io.eventmall.saga.notification.NotificationSender;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A refunded order gives its money back through its payment and its units back to stock; a refunded
 * payment is paid back by the provider and told to the customer. Every command here acts once, so a
 * redelivered event changes nothing.
 */
@Component
@ProcessingGroup("refunds")
public class Refunds {

    private static final Logger log = LoggerFactory.getLogger(Refunds.class);

    private final ProcessCommands commands;
    private final ObjectProvider<PaymentProvider> providers;
    private final NotificationSender notifications;

    Refunds(ProcessCommands commands, ObjectProvider<PaymentProvider> providers, NotificationSender notifications) {
        this.commands = commands;
        this.providers = providers;
        this.notifications = notifications;
    }

    @EventHandler
    void on(OrderRefunded refunded) {
        if (refunded.paymentId() != null) {
            tolerate(refunded.orderId(), new RefundPayment(refunded.paymentId(), refunded.reason()));
        }
        refunded.restockedLines().forEach(line -> tolerate(refunded.orderId(),
                new ReturnStock(line.productId(), refunded.orderId())));
    }

    /** A refusal means the world moved on (e.g. the units were never reserved): logged, not retried. */
    private void tolerate(String orderId, Object command) {
        commands.trySend(command).ifPresent(refused -> log.warn("refund of order {}: {} refused ({})", orderId,
                command.getClass().getSimpleName(), refused.getMessage()));
    }

    @EventHandler
    void on(PaymentRefunded refunded) {
        // Without a provider this fails: retried, then parked (docs/processes.md); the refund waits, it is not
        // lost. The provider takes the payment id as its idempotency key, so a redelivery pays back once.
        providers.getObject().refund(refunded.paymentId(), refunded.amount());
        notifications.send(new Notification(refunded.customerId(), "PAYMENT_REFUNDED", "Payment refunded",
                refunded.amount() + " of payment " + refunded.paymentId() + " for order " + refunded.orderId()
                        + " is on its way back to you: " + refunded.reason()));
    }
}
