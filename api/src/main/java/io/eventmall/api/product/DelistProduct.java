package io.eventmall.api.product;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DelistProduct(@TargetAggregateIdentifier String productId) {
}
