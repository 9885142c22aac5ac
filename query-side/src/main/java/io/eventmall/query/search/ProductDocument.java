package io.eventmall.query.search;

import java.time.Instant;

/** A product as stored in the product search index ({@code elasticsearch/products-v1.json}). */
record ProductDocument(String productId, String name, String subtitle, String description, String categoryId,
                       String categoryName, String merchantId, long price, long soldUnits, double rating,
                       boolean listed, Instant createdAt) {
}
