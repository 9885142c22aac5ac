package io.eventmall.api.product;

import java.util.List;

public record ProductCreated(String productId, String merchantId, String categoryId, String name, String subtitle, String description, List<String> images, long price) {
}
