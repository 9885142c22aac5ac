package io.eventmall.api.product;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.util.List;

public record CreateProduct(@TargetAggregateIdentifier String productId, String merchantId, String categoryId, String name, String subtitle, String description, List<String> images, long price) {
}
