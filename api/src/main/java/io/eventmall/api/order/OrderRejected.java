package io.eventmall.api.order;

public record OrderRejected(String orderId, String reason) {
}
