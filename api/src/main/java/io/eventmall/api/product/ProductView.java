package io.eventmall.api.product;

import java.time.Instant;
import java.util.List;

public record ProductView(String productId, String merchantId, String categoryId, String name, String subtitle, String description, List<String> images, long price, boolean listed, int available, Instant createdAt) {
}
