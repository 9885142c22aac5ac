package io.eventmall.api.payment;

public record PaymentRefunded(String paymentId, String orderId, String customerId, long amount, String reason) {
}
