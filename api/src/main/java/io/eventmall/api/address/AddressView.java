package io.eventmall.api.address;

public record AddressView(String addressId, String userId, ShippingAddress address, boolean isDefault) {
}
