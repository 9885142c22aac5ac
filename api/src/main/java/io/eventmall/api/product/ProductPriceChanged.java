package io.eventmall.api.product;

public record ProductPriceChanged(String productId, long oldPrice, long newPrice) {
}
