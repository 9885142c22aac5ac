package io.eventmall.api.review;

/** A product's reviews newest first. Answers a {@code CursorPage<ReviewView>}. */
public record FindReviewsOfProduct(String productId, String cursor, int size) {
}
