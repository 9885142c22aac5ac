package io.eventmall.saga.payment;

import io.eventmall.api.order.MarkOrderPaid;
import io.eventmall.api.payment.PaymentFailed;
import io.eventmall.api.payment.PaymentRequested;
import io.eventmall.api.payment.PaymentSucceeded;
import io.eventmall.api.payment.RefundPayment;
import io.eventmall.saga.ProcessCommands;
import io.eventmall.saga.notification.Notification;
import io.eventmall.saga.notification.NotificationSender;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Pushes a settled payment to its order. Money that arrives for an order that can no longer be paid
 * (expired, cancelled, or paid by another attempt) is refunded automatically: never a paid expired order.
 * A redelivered PaymentSucceeded finds the order paid by this very payment, which the order answers as a
 * success: it is never mistaken for money to refund.
 */
@Saga
public class PaymentSettlement {

    private static final String PAYMENT_ID = "paymentId";
    private static final Logger log = LoggerFactory.getLogger(PaymentSettlement.class);

    @Autowired
    private transient ProcessCommands commands;
    @Autowired
    private transient NotificationSender notifications;

    @StartSaga
    @SagaEventHandler(associationProperty = PAYMENT_ID)
    public void on(PaymentRequested requested) {
        log.info("payment {} requested for order {}", requested.paymentId(), requested.orderId());
    }

    @EndSaga
    @SagaEventHandler(associationProperty = PAYMENT_ID)
    public void on(PaymentSucceeded paid) {
        commands.trySend(new MarkOrderPaid(paid.orderId(), paid.paymentId(), paid.amount())).ifPresent(refused -> {
            log.warn("payment {} arrived for order {} that cannot take it ({}): refunding", paid.paymentId(),
                    paid.orderId(), refused.getMessage());
            commands.trySend(new RefundPayment(paid.paymentId(), "order " + paid.orderId() + " could not be paid: "
                    + refused.getMessage())).ifPresent(notRefunded -> log.warn("payment {} was not refunded: {}",
                    paid.paymentId(), notRefunded.getMessage()));
        });
    }

    @EndSaga
    @SagaEventHandler(associationProperty = PAYMENT_ID)
    public void on(PaymentFailed failed) {
        notifications.send(new Notification(failed.customerId(), "PAYMENT_FAILED", "Payment failed",
                "Payment " + failed.paymentId() + " for order " + failed.orderId() + " failed (" + failed.reason()
                        + "); the order can still be paid until its deadline."));
    }
}
