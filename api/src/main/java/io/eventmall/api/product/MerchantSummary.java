package io.eventmall.api.product;

public record MerchantSummary(String merchantId, String name) {
}
