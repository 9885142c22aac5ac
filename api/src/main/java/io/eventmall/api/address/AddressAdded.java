package io.eventmall.api.address;

public record AddressAdded(String addressId, String userId, ShippingAddress address, boolean isDefault) {
}
