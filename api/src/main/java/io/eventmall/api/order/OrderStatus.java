package io.eventmall.api.order;

/** The order states of API.md. Terminal states accept no further transition except REFUNDED from PAID/SHIPPED/COMPLETED. */
public enum OrderStatus {
    PENDING, AWAITING_PAYMENT, PAID, SHIPPED, COMPLETED, CANCELLED, EXPIRED, REJECTED, REFUNDED;

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == EXPIRED || this == REJECTED || this == REFUNDED;
    }
}
