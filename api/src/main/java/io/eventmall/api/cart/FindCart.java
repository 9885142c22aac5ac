package io.eventmall.api.cart;

public record FindCart(String userId) {
}
