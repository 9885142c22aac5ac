package io.eventmall.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddStock(String productId, int quantity) {

    @TargetAggregateIdentifier
    public String inventoryId() {
        return InventoryId.of(productId);
    }
}
