package io.eventmall.api.review;

import java.util.List;

/** One page of reviews, newest first; {@code nextCursor} is opaque and null on the last page. */
public record ReviewPage(List<ReviewView> items, String nextCursor) {
}
