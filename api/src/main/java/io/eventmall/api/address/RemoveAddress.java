package io.eventmall.api.address;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveAddress(@TargetAggregateIdentifier String addressId, String userId) {
}
