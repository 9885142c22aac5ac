package io.eventmall.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelOrder(@TargetAggregateIdentifier String orderId, String requestedBy) {
}
