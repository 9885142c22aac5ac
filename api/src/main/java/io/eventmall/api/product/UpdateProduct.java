package io.eventmall.api.product;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import java.util.List;

public record UpdateProduct(@TargetAggregateIdentifier String productId, String name, String subtitle, String description, List<String> images, Long price) {
}
