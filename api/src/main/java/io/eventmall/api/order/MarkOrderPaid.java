package io.eventmall.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record MarkOrderPaid(@TargetAggregateIdentifier String orderId, String paymentId, long amount) {
}
