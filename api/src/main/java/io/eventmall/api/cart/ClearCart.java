package io.eventmall.api.cart;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ClearCart(String userId) {

    @TargetAggregateIdentifier
    public String cartId() {
        return CartId.of(userId);
    }
}
