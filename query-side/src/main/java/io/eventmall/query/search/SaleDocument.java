package io.eventmall.query.search;

import java.time.Instant;

/**
 * One paid order line as analysts query it ({@code elasticsearch/sales-v1.json}): {@code time} is when the
 * order was paid; a refund keeps the document and sets {@code refunded}.
 */
record SaleDocument(Instant time, String orderId, int lineNo, String customerId, String categoryId, String merchantId,
                    String productId, int units, long amount, boolean flashSale, boolean refunded, Instant refundedAt) {
}
