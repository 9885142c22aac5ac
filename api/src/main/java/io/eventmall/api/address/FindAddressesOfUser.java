package io.eventmall.api.address;

public record FindAddressesOfUser(String userId) {
}
