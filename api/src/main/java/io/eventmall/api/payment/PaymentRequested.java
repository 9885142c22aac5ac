package io.eventmall.api.payment;

public record PaymentRequested(String paymentId, String orderId, String customerId, long amount, String providerReference) {
}
