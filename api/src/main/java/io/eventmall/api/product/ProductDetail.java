package io.eventmall.api.product;

import java.time.Instant;
import java.util.List;

/** What GET /products/{id} shows. {@code rating} is the average of the reviews (0 without reviews). */
public record ProductDetail(String productId, String categoryId, String name, String subtitle, String description,
                            List<String> images, long price, boolean listed, int available, double rating,
                            int reviewCount, MerchantSummary merchant, Instant createdAt) {
}
