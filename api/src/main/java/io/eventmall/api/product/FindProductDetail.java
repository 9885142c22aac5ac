package io.eventmall.api.product;

/** The product page: the product with its shop and rating. Answers an optional {@link ProductDetail}. */
public record FindProductDetail(String productId) {
}
