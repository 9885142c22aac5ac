package io.eventmall.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReleaseStock(String productId, String orderId) {

    @TargetAggregateIdentifier
    public String inventoryId() {
        return InventoryId.of(productId);
    }
}
