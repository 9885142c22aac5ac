package io.eventmall.api.search;

public record CategoryFacet(String categoryId, long count) {
}
