package io.eventmall.api.address;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeAddress(@TargetAggregateIdentifier String addressId, String userId, ShippingAddress address, boolean isDefault) {
}
