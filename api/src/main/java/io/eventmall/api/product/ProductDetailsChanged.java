package io.eventmall.api.product;

import java.util.List;

public record ProductDetailsChanged(String productId, String name, String subtitle, String description, List<String> images) {
}
