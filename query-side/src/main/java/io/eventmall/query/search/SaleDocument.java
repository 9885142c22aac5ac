package io.eventmall.query.search;

import java.time.Instant;

/**
 * One document of the sales index ({@code elasticsearch/sales-v2.json}, docs/analytics.md). A paid order line
 * is a {@code paid} document at the time the order was paid, with its units and its share of what was paid
 * (after discounts); a refund adds a {@code refund} document per line at the refund's time with the same figures
 * negated, and marks the paid document {@code refunded}. So a sum over any time range is the net of what was
 * paid and refunded in it. {@code orders} is 1 on the first line of an order (-1 on its refund), and
 * {@code categoryOrders}, {@code merchantOrders}, {@code productOrders} are 1 on the order's first line of that
 * category, shop or product: summing them counts distinct orders exactly.
 */
record SaleDocument(Instant time, String kind, String orderId, int lineNo, String customerId, String categoryId,
                    String merchantId, String productId, String flashSaleId, boolean flashSale, int units, long amount,
                    int orders, int categoryOrders, int merchantOrders, int productOrders, Boolean refunded,
                    Instant refundedAt) {

    static final String PAID = "paid";
    static final String REFUND = "refund";

    /** The same line's refund at {@code refundedAt}: every figure negated. */
    SaleDocument refund(Instant refundedAt) {
        return new SaleDocument(refundedAt, REFUND, orderId, lineNo, customerId, categoryId, merchantId, productId,
                flashSaleId, flashSale, -units, -amount, -orders, -categoryOrders, -merchantOrders, -productOrders,
                null, null);
    }

    String documentId() {
        return REFUND.equals(kind) ? orderId + "-" + lineNo + "-refund" : orderId + "-" + lineNo;
    }
}
