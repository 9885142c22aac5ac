package io.eventmall.api.address;

public record AddressChanged(String addressId, String userId, ShippingAddress address, boolean isDefault) {
}
