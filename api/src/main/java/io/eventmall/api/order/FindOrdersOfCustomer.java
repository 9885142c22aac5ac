package io.eventmall.api.order;

/** A customer's orders newest first, optionally of one status. Answers an {@link OrderPage}. */
public record FindOrdersOfCustomer(String customerId, OrderStatus status, String cursor, int size) {
}
