package io.eventmall.api.order;

/**
 * The orders holding a shop's products, newest first, optionally of one status, each with only that shop's lines.
 * Answers an {@link OrderPage}.
 */
public record FindOrdersOfMerchant(String merchantId, OrderStatus status, String cursor, int size) {
}
