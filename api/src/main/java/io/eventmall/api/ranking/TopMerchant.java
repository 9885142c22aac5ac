package io.eventmall.api.ranking;

public record TopMerchant(String merchantId, String name, long paidAmount) {
}
