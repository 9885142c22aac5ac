package io.eventmall.api.payment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RequestPayment(@TargetAggregateIdentifier String paymentId, String orderId, String customerId, long amount, String providerReference) {
}
