package io.eventmall.api.merchant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateMerchant(@TargetAggregateIdentifier String merchantId, String name, String description, String ownerUserId) {
}
