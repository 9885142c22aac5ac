package io.eventmall.api.product;

public record ProductListed(String productId) {
}
