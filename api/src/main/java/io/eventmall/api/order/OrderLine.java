package io.eventmall.api.order;

import io.eventmall.api.Money;

/**
 * One line of an order. {@code merchantId} is the shop that sold the product, recorded at placement so that the
 * order knows its shops (who may fulfil it, whose order list shows it); null on orders placed before it existed.
 */
public record OrderLine(String productId, String productName, long unitPrice, int quantity, String merchantId) {

    /** A line without its shop (orders placed before lines recorded it). */
    public OrderLine(String productId, String productName, long unitPrice, int quantity) {
        this(productId, productName, unitPrice, quantity, null);
    }

    public long lineAmount() {
        return Money.times(unitPrice, quantity);
    }
}
