package io.eventmall.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RefundOrder(@TargetAggregateIdentifier String orderId, String reason) {
}
