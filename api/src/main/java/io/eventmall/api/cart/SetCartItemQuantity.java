package io.eventmall.api.cart;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SetCartItemQuantity(String userId, String productId, int quantity) {

    @TargetAggregateIdentifier
    public String cartId() {
        return CartId.of(userId);
    }
}
