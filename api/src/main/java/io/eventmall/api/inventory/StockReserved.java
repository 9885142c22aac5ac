package io.eventmall.api.inventory;

public record StockReserved(String productId, String orderId, int quantity, int available) {
}
