package io.eventmall.api.order;

/** Ids of the customer's paid (or shipped, completed) orders that contain the product, newest first. */
public record FindOrdersToReview(String customerId, String productId) {
}
