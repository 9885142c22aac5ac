package io.eventmall.api.review;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reviews one line of a paid order; the Order aggregate decides, since it knows its lines, status and owner. */
public record WriteReview(@TargetAggregateIdentifier String orderId, String productId, String customerId, int rating,
                          String content) {
}
