package io.eventmall.api.order;

public record OrderPaid(String orderId, String paymentId, long amount) {
}
