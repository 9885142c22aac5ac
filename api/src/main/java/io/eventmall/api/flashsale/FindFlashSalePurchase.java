package io.eventmall.api.flashsale;

public record FindFlashSalePurchase(String flashSaleId, String purchaseId) {
}
