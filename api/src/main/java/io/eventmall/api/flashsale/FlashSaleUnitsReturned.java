package io.eventmall.api.flashsale;

public record FlashSaleUnitsReturned(String flashSaleId, String purchaseId, String userId, int quantity, int remaining) {
}
