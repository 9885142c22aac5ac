package io.eventmall.api.category;

public record FindCategory(String categoryId) {
}
