package io.eventmall.api.merchant;

public record MerchantCreated(String merchantId, String name, String description, String ownerUserId) {
}
