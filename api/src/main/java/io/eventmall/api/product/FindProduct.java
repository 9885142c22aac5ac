package io.eventmall.api.product;

public record FindProduct(String productId) {
}
