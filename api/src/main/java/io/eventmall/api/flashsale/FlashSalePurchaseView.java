package io.eventmall.api.flashsale;

public record FlashSalePurchaseView(String purchaseId, String flashSaleId, String userId, int quantity, PurchaseStatus status, String orderId, String reason) {
}
