package io.eventmall.api.payment;

/** What the payment provider reports for a payment. */
public enum PaymentOutcome {
    SUCCESS, FAILURE
}
