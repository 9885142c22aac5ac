package io.eventmall.saga.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventmall.api.RuleViolation;
import io.eventmall.api.order.MarkOrderPaid;
import io.eventmall.api.payment.PaymentFailed;
import io.eventmall.api.payment.PaymentRequested;
import io.eventmall.api.payment.PaymentSucceeded;
import io.eventmall.api.payment.RefundPayment;
import io.eventmall.saga.ProcessCommands;
import io.eventmall.saga.RecordingNotifications;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaymentSettlementTest {

    private static final PaymentRequested REQUESTED = new PaymentRequested("payment-1", "order-1", "user-1", 4_500, "sbx-1");

    private SagaTestFixture<PaymentSettlement> fixture;
    private final RecordingNotifications notifications = new RecordingNotifications();

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(PaymentSettlement.class);
        fixture.registerResource(new ProcessCommands(
                DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build(), Runnable::run));
        fixture.registerResource(notifications);
    }

    @Test
    void aSucceededPaymentPaysItsOrder() {
        fixture.givenAPublished(REQUESTED)
                .whenPublishingA(new PaymentSucceeded("payment-1", "order-1", "user-1", 4_500))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new MarkOrderPaid("order-1", "payment-1", 4_500));
    }

    @Test
    void moneyForAnOrderThatCannotBePaidAnyMoreIsRefunded() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof MarkOrderPaid) {
                throw RuleViolation.invalidState("order order-1 is EXPIRED, it cannot become PAID");
            }
            return null;
        });
        fixture.givenAPublished(REQUESTED)
                .whenPublishingA(new PaymentSucceeded("payment-1", "order-1", "user-1", 4_500))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new MarkOrderPaid("order-1", "payment-1", 4_500), new RefundPayment(
                        "payment-1", "order order-1 could not be paid: order order-1 is EXPIRED, it cannot become PAID"));
    }

    @Test
    void aFailedPaymentLeavesTheOrderPayableAndTellsTheCustomer() {
        fixture.givenAPublished(REQUESTED)
                .whenPublishingA(new PaymentFailed("payment-1", "order-1", "user-1", 4_000, "AMOUNT_MISMATCH"))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
        assertThat(notifications.kinds()).containsExactly("PAYMENT_FAILED");
    }

    @Test
    void aRedeliveredSucceededPaymentThatTheOrderAlreadyTookIsNotRefunded() {
        // The saga ended with the first delivery; a saga whose state was lost in a crash sends MarkOrderPaid
        // again, which the order answers with success for the payment that paid it (see OrderTest).
        fixture.givenAPublished(REQUESTED)
                .andThenAPublished(new PaymentSucceeded("payment-1", "order-1", "user-1", 4_500))
                .whenPublishingA(new PaymentSucceeded("payment-1", "order-1", "user-1", 4_500))
                .expectNoDispatchedCommands();
    }
}
