package io.eventmall.api.payment;

public record PaymentSucceeded(String paymentId, String orderId, String customerId, long amount) {
}
