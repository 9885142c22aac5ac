package io.eventmall.api.product;

/**
 * Listed products newest first, of one category and/or one shop when given (null means any).
 * Answers a {@link ProductPage}.
 */
public record FindListedProducts(String categoryId, String merchantId, String cursor, int size) {
}
