package io.eventmall.api.cart;

public record CartCleared(String userId) {
}
