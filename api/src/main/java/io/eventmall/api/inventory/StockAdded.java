package io.eventmall.api.inventory;

public record StockAdded(String productId, int quantity, int available) {
}
