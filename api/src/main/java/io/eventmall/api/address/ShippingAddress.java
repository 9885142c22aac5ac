package io.eventmall.api.address;

public record ShippingAddress(String receiverName, String phone, String province, String city, String district, String detailAddress, String postalCode) {
}
