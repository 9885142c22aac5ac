package io.eventmall.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RejectOrder(@TargetAggregateIdentifier String orderId, String reason) {
}
