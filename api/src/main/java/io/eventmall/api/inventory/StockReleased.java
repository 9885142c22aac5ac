package io.eventmall.api.inventory;

public record StockReleased(String productId, String orderId, int quantity, int available) {
}
