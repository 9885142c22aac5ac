package io.eventmall.api.order;

public record OrderRefunded(String orderId, long amount, String reason) {
}
