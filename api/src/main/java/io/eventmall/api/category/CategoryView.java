package io.eventmall.api.category;

public record CategoryView(String categoryId, String name, String parentId) {
}
