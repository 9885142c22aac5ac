package io.eventmall.api.category;

public record CategoryCreated(String categoryId, String name, String parentId) {
}
