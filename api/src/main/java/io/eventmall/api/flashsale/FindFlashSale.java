package io.eventmall.api.flashsale;

public record FindFlashSale(String flashSaleId) {
}
