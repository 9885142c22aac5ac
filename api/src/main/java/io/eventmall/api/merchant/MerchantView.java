package io.eventmall.api.merchant;

public record MerchantView(String merchantId, String name, String description, String ownerUserId) {
}
