package io.eventmall.api.category;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateCategory(@TargetAggregateIdentifier String categoryId, String name, String parentId) {
}
