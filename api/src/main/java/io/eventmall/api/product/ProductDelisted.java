package io.eventmall.api.product;

public record ProductDelisted(String productId) {
}
