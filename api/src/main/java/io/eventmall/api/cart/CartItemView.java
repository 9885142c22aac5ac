package io.eventmall.api.cart;

public record CartItemView(String productId, String name, int quantity, long price) {
}
