package io.eventmall.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ShipOrder(@TargetAggregateIdentifier String orderId) {
}
