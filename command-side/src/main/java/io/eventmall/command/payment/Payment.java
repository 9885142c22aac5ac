package io.eventmall.command.payment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.eventmall.api.RuleViolation;
import io.eventmall.api.payment.PaymentFailed;
import io.eventmall.api.payment.PaymentOutcome;
import io.eventmall.api.payment.PaymentRefunded;
import io.eventmall.api.payment.PaymentRequested;
import io.eventmall.api.payment.PaymentSucceeded;
import io.eventmall.api.payment.RefundPayment;
import io.eventmall.api.payment.SettlePayment;
import io.eventmall.command.Required;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One attempt to pay an order through the provider. It settles exactly once: the provider may repeat
 * its notification, and only the first one counts.
 */
@Aggregate
public class Payment {

    private enum Stage { REQUESTED, SUCCEEDED, FAILED, REFUNDED }

    @AggregateIdentifier
    private String paymentId;
    private String orderId;
    private String customerId;
    private long amount;
    private Stage stage;

    protected Payment() {
    }

    Payment(String paymentId, String orderId, String customerId, long amount, String providerReference) {
        Required.text("paymentId", paymentId);
        Required.text("providerReference", providerReference);
        Required.positive("amount", amount);
        apply(new PaymentRequested(paymentId, orderId, customerId, amount, providerReference));
    }

    /**
     * The provider's word on the payment. A paid amount other than the one requested fails it, and whatever money did
     * arrive goes straight back: nothing is kept that was not owed (the order stays payable).
     */
    @CommandHandler
    public void handle(SettlePayment command) {
        if (stage != Stage.REQUESTED) {
            return;
        }
        Required.value("outcome", command.outcome());
        if (command.outcome() == PaymentOutcome.FAILURE) {
            apply(new PaymentFailed(paymentId, orderId, customerId, command.paidAmount(), "DECLINED_BY_PROVIDER"));
        } else if (command.paidAmount() != amount) {
            apply(new PaymentFailed(paymentId, orderId, customerId, command.paidAmount(), "AMOUNT_MISMATCH"));
            if (command.paidAmount() > 0) {
                apply(new PaymentRefunded(paymentId, orderId, customerId, command.paidAmount(), "paid "
                        + command.paidAmount() + " where " + amount + " was asked: the money received is paid back"));
            }
        } else {
            apply(new PaymentSucceeded(paymentId, orderId, customerId, amount));
        }
    }

    @CommandHandler
    public void handle(RefundPayment command) {
        if (stage == Stage.REFUNDED) {
            return;
        }
        if (stage != Stage.SUCCEEDED) {
            throw RuleViolation.invalidState("payment " + paymentId + " is " + stage + ", only a succeeded one is refunded");
        }
        apply(new PaymentRefunded(paymentId, orderId, customerId, amount, command.reason()));
    }

    @EventSourcingHandler
    void on(PaymentRequested event) {
        paymentId = event.paymentId();
        orderId = event.orderId();
        customerId = event.customerId();
        amount = event.amount();
        stage = Stage.REQUESTED;
    }

    @EventSourcingHandler
    void on(PaymentSucceeded event) {
        stage = Stage.SUCCEEDED;
    }

    @EventSourcingHandler
    void on(PaymentFailed event) {
        stage = Stage.FAILED;
    }

    @EventSourcingHandler
    void on(PaymentRefunded event) {
        stage = Stage.REFUNDED;
    }
}
