package io.eventmall.api.search;

import java.time.Instant;

/** One product as search shows it; {@code soldUnits} counts units in paid, not refunded orders. */
public record ProductSearchHit(String productId, String name, String subtitle, String categoryId, String categoryName,
                               String merchantId, long price, long soldUnits, double rating, Instant createdAt) {
}
