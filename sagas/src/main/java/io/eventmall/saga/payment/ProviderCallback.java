package io.eventmall.saga.payment;

import io.eventmall.api.payment.PaymentOutcome;
import java.time.Instant;

/** The body a payment provider posts to /payments/callback. */
public record ProviderCallback(String providerReference, String paymentId, long amount, PaymentOutcome outcome,
                               Instant occurredAt) {
}
