package io.eventmall.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CompleteOrder(@TargetAggregateIdentifier String orderId) {
}
