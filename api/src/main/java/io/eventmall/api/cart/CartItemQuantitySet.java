package io.eventmall.api.cart;

public record CartItemQuantitySet(String userId, String productId, int quantity) {
}
