package io.eventmall.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RefundPayment(@TargetAggregateIdentifier String paymentId, String reason) {
}
