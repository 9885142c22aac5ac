package io.eventmall.api.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.util.List;

public record PlaceOrder(@TargetAggregateIdentifier String orderId, String customerId, List<OrderLineRequest> lines, String addressId, boolean fromCart) {
}
