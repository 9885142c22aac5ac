package io.eventmall.api.payment;

public record PaymentFailed(String paymentId, String orderId, String customerId, long paidAmount, String reason) {
}
