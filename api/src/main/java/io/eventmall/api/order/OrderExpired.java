package io.eventmall.api.order;

public record OrderExpired(String orderId) {
}
