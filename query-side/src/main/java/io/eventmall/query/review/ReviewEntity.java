package io.eventmall.query.review;

import io.eventmall.api.review.ReviewView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "review_view")
class ReviewEntity {

    @Id
    private String reviewId;
    @Column(nullable = false)
    private String productId;
    @Column(nullable = false)
    private String orderId;
    @Column(nullable = false)
    private String customerId;
    private int rating;
    @Column(nullable = false)
    private String content;
    @Column(nullable = false)
    private Instant writtenAt;

    protected ReviewEntity() {
    }

    ReviewEntity(String reviewId, String productId, String orderId, String customerId, int rating, String content,
                 Instant writtenAt) {
        this.reviewId = reviewId;
        this.productId = productId;
        this.orderId = orderId;
        this.customerId = customerId;
        this.rating = rating;
        this.content = content;
        this.writtenAt = writtenAt;
    }

    ReviewView toView() {
        return new ReviewView(reviewId, productId, customerId, rating, content, writtenAt);
    }
}
