package io.eventmall.api.inventory;

public record StockReturned(String productId, String orderId, int quantity, int available) {
}
