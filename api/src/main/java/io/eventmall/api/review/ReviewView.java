package io.eventmall.api.review;

import java.time.Instant;

public record ReviewView(String reviewId, String productId, String customerId, int rating, String content,
                         Instant writtenAt) {
}
