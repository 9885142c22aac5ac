package io.eventmall.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SettlePayment(@TargetAggregateIdentifier String paymentId, PaymentOutcome outcome, long paidAmount) {
}
