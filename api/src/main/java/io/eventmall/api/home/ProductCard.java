package io.eventmall.api.home;

import java.time.Instant;

public record ProductCard(String productId, String categoryId, String name, long price, String image, boolean listed,
                          Instant createdAt) {
}
