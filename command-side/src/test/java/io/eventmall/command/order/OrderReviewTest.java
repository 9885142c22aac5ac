package io.eventmall.command.order;

import io.eventmall.api.Refusal;
import io.eventmall.api.address.ShippingAddress;
import io.eventmall.api.order.OrderAccepted;
import io.eventmall.api.order.OrderLine;
import io.eventmall.api.order.OrderPaid;
import io.eventmall.api.order.OrderPlaced;
import io.eventmall.api.order.OrderRefunded;
import io.eventmall.api.order.OrderShipped;
import io.eventmall.api.review.ReviewIds;
import io.eventmall.api.review.ReviewWritten;
import io.eventmall.api.review.WriteReview;
import io.eventmall.command.Refused;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reviews are decided by the order they review: one per line, by its buyer, once paid. */
class OrderReviewTest {

    private static final String ORDER = "order-1";
    private static final String CUSTOMER = "user-1";
    private static final ShippingAddress HOME =
            new ShippingAddress("Li Lei", "13800000000", "Zhejiang", "Hangzhou", "Xihu", "1 Lake Road", null);
    private static final OrderPlaced PLACED = new OrderPlaced(ORDER, CUSTOMER,
            List.of(new OrderLine("tea", "Longjing", 1_000, 2), new OrderLine("pot", "Teapot", 2_500, 1)),
            4_500, HOME, null, null, false);
    private static final OrderAccepted ACCEPTED = new OrderAccepted(ORDER, Instant.parse("2026-06-18T10:30:00Z"));
    private static final OrderPaid PAID = new OrderPaid(ORDER, "payment-1", 4_500);

    private AggregateTestFixture<Order> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Order.class);
    }

    @Test
    void theBuyerReviewsALineOfAPaidOrder() {
        fixture.given(PLACED, ACCEPTED, PAID)
                .when(new WriteReview(ORDER, "tea", CUSTOMER, 5, "fragrant"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ReviewWritten(ReviewIds.of(ORDER, "tea"), ORDER, "tea", CUSTOMER, 5, "fragrant"));
    }

    @Test
    void aShippedOrderCountsAsBought() {
        fixture.given(PLACED, ACCEPTED, PAID, new OrderShipped(ORDER))
                .when(new WriteReview(ORDER, "pot", CUSTOMER, 3, "fine"))
                .expectEvents(new ReviewWritten(ReviewIds.of(ORDER, "pot"), ORDER, "pot", CUSTOMER, 3, "fine"));
    }

    @Test
    void eachLineIsReviewedOnceButEveryLineMayBe() {
        fixture.given(PLACED, ACCEPTED, PAID,
                        new ReviewWritten(ReviewIds.of(ORDER, "tea"), ORDER, "tea", CUSTOMER, 5, "fragrant"))
                .when(new WriteReview(ORDER, "tea", CUSTOMER, 1, "changed my mind"))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.DUPLICATE_REQUEST));
        fixture.given(PLACED, ACCEPTED, PAID,
                        new ReviewWritten(ReviewIds.of(ORDER, "tea"), ORDER, "tea", CUSTOMER, 5, "fragrant"))
                .when(new WriteReview(ORDER, "pot", CUSTOMER, 4, "solid"))
                .expectEvents(new ReviewWritten(ReviewIds.of(ORDER, "pot"), ORDER, "pot", CUSTOMER, 4, "solid"));
    }

    @Test
    void anUnpaidOrderIsNotABuy() {
        fixture.given(PLACED, ACCEPTED)
                .when(new WriteReview(ORDER, "tea", CUSTOMER, 5, "looks nice"))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.FORBIDDEN));
    }

    @Test
    void aRefundedOrderIsNotABuy() {
        fixture.given(PLACED, ACCEPTED, PAID, new OrderRefunded(ORDER, 4_500, "broken", "payment-1", PLACED.lines()))
                .when(new WriteReview(ORDER, "tea", CUSTOMER, 1, "broken"))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.FORBIDDEN));
    }

    @Test
    void onlyTheBuyerReviews() {
        fixture.given(PLACED, ACCEPTED, PAID)
                .when(new WriteReview(ORDER, "tea", "someone-else", 5, "great"))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.FORBIDDEN));
    }

    @Test
    void aProductNotOnTheOrderCannotBeReviewedThroughIt() {
        fixture.given(PLACED, ACCEPTED, PAID)
                .when(new WriteReview(ORDER, "cup", CUSTOMER, 5, "great"))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.FORBIDDEN));
    }

    @Test
    void theRatingIsOneToFiveAndTheTextRequired() {
        fixture.given(PLACED, ACCEPTED, PAID)
                .when(new WriteReview(ORDER, "tea", CUSTOMER, 6, "great"))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
        fixture.given(PLACED, ACCEPTED, PAID)
                .when(new WriteReview(ORDER, "tea", CUSTOMER, 4, " "))
                .expectNoEvents()
                .expectException(Refused.because(Refusal.VALIDATION_FAILED));
    }
}
