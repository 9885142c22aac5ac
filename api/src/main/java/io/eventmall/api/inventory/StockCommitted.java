package io.eventmall.api.inventory;

public record StockCommitted(String productId, String orderId, int quantity) {
}
