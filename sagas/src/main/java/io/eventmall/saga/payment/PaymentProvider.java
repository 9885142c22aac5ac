package io.eventmall.saga.payment;

/**
 * The third party that takes the customer's money. It answers a payment request with its own reference
 * and a URL where the customer pays, later notifies POST /payments/callback (signed), and pays refunds.
 */
public interface PaymentProvider {

    PaymentSession open(String paymentId, String orderId, long amount);

    /**
     * Pays the amount back. Idempotent per payment id (a real provider gets it as the idempotency key): the
     * event asking for it may be delivered twice after a crash.
     */
    void refund(String paymentId, long amount);

    record PaymentSession(String providerReference, String payUrl) {
    }
}
