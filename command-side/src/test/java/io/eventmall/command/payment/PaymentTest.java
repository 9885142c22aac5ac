package io.eventmall.command.payment;

import io.eventmall.api.Refusal;
import io.eventmall.api.payment.PaymentFailed;
import io.eventmall.api.payment.PaymentOutcome;
import io.eventmall.api.payment.PaymentRefunded;
import io.eventmall.api.payment.PaymentRequested;
import io.eventmall.api.payment.PaymentSucceeded;
import io.eventmall.api.payment.RefundPayment;
import io.eventmall.api.payment.SettlePayment;
import io.eventmall.command.Refused;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaymentTest {

    private static final String PAYMENT = "payment-1";
    private static final String ORDER = "order-1";
    private static final String CUSTOMER = "user-1";
    private static final PaymentRequested REQUESTED = new PaymentRequested(PAYMENT, ORDER, CUSTOMER, 4_500, "sbx-1");
    private static final PaymentSucceeded SUCCEEDED = new PaymentSucceeded(PAYMENT, ORDER, CUSTOMER, 4_500);

    private AggregateTestFixture<Payment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Payment.class);
    }

    @Test
    void aFullPaymentSucceeds() {
        fixture.given(REQUESTED)
                .when(new SettlePayment(PAYMENT, PaymentOutcome.SUCCESS, 4_500))
                .expectEvents(SUCCEEDED);
    }

    @Test
    void anAmountOtherThanRequestedFailsThePaymentAndPaysTheMoneyBack() {
        fixture.given(REQUESTED)
                .when(new SettlePayment(PAYMENT, PaymentOutcome.SUCCESS, 4_000))
                .expectEvents(new PaymentFailed(PAYMENT, ORDER, CUSTOMER, 4_000, "AMOUNT_MISMATCH"),
                        new PaymentRefunded(PAYMENT, ORDER, CUSTOMER, 4_000,
                                "paid 4000 where 4500 was asked: the money received is paid back"));
    }

    @Test
    void aDeclineFailsThePayment() {
        fixture.given(REQUESTED)
                .when(new SettlePayment(PAYMENT, PaymentOutcome.FAILURE, 0))
                .expectEvents(new PaymentFailed(PAYMENT, ORDER, CUSTOMER, 0, "DECLINED_BY_PROVIDER"));
    }

    @Test
    void aRepeatedNotificationChangesNothing() {
        fixture.given(REQUESTED, SUCCEEDED)
                .when(new SettlePayment(PAYMENT, PaymentOutcome.SUCCESS, 4_500))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aLateContradictingNotificationChangesNothing() {
        fixture.given(REQUESTED, new PaymentFailed(PAYMENT, ORDER, CUSTOMER, 0, "DECLINED_BY_PROVIDER"))
                .when(new SettlePayment(PAYMENT, PaymentOutcome.SUCCESS, 4_500))
                .expectNoEvents();
    }

    @Test
    void aSettlementWithoutOutcomeIsRefused() {
        fixture.given(REQUESTED)
                .when(new SettlePayment(PAYMENT, null, 4_500))
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }

    @Test
    void aSucceededPaymentIsRefundedOnce() {
        fixture.given(REQUESTED, SUCCEEDED)
                .when(new RefundPayment(PAYMENT, "order expired"))
                .expectEvents(new PaymentRefunded(PAYMENT, ORDER, CUSTOMER, 4_500, "order expired"));
        fixture.given(REQUESTED, SUCCEEDED, new PaymentRefunded(PAYMENT, ORDER, CUSTOMER, 4_500, "order expired"))
                .when(new RefundPayment(PAYMENT, "again"))
                .expectNoEvents();
    }

    @Test
    void anUnpaidPaymentCannotBeRefunded() {
        fixture.given(REQUESTED)
                .when(new RefundPayment(PAYMENT, "why"))
                .expectException(Refused.because(Refusal.INVALID_STATE));
    }
}
