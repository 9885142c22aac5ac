package io.eventmall.api.address;

public record AddressRemoved(String addressId, String userId) {
}
