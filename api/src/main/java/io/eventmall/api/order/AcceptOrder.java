package io.eventmall.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.time.Instant;

public record AcceptOrder(@TargetAggregateIdentifier String orderId, Instant paymentDeadline) {
}
