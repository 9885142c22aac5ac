package io.eventmall.api.product;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ListProduct(@TargetAggregateIdentifier String productId) {
}
