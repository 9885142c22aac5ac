package io.eventmall.api.merchant;

public record FindMerchant(String merchantId) {
}
