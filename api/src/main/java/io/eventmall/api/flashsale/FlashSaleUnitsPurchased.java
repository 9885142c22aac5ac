package io.eventmall.api.flashsale;

public record FlashSaleUnitsPurchased(String flashSaleId, String purchaseId, String orderId, String userId, String productId, int quantity, long unitPrice, int remaining) {
}
