package io.eventmall.api.inventory;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReserveStock(String productId, String orderId, int quantity) {

    @TargetAggregateIdentifier
    public String inventoryId() {
        return InventoryId.of(productId);
    }
}
