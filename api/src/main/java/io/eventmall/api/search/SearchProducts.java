package io.eventmall.api.search;

/**
 * Full-text product search over listed products. {@code text} may be blank (all products); the category
 * and price bounds are optional filters; {@code page} counts from 0.
 */
public record SearchProducts(String text, String categoryId, Long minPrice, Long maxPrice, SearchSort sort, int page,
                             int size) {
}
