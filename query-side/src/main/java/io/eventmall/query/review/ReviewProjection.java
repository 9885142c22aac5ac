package io.eventmall.query.review;

import io.eventmall.api.review.FindReviewsOfProduct;
import io.eventmall.api.review.ReviewView;
import io.eventmall.api.review.ReviewWritten;
import io.eventmall.query.paging.KeysetCursor;
import io.eventmall.api.review.ReviewPage;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;

/** Product reviews newest first. A redelivered event finds its review already there (id per order line). */
@Component
@ProcessingGroup(ReviewProjection.NAME)
public class ReviewProjection {

    public static final String NAME = "reviews";

    private final ReviewViewRepository reviews;

    ReviewProjection(ReviewViewRepository reviews) {
        this.reviews = reviews;
    }

    @EventHandler
    void on(ReviewWritten event, @Timestamp Instant at) {
        if (!reviews.existsById(event.reviewId())) {
            reviews.save(new ReviewEntity(event.reviewId(), event.productId(), event.orderId(), event.customerId(),
                    event.rating(), event.content(), at));
        }
    }

    @ResetHandler
    void reset() {
        reviews.deleteAllInBatch();
    }

    @QueryHandler
    ReviewPage handle(FindReviewsOfProduct query) {
        int size = KeysetCursor.pageSize(query.size());
        KeysetCursor after = KeysetCursor.startingAt(query.cursor());
        return KeysetCursor.pageOf(reviews.pageOfProduct(query.productId(), after.at(), after.id(), Limit.of(size + 1)),
                size, ReviewEntity::toView, review -> new KeysetCursor(review.writtenAt(), review.reviewId()),
                ReviewPage::new);
    }
}
