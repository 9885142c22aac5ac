package io.eventmall.api.address;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddAddress(@TargetAggregateIdentifier String addressId, String userId, ShippingAddress address, boolean isDefault) {
}
