package io.eventmall.api.cart;

public record CartItemRemoved(String userId, String productId) {
}
