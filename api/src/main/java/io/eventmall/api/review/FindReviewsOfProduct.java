package io.eventmall.api.review;

/** A product's reviews newest first. Answers a {@link ReviewPage}. */
public record FindReviewsOfProduct(String productId, String cursor, int size) {
}
