package io.eventmall.api.review;

public record ReviewWritten(String reviewId, String orderId, String productId, String customerId, int rating,
                            String content) {
}
